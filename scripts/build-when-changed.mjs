// Builds the app (electron-vite: main, preload, renderer into out/) only when its sources
// changed since the last good build. A content hash, not mtimes: a git checkout or a copy
// touches every file without changing one, and hashing the sources takes well under 100 ms.
// Run directly (`node scripts/build-when-changed.mjs`) or import `buildWhenChanged()`.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
/** Everything electron-vite reads: the three source trees, its config, and what decides dependencies. */
const sources = ['electron', 'renderer', 'shared', 'electron.vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'];
/** What a complete build leaves behind; any one missing means build again. */
const outputs = ['out/main/index.js', 'out/main/demo-head-office-process.js', 'out/main/web-start.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const stampFile = (root) => join(root, 'out', 'build-stamp.json');

/** The files of a source folder, or the source itself when it is a file (absent ones still count). */
function filesOf(path) {
  if (!existsSync(path) || !statSync(path).isDirectory()) return [path];
  const entries = readdirSync(path, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** One hash of every source file's path and bytes, in a stable order. */
export function sourceHash(root = repository) {
  const hash = createHash('sha256');
  const files = sources.flatMap((s) => filesOf(join(root, s)));
  for (const file of files.map((f) => relative(root, f)).sort()) {
    hash.update(file).update('\0');
    hash.update(existsSync(join(root, file)) ? readFileSync(join(root, file)) : '(absent)').update('\0');
  }
  return hash.digest('hex');
}

function stampedHash(root) {
  try {
    return JSON.parse(readFileSync(stampFile(root), 'utf8')).sources ?? null;
  } catch {
    return null;
  }
}

/** True when out/ was built from exactly the sources on disk. */
export function buildIsCurrent(root = repository, hash = sourceHash(root)) {
  return outputs.every((o) => existsSync(join(root, o))) && stampedHash(root) === hash;
}

/** Records that out/ now holds a build of the sources whose hash is `hash`. */
export function writeBuildStamp(root = repository, hash = sourceHash(root)) {
  writeFileSync(stampFile(root), JSON.stringify({ sources: hash, builtAt: new Date().toISOString() }, null, 2));
}

/** Builds when needed; returns 'current' or 'built', throws with the bundler's exit code on failure. */
export function buildWhenChanged({ root = repository, log = console.log } = {}) {
  const hash = sourceHash(root);
  if (buildIsCurrent(root, hash)) return 'current';
  log('Sources changed since the last build: building the counter (electron-vite)…');
  const status = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  }).status;
  if (status !== 0) throw Object.assign(new Error(`electron-vite build failed (exit ${status})`), { exitCode: status ?? 1 });
  // Written only after a good build: a failed or interrupted build is retried next start.
  writeBuildStamp(root, hash);
  return 'built';
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    buildWhenChanged();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(error?.exitCode ?? 1);
  }
}
