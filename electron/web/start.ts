// `npm run start:web`: the counter served to a browser on 127.0.0.1. `npm start` runs it
// bundled (out/main/web-start.js, plain Node); `npm run dev:web` from source through tsx.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CounterHost } from '../services/counter-host';
import { defaultDataDir } from '../services/data-dir';
import { startWebHost } from './web-host';

// The repository: two levels up from electron/web/ and from out/main/ alike.
const root = resolve(import.meta.dirname, '..', '..');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const dataDir = defaultDataDir();
const host = await CounterHost.start({ dataDir, version, demoOpeningSafe: true });
const web = await startWebHost({
  connect: (deliver) => host.connect(deliver),
  rendererDir: join(root, 'out', 'renderer'),
  logger: host.current.logger,
  port: Number(process.env.COUNTER_PORT ?? 0),
});

console.log(`Counter ready: open ${web.url}`);
console.log(`Data folder: ${dataDir}${host.current.status().branch?.demo ? ' (DEMO branch)' : ''}`);

const stop = async () => {
  await web.close();
  await host.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
