// The architecture is enforced here, not hoped for: each layer may import only
// what DESIGN.md allows. tests/unit/import-rules.test.ts proves each rule bites.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const electron = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };
const ours = (layer) => [`**/${layer}/**`, `**/${layer}`, `${layer}/**`];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  {
    // Type-aware rules catch what the compiler lets through: a promise nobody awaits
    // (a failed start-up leaving no window and an unhandled rejection), a promise handed
    // where a void callback is expected, a switch that forgets a case of a union.
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electron],
        patterns: [
          { group: [...ours('electron'), ...ours('renderer'), '@shared/*'], message: 'shared/ imports nothing of ours outside itself (use relative paths within shared/).' },
          { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process'], message: 'shared/ runs in the renderer too: no Node built-ins.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        paths: [electron],
        patterns: [
          { group: [...ours('electron')], message: 'renderer/ imports only shared/ (through @shared/…).' },
          { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'better-sqlite3', 'kysely', 'ws'], message: 'renderer/ runs in a sandboxed page: no Node modules.' },
        ],
      }],
    },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/web/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electron],
        patterns: [
          { group: [...ours('renderer'), '**/electron/main/**', '**/electron/preload/**', '../main/**', '../preload/**'], message: 'Services and the browser host import only shared/ and Node packages.' },
        ],
      }],
    },
  },
  {
    // Every IPC call must pass the sender check: only ipc-call-channel.ts touches ipcMain.
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/ipc-call-channel.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', importNames: ['ipcMain'], message: 'Register IPC through handleCounterCalls (electron/main/ipc-call-channel.ts): it checks the sender first.' }],
      }],
      'no-restricted-syntax': ['error', { selector: "MemberExpression[property.name='ipcMain']", message: 'Register IPC through handleCounterCalls (electron/main/ipc-call-channel.ts): it checks the sender first.' }],
    },
  },
  {
    files: ['tests/**/*.ts', 'scripts/**/*.{js,mjs,ts}'],
    rules: { 'no-restricted-imports': ['error', { paths: [electron] }] },
  },
);
