import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/browser-host';

// Lint is the architecture's guard: prove each rule bites, so a config edit
// that silently disables one fails here.

const refused: Array<[string, string]> = [
  ['renderer/src/x.ts', "import { app } from 'electron';"],
  ['renderer/src/x.ts', "import { createCounter } from '../../electron/services/counter';"],
  ['renderer/src/x.ts', "import { readFileSync } from 'node:fs';"],
  ['renderer/src/x.ts', "import Database from 'better-sqlite3';"],
  ['shared/x.ts', "import { createCounter } from '../electron/services/counter';"],
  ['shared/x.ts', "import { App } from '../renderer/src/app';"],
  ['shared/x.ts', "import { createHash } from 'node:crypto';"],
  ['electron/services/x.ts', "import { app } from 'electron';"],
  ['electron/services/x.ts', "import { App } from '../../renderer/src/app';"],
  ['electron/web/x.ts', "import { ipcMain } from 'electron';"],
  // Every IPC call passes the sender check: raw ipcMain only in ipc-call-channel.ts.
  ['electron/main/x.ts', "import { ipcMain } from 'electron';"],
  // Service modules import downwards only: ledger ← till ← safe, day-close, sale ← mail ← pickup.
  ['electron/services/ledger/x.ts', "import type { Actor } from '../till/till-context';"],
  ['electron/services/till/x.ts', "import { moveSafeCash } from '../safe/safe';"],
  ['electron/services/till/x.ts', "import type { DayCloseVerdicts } from '../day-close/day-close-verdicts';"],
  ['electron/services/day-close/x.ts', "import { moveSafeCash } from '../safe/safe';"],
  ['electron/services/sale/x.ts', "import { closeDay } from '../day-close/day-close';"],
  ['electron/services/safe/x.ts', "import { acceptBasket } from '../mail/acceptance';"],
  ['electron/services/mail/x.ts', "import { pickupHandlers } from '../pickup/pickup.handlers';"],
  ['electron/services/till/x.ts', "import { renderer } from '../../../renderer/src/app';"],
];
const allowed: Array<[string, string]> = [
  ['renderer/src/x.ts', "import { methods } from '@shared/contract';"],
  ['electron/services/x.ts', "import { methods } from '@shared/contract';"],
  ['electron/main/x.ts', "import { app } from 'electron';"],
  ['electron/preload/x.ts', "import { contextBridge } from 'electron';"],
  ['shared/contract/x.ts', "import { ROLES } from '../roles';"],
  ['electron/main/ipc-call-channel.ts', "import { ipcMain } from 'electron';"],
  ['electron/services/day-close/x.ts', "import type { Actor } from '../till/till-context';"],
  ['electron/services/sale/x.ts', "import { accountFor } from '../ledger/accounts';"],
  ['electron/services/mail/x.ts', "import { checkAmount } from '../till/cash-policy';"],
  ['electron/services/pickup/x.ts', "import type { MailContext } from '../mail/mail-context';"],
  ['electron/services/replication/x.ts', "import type { DayCloseVerdicts } from '../day-close/day-close-verdicts';"],
];

/** Type-aware rules: each case is a fault the compiler lets through, with the rule that catches it. */
const caught: Array<[string, string, string]> = [
  ['electron/services/x.ts', 'async function post(): Promise<void> {}\npost();', '@typescript-eslint/no-floating-promises'],
  ['electron/web/x.ts', 'setInterval(async () => {}, 1000);', '@typescript-eslint/no-misused-promises'],
  [
    'electron/services/x.ts',
    "type Kind = 'sale' | 'void';\nexport function sign(kind: Kind): number {\n  switch (kind) {\n    case 'sale':\n      return 1;\n    default:\n      return 0;\n  }\n}",
    '@typescript-eslint/switch-exhaustiveness-check',
  ],
  ['electron/main/x.ts', "import * as electron from 'electron';\nelectron.ipcMain.handle('x', () => 1);", 'no-restricted-syntax'],
];

/** Restricted-import findings per case, keyed by file and code. */
const findings = new Map<string, number>();
const key = (file: string, code: string) => `${file}\n${code}`;

/**
 * ESLint's first run loads the whole configuration, typescript-eslint included: seconds,
 * and far more on a busy machine (7 s seen on a loaded 2-core CI box, past vitest's
 * default 5 s). All cases are linted once here, under a timeout no load reaches; the
 * tests below only read the findings, so none of them depends on the machine's speed.
 */
const LINT_TIMEOUT_MS = 180_000;
beforeAll(async () => {
  const eslint = new ESLint({ cwd: ROOT });
  // Type-aware rules need the file in the TypeScript project: a case for a file that does not
  // exist is written beside it under a name of this run (same folder, so the same rules), and removed.
  const lint = async (file: string, code: string, rule: string) => {
    const text = `${code}\nexport const used = 1;`;
    const path = existsSync(join(ROOT, file)) ? join(ROOT, file) : join(ROOT, dirname(file), `lint-case-${process.pid}.ts`);
    const written = !existsSync(path);
    if (written) writeFileSync(path, text);
    try {
      const [result] = await eslint.lintText(text, { filePath: path });
      const fatal = result!.messages.find((m) => m.fatal);
      if (fatal) throw new Error(`${file}: ${fatal.message}`);
      findings.set(key(file, code), result!.messages.filter((m) => m.ruleId === rule).length);
    } finally {
      if (written) rmSync(path, { force: true });
    }
  };
  for (const [file, code] of [...refused, ...allowed]) await lint(file, code, 'no-restricted-imports');
  for (const [file, code, rule] of caught) await lint(file, code, rule);
}, LINT_TIMEOUT_MS);

describe('import rules', () => {
  it.each(refused)('%s refuses: %s', (file, code) => {
    expect(findings.get(key(file, code))).toBeGreaterThan(0);
  });

  it.each(allowed)('%s allows: %s', (file, code) => {
    expect(findings.get(key(file, code))).toBe(0);
  });

  it.each(caught)('%s: %s is caught by %s', (file, code) => {
    expect(findings.get(key(file, code))).toBeGreaterThan(0);
  });
});
