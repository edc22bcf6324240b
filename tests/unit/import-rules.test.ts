import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/browser-host';

// Lint is the architecture's guard: prove each rule bites, so a config edit
// that silently disables one fails here.
const eslint = new ESLint({ cwd: ROOT });

async function restrictedImports(file: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}/${file}` });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;
}

describe('import rules', () => {
  it.each([
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
  ])('%s refuses: %s', async (file, code) => {
    expect(await restrictedImports(file, `${code}\nexport const used = 1;`)).toBeGreaterThan(0);
  });

  it.each([
    ['renderer/src/x.ts', "import { methods } from '@shared/contract';"],
    ['electron/services/x.ts', "import { methods } from '@shared/contract';"],
    ['electron/main/x.ts', "import { app } from 'electron';"],
    ['electron/preload/x.ts', "import { contextBridge } from 'electron';"],
    ['shared/contract/x.ts', "import { ROLES } from '../roles';"],
  ])('%s allows: %s', async (file, code) => {
    expect(await restrictedImports(file, `${code}\nexport const used = 1;`)).toBe(0);
  });
});
