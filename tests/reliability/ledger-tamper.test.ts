import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uuid7 } from '@shared/uuid7';
import { moveSafeCash } from '../../electron/services/safe/safe';
import { completeSale } from '../../electron/services/sale/sale';
import { confirmReceipt, openTill } from '../../electron/services/till/till-open';
import { makeTempDir } from '../support/temp-dir';
import { clerk, djf, HASSAN, openLedgerHarness } from './ledger-harness';

const ROOT = resolve(import.meta.dirname, '../..');

const sqlite3 = (file: string, statement: string) => spawnSync('sqlite3', [file, statement], { encoding: 'utf8' });
const verifyCli = (file: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/services/cli/ledger.ts'), 'verify', '--db', file], { cwd: ROOT, encoding: 'utf8' });

describe('ledger tamper evidence', () => {
  it('an amount edited in the file with the sqlite3 CLI makes verify fail at that row, and the CLI exit non-zero', async () => {
    const temp = makeTempDir('ledger-tamper-');
    try {
      const file = join(temp.dir, 'branch.sqlite');
      const h = await openLedgerHarness(file);
      const t = h.tills;
      moveSafeCash(t, HASSAN, 'received', { operationId: uuid7(), amount: djf(100_000) });
      const opened = openTill(t, HASSAN, { operationId: uuid7(), tillId: 'G1', clerk: 'amina', float: djf(10_000) });
      confirmReceipt(t, clerk('amina'), { operationId: uuid7(), pendingTransferId: opened.result.pending[0]!.transferId });
      for (let i = 0; i < 5; i += 1) {
        completeSale(t, clerk('amina'), { operationId: uuid7(), sessionId: opened.result.sessionId, lines: [{ productCode: 'STAMP-LOCAL', quantity: 2 }], tendered: djf(200) });
      }
      await h.close();
      const pristine = join(temp.dir, 'pristine.sqlite');
      copyFileSync(file, pristine);

      const clean = verifyCli(pristine);
      expect(clean.stdout).toContain('VERIFIED');
      expect(clean.status).toBe(0);

      // With the trigger in place the edit is refused by the database itself.
      const refused = sqlite3(file, 'UPDATE ledger_transfers SET amount = amount + 100 WHERE seq = 5;');
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain('append-only');

      const target = execFileSync('sqlite3', [file, 'SELECT id FROM ledger_transfers WHERE seq = 5;'], { encoding: 'utf8' }).trim();
      const edited = sqlite3(file, 'DROP TRIGGER ledger_transfers_no_update; UPDATE ledger_transfers SET amount = amount + 100 WHERE seq = 5;');
      expect(edited.status).toBe(0);
      expect(execFileSync('sqlite3', [file, 'SELECT amount FROM ledger_transfers WHERE seq = 5;'], { encoding: 'utf8' }).trim()).toBe('300');

      const tampered = verifyCli(file);
      expect(tampered.status).toBe(1);
      expect(tampered.stdout).toContain(`FIRST BAD ROW: seq 5 (transfer ${target}), hash-chain`);
      expect(tampered.stdout).toContain('NOT VERIFIED');
      // The cached balances no longer match the edited transfer either.
      expect(tampered.stdout).toMatch(/FAIL balances/);
    } finally {
      temp.remove();
    }
  });

  it('the CLI refuses to run without a database', () => {
    const missing = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/services/cli/ledger.ts'), 'verify'], { cwd: ROOT, encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--db PATH is required');
  });
});
