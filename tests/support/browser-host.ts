import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CounterHost } from '../../electron/services/counter-host';
import type { CounterConfig } from '../../electron/services/counter';
import { startWebHost, type WebHost } from '../../electron/web/web-host';
import { testSecretHasher } from './test-secret-hasher';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const RENDERER_DIR = join(ROOT, 'out', 'renderer');

export interface RunningBrowserHost {
  host: CounterHost;
  web: WebHost;
  stop(): Promise<void>;
}

/**
 * The real browser host (real SQLite file in `dataDir`), as `npm run start:web` runs it.
 * `rendererDir`: for tests that only speak to the socket and need no built renderer.
 */
export async function startBrowserHost(
  config: Omit<CounterConfig, 'onProfileChanged'>,
  { rendererDir = RENDERER_DIR }: { rendererDir?: string } = {},
): Promise<RunningBrowserHost> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error('renderer not built: run `npx electron-vite build` (npm test does it first)');
  }
  // As in counter-fixture: no PGlite demo head office unless the test asks for one, PINs at the test cost.
  const host = await CounterHost.start({ headOffice: { mode: 'none' }, secretHasher: testSecretHasher(), ...config });
  const web = await startWebHost({
    connect: (deliver) => host.connect(deliver),
    rendererDir,
    logger: host.current.logger,
  });
  return {
    host,
    web,
    stop: async () => {
      await web.close();
      await host.close();
    },
  };
}
