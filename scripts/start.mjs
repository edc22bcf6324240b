// `npm start`: the desktop app where the Electron runtime is present, else the
// same app served to a browser on 127.0.0.1 (build machines cannot download Electron).
// The bundle (out/) is rebuilt only when a source changed (build-when-changed.mjs): a
// start with a current build goes straight to the counter.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { buildWhenChanged } from './build-when-changed.mjs';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const path = require('electron'); // the binary's path, or throws when it was never downloaded
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const binary = electronBinary();
const run = (command, args) => spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

try {
  buildWhenChanged();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(error?.exitCode ?? 1);
}
if (binary && hasDisplay) {
  process.exit(run('npx', ['electron-vite', 'preview', '--skipBuild']));
}
console.log(
  binary
    ? 'No display for the Electron window here: serving the counter to a browser instead.'
    : 'Electron runtime not available here (run `npm run electron:fetch` where the internet is reachable): serving the counter to a browser instead.',
);
// The browser host from the bundle (electron/web/start.ts built as out/main/web-start.js),
// loaded into this very Node: no tsx, no `npm run`/`npx` wrapper, no second Node start.
await import(new URL('../out/main/web-start.js', import.meta.url).href);
