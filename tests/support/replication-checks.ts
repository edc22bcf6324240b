import { expect } from 'vitest';
import type { SqlRunner } from '../../electron/services/headoffice/sql-runner';
import { dayCloseSummary } from '../../electron/services/replication/day-close-summary';
import { verifyLedger } from '../../electron/services/ledger/verify-ledger';
import type { LedgerTransferTable } from '../../electron/services/ledger/ledger.tables';
import type { Sqlite } from '../../electron/services/db/open-database';

/**
 * How every replication scenario ends: the branch ledger verifies, head office
 * holds exactly the branch's rows up to its acknowledged seq (no gap, no
 * duplicate, same hashes), and per-account totals are equal on both sides.
 */
export async function expectConverged(staff: SqlRunner, branchCode: string, sqlite: Sqlite): Promise<{ ackedSeq: number }> {
  const report = verifyLedger(sqlite);
  expect(report.ok, JSON.stringify(report.checks.filter((c) => !c.ok))).toBe(true);

  const cursor = await staff.query<{ acked_seq: string; acked_hash: string }>(
    'SELECT acked_seq, acked_hash FROM ho.branch_cursors WHERE branch_code = $1',
    [branchCode],
  );
  const ackedSeq = Number(cursor.rows[0]!.acked_seq);
  const held = await staff.query<{ seq: string; id: string; hash: string; amount: string }>(
    'SELECT seq, id, hash, amount FROM ho.transfers WHERE branch_code = $1 ORDER BY seq',
    [branchCode],
  );
  expect(held.rows.length).toBe(ackedSeq);
  const local = sqlite.prepare('SELECT seq, id, hash, amount FROM ledger_transfers WHERE seq <= ? ORDER BY seq').all(ackedSeq) as Array<
    Pick<LedgerTransferTable, 'seq' | 'id' | 'hash' | 'amount'>
  >;
  expect(held.rows.map((r) => [Number(r.seq), r.id, r.hash, Number(r.amount)])).toEqual(local.map((r) => [r.seq, r.id, r.hash, r.amount]));
  if (ackedSeq > 0) expect(cursor.rows[0]!.acked_hash).toBe(local[local.length - 1]!.hash);

  const totals = await staff.query<{ account_id: string; debits_posted: string; credits_posted: string }>(
    'SELECT account_id, debits_posted, credits_posted FROM ho.account_totals($1, $2) ORDER BY account_id COLLATE "C"',
    [branchCode, ackedSeq],
  );
  const branchTotals = dayCloseSummary(sqlite, 'check', ackedSeq === 0 ? undefined : ackedSeq).accounts;
  expect(totals.rows.map((r) => [r.account_id, Number(r.debits_posted), Number(r.credits_posted)])).toEqual(
    ackedSeq === 0 ? [] : branchTotals.map((a) => [a.account_id, a.debits_posted, a.credits_posted]),
  );
  return { ackedSeq };
}

/** Polls until `check` holds; fails with `what` after `timeoutMs` (a deadline, not a timing assertion). */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
