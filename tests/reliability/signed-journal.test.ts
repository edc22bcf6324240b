import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { uuid7 } from '@shared/uuid7';
import { createCounter } from '../../electron/services/counter';
import { verifyLedger } from '../../electron/services/ledger/verify-ledger';
import { moveSafeCash } from '../../electron/services/till/safe';
import { completeSale } from '../../electron/services/till/sale';
import { confirmReceipt, openTill } from '../../electron/services/till/till-open';
import { makeTempDir } from '../support/temp-dir';
import { clerk, djf, HASSAN, openLedgerHarness, type LedgerHarness } from './ledger-harness';
import { recomputeAttack } from './support/recompute-attack';

const ROOT = resolve(import.meta.dirname, '../..');
const sqlite3 = (file: string, statement: string) => spawnSync('sqlite3', [file, statement], { encoding: 'utf8' });
const verifyCli = (file: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/services/cli/ledger.ts'), 'verify', '--db', file], { cwd: ROOT, encoding: 'utf8' });

/** A safe delivery, a till opened and confirmed (3 transfers), then one-transfer sales: seq 4 onwards are sales. */
function trade(h: LedgerHarness, sales: number): string {
  const t = h.tills;
  moveSafeCash(t, HASSAN, 'received', { operationId: uuid7(), amount: djf(100_000) });
  const opened = openTill(t, HASSAN, { operationId: uuid7(), tillId: 'G1', clerk: 'amina', float: djf(10_000) });
  confirmReceipt(t, clerk('amina'), { operationId: uuid7(), pendingTransferId: opened.result.pending[0]!.transferId });
  for (let i = 0; i < sales; i += 1) {
    completeSale(t, clerk('amina'), { operationId: uuid7(), sessionId: opened.result.sessionId, lines: [{ productCode: 'STAMP-LOCAL', quantity: 2 }], tendered: djf(200) });
  }
  return opened.result.sessionId;
}

describe('a journal that cannot be rewritten quietly', () => {
  it('the recompute attack passes the hash chain, balances and totals, and fails the signatures at the rewritten row', async () => {
    const temp = makeTempDir('signed-journal-');
    try {
      const file = join(temp.dir, 'branch.sqlite');
      const h = await openLedgerHarness(file);
      trade(h, 60);
      const fingerprint = h.tills.ledger.journal.fingerprint;
      await h.close();
      const clean = verifyCli(file);
      expect(clean.stdout).toContain(`signed by key ${fingerprint}`);
      expect(clean.status).toBe(0);

      recomputeAttack(file, 50);
      const db = new Database(file, { readonly: true });
      const target = (db.prepare('SELECT id, amount FROM ledger_transfers WHERE seq = 50').get() as { id: string; amount: number });
      expect(target.amount).toBe(300);
      const report = verifyLedger(db);
      db.close();
      // Everything a key-less chain can check holds: only the signatures see the rewrite.
      const byName = Object.fromEntries(report.checks.map((c) => [c.name, c.ok]));
      expect(byName).toMatchObject({ sequence: true, 'hash-chain': true, balances: true, 'session-totals': true, 'debits-equal-credits': true, signatures: false });
      expect(report.firstBadRow).toMatchObject({ seq: 50, transferId: target.id, check: 'signatures' });
      expect(report.signedBy).toBeNull();

      const tampered = verifyCli(file);
      expect(tampered.status).toBe(1);
      expect(tampered.stdout).toContain(`FIRST BAD ROW: seq 50 (transfer ${target.id}), signatures`);
      expect(tampered.stdout).toContain('NOT VERIFIED');

      // Back in the counter's hands: the rewritten balances fail their seal, and the start-up check refuses the head.
      const reopened = await openLedgerHarness(file);
      const inApp = verifyLedger(reopened.opened.sqlite, { journal: reopened.tills.ledger.journal });
      expect(inApp.badAccounts.filter((a) => a.sealHolds === false).map((a) => a.accountId).sort()).toEqual(
        [...new Set([`till-cash:${(reopened.opened.sqlite.prepare('SELECT till_session_id AS s FROM ledger_transfers WHERE seq = 50').get() as { s: string }).s}`, 'revenue:STAMP-LOCAL:DJF'])].sort(),
      );
      await reopened.close();
    } finally {
      temp.remove();
    }
  });

  it('a balance edited by hand is refused; edited past the trigger, verify names the account and the transfer after which it disagrees, and cash checks refuse it', async () => {
    const temp = makeTempDir('signed-journal-balance-');
    try {
      const file = join(temp.dir, 'branch.sqlite');
      const h = await openLedgerHarness(file);
      const sessionId = trade(h, 5);
      await h.close();
      const till = `till-cash:${sessionId}`;
      const lastMove = (new Database(file, { readonly: true }).prepare(
        'SELECT seq, id FROM ledger_transfers WHERE debit_account_id = ? OR credit_account_id = ? ORDER BY seq DESC LIMIT 1',
      ).get(till, till)) as { seq: number; id: string };

      const refused = sqlite3(file, `UPDATE ledger_accounts SET debits_posted = debits_posted + 5000 WHERE id = '${till}';`);
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toMatch(/ledger_balance_writer/);

      const edited = sqlite3(file, `DROP TRIGGER ledger_accounts_balances_by_ledger; UPDATE ledger_accounts SET debits_posted = debits_posted + 5000 WHERE id = '${till}';`);
      expect(edited.status).toBe(0);
      const cli = verifyCli(file);
      expect(cli.status).toBe(1);
      expect(cli.stdout).toMatch(new RegExp(`FAIL balances: 1 account\\(s\\) differ, first ${till}: its stored balance disagrees after transfer seq ${lastMove.seq} \\(${lastMove.id}\\)`));
      expect(cli.stdout).toContain(`account ${till}: stored`);

      const reopened = await openLedgerHarness(file);
      // The till now "holds" 5,000 more: a cash movement out of it must not believe that.
      expect(() => moveSafeCash(reopened.tills, HASSAN, 'received', { operationId: uuid7(), amount: djf(1) })).not.toThrow();
      let refusal: unknown = null;
      try {
        completeSale(reopened.tills, clerk('amina'), { operationId: uuid7(), sessionId, lines: [{ productCode: 'STAMP-LOCAL', quantity: 1 }], tendered: djf(100) });
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toMatchObject({ code: 'RULE_BROKEN', details: { rule: 'balance-unchecked', accountId: till } });
      await reopened.close();
    } finally {
      temp.remove();
    }
  });

  it('random bytes inside a transfer page pass quick_check, and the counter refuses to trade at its next start', async () => {
    const temp = makeTempDir('signed-journal-damage-');
    try {
      const file = join(temp.dir, 'demo.sqlite');
      const h = await openLedgerHarness(file);
      trade(h, 40);
      const victim = h.opened.sqlite.prepare('SELECT hash FROM ledger_transfers WHERE seq = 30').get() as { hash: string };
      await h.close();

      const healthy = await createCounter({ dataDir: temp.dir, headOffice: { mode: 'none' } });
      expect(healthy.status()).toMatchObject({ state: 'ready' });
      await healthy.close();

      const bytes = readFileSync(file);
      const at = bytes.indexOf(Buffer.from(victim.hash, 'latin1'));
      expect(at).toBeGreaterThan(0);
      const noise = randomBytes(8);
      // Never the bytes already there: the damage must be real.
      for (let i = 0; i < noise.length; i += 1) if (noise[i] === bytes[at + 20 + i]) noise[i] = noise[i]! ^ 0xff;
      noise.copy(bytes, at + 20);
      writeFileSync(file, bytes);
      expect(sqlite3(file, 'PRAGMA quick_check;').stdout.trim()).toBe('ok');

      const damaged = await createCounter({ dataDir: temp.dir, headOffice: { mode: 'none' } });
      try {
        expect(damaged.status()).toMatchObject({ state: 'refused', refusal: { reason: 'corrupt' } });
        expect(damaged.status().refusal?.detail).toMatch(/journal check failed at seq (30|31)/);
        const answer = await damaged.route({ id: '1', method: 'system.diagnostics', input: {} });
        expect(answer).toMatchObject({ ok: false, error: { code: 'DATABASE_REFUSED' } });
      } finally {
        await damaged.close();
      }
    } finally {
      temp.remove();
    }
  });
});
