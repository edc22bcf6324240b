import { join, resolve } from 'node:path';
import { build } from 'esbuild';

export const ROOT = resolve(import.meta.dirname, '../..');

/**
 * A crash test's child process, bundled once with esbuild (the transformer tsx itself uses).
 * Through tsx a child needs seconds to start (hundreds of small modules transformed and
 * resolved one by one), and the kills should land on trading, not on start-up. The bundle
 * lives under node_modules so it still finds the packages left outside it (native modules).
 */
export async function bundleCrashChild(name: string, external: { packages: 'external' } | { external: string[] }): Promise<string> {
  const outfile = join(ROOT, `node_modules/.cache/${name}/child.mjs`);
  await build({
    entryPoints: [join(ROOT, `tests/reliability/${name}-child.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    ...external,
    alias: { '@shared': join(ROOT, 'shared') },
    logLevel: 'error',
  });
  return outfile;
}
