import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Rollup } from 'vite';

const shared = { '@shared': resolve(import.meta.dirname, 'shared') };

/**
 * zod's sources carry prose comments that mention `@__PURE__` (why an IIFE is wrapped,
 * why a helper exists); rollup reads each as a misplaced annotation, drops the comment
 * (comments only — the code is untouched) and warns: INVALID_ANNOTATION, ten lines per
 * comment on every build. Exactly that warning, from zod only, is silenced; every other
 * warning still shows.
 */
function onwarn(warning: Rollup.RollupLog, warn: (warning: Rollup.RollupLog) => void): void {
  if (warning.code === 'INVALID_ANNOTATION' && /[\\/]node_modules[\\/]zod[\\/]/.test(warning.id ?? '')) return;
  warn(warning);
}

export default defineConfig({
  main: {
    resolve: { alias: shared },
    build: {
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'electron/main/index.ts'),
          // The demo head office's own process (PGlite off the counter's event loop), forked
          // by electron/services/headoffice/demo-head-office.ts from beside index.js.
          'demo-head-office-process': resolve(import.meta.dirname, 'electron/services/headoffice/demo-head-office-process.ts'),
          // The browser host (`npm start` without Electron), run by plain Node from the bundle:
          // loading ~300 TypeScript files through tsx cost seconds on every start.
          'web-start': resolve(import.meta.dirname, 'electron/web/start.ts'),
        },
        onwarn,
      },
    },
  },
  preload: {
    resolve: { alias: shared },
    build: {
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        // A sandboxed preload cannot load ES modules: emit one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
        onwarn,
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    resolve: { alias: shared },
    plugins: [react()],
    build: { rollupOptions: { input: resolve(import.meta.dirname, 'renderer/index.html'), onwarn } },
  },
});
