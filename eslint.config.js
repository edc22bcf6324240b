// The architecture is enforced here, not hoped for: each layer may import only
// what DESIGN.md allows. tests/unit/import-rules.test.ts proves each rule bites.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const electron = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };
const ours = (layer) => [`**/${layer}/**`, `**/${layer}`, `${layer}/**`];

const servicesOnly = {
  group: [...ours('renderer'), '**/electron/main/**', '**/electron/preload/**', '../main/**', '../preload/**'],
  message: 'Services and the browser host import only shared/ and Node packages.',
};

/**
 * The service modules' layers, lowest first: each may import only the modules
 * below it. Siblings (safe, day-close, sale) do not import each other either.
 * A new counter service (savings, money orders, wallet…) goes beside mail.
 */
const COUNTER_SERVICES = ['mail', 'pickup', 'savings', 'money-orders'];
const SERVICE_LAYERS = {
  ledger: ['customers', 'counterparty', 'till', 'safe', 'day-close', 'sale', ...COUNTER_SERVICES],
  // The customer register: shared by every financial service, so below all of them.
  customers: ['counterparty', 'till', 'safe', 'day-close', 'sale', ...COUNTER_SERVICES],
  // Operations with a counterparty: above the ledger (and the print outbox), below the till (whose
  // Z report and day close list open items) and the financial services that use the frame.
  counterparty: ['till', 'safe', 'day-close', 'sale', ...COUNTER_SERVICES],
  till: ['safe', 'day-close', 'sale', ...COUNTER_SERVICES],
  safe: ['day-close', 'sale', ...COUNTER_SERVICES],
  'day-close': ['safe', 'sale', ...COUNTER_SERVICES],
  sale: ['safe', 'day-close', ...COUNTER_SERVICES],
  mail: ['pickup', 'savings', 'money-orders'],
  // Savings and money orders sit beside mail: none reaches into another.
  savings: ['mail', 'pickup', 'money-orders'],
  'money-orders': ['mail', 'pickup', 'savings'],
};

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
    rules: { 'no-restricted-imports': ['error', { paths: [electron], patterns: [servicesOnly] }] },
  },
  // Service modules import downwards only, so their graph has no cycles. Each
  // entry: a module, and the modules above it (or beside it) that it must not
  // import. A later block replaces the rule's options, so servicesOnly is repeated.
  ...Object.entries(SERVICE_LAYERS).map(([module, above]) => ({
    files: [`electron/services/${module}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electron],
        patterns: [
          servicesOnly,
          {
            group: above.flatMap((other) => [`../${other}`, `../${other}/**`, `**/services/${other}`, `**/services/${other}/**`]),
            message: `${module}/ sits below ${above.join(', ')}: service modules import downwards only (ledger ← till ← safe, day-close, sale ← mail ← pickup). Pass what you need in from the composition root (counter.ts) instead.`,
          },
        ],
      }],
    },
  })),
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
