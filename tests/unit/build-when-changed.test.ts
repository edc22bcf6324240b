import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { buildIsCurrent, writeBuildStamp } from '../../scripts/build-when-changed.mjs';
import { makeTempDir } from '../support/temp-dir';

const temp = makeTempDir('build-stamp-');
afterAll(() => temp.remove());

function write(path: string, text: string): void {
  mkdirSync(dirname(join(temp.dir, path)), { recursive: true });
  writeFileSync(join(temp.dir, path), text);
}

it('npm start rebuilds only when a source changed or an output is missing, and a rewrite of identical bytes is no change', () => {
  write('electron/services/counter.ts', 'export const a = 1;');
  write('renderer/src/app.tsx', 'export const b = 2;');
  write('shared/contract/index.ts', 'export const c = 3;');
  write('package.json', '{}');
  const outputs = ['out/main/index.js', 'out/main/demo-head-office-process.js', 'out/main/web-start.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
  for (const o of outputs) write(o, 'built');
  expect(buildIsCurrent(temp.dir)).toBe(false); // never built: no stamp

  writeBuildStamp(temp.dir);
  expect(buildIsCurrent(temp.dir)).toBe(true);

  write('renderer/src/app.tsx', 'export const b = 3;');
  expect(buildIsCurrent(temp.dir)).toBe(false);
  write('renderer/src/app.tsx', 'export const b = 2;'); // same bytes again (a checkout back): current
  expect(buildIsCurrent(temp.dir)).toBe(true);

  write('shared/contract/new-method.ts', 'export {};'); // a new file is a change
  expect(buildIsCurrent(temp.dir)).toBe(false);
  writeBuildStamp(temp.dir);
  expect(buildIsCurrent(temp.dir)).toBe(true);

  write('electron.vite.config.ts', 'export default {};'); // the bundler's config counts
  expect(buildIsCurrent(temp.dir)).toBe(false);
  writeBuildStamp(temp.dir);

  expect(buildIsCurrent(temp.dir)).toBe(true);
  rmSync(join(temp.dir, 'out', 'main', 'demo-head-office-process.js')); // an output gone: build again
  expect(buildIsCurrent(temp.dir)).toBe(false);
});
