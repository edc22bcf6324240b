import { expect } from 'vitest';
import type { Sqlite } from '../../electron/services/db/open-database';
import { balancesFromTransfers } from '../../electron/services/ledger/transfers.repository';
import { verifyLedger } from '../../electron/services/ledger/verify-ledger';

/** What must hold after every operation, whatever happened before. */
export function expectLedgerInvariants(sqlite: Sqlite): void {
  const report = verifyLedger(sqlite);
  expect(report.firstBadRow).toBeNull();
  expect(report.checks.filter((c) => !c.ok)).toEqual([]);

  // Debits equal credits per currency, counted from the transfers themselves.
  const sides = sqlite.prepare('SELECT currency, sum(amount) AS total FROM ledger_transfers WHERE flags IN (0, 2) GROUP BY currency').all() as Array<{ currency: string; total: number }>;
  const accounts = sqlite
    .prepare('SELECT currency, sum(debits_posted) AS d, sum(credits_posted) AS c FROM ledger_accounts GROUP BY currency')
    .all() as Array<{ currency: string; d: number; c: number }>;
  for (const side of sides) {
    const account = accounts.find((a) => a.currency === side.currency);
    expect(account?.d).toBe(side.total);
    expect(account?.c).toBe(side.total);
  }

  // Balances equal the sums of the transfers (an SQL recomputation, independent of verify's).
  const recomputed = balancesFromTransfers(sqlite);
  const stored = sqlite.prepare('SELECT id, debits_posted, credits_posted, debits_pending, credits_pending FROM ledger_accounts').all() as Array<{
    id: string;
    debits_posted: number;
    credits_posted: number;
    debits_pending: number;
    credits_pending: number;
  }>;
  for (const account of stored) {
    const r = recomputed.get(account.id) ?? { dp: 0, cp: 0, dpend: 0, cpend: 0 };
    expect([account.id, account.debits_posted, account.credits_posted, account.debits_pending, account.credits_pending]).toEqual([account.id, r.dp, r.cp, r.dpend, r.cpend]);
  }

  // No till and no safe below zero, counting cash already promised elsewhere.
  const negative = sqlite
    .prepare("SELECT id FROM ledger_accounts WHERE code IN ('till-cash', 'safe') AND debits_posted - credits_posted - credits_pending < 0")
    .all();
  expect(negative).toEqual([]);

  // Every operation is whole: its row says how many transfers it has, and it has them.
  const partial = sqlite
    .prepare(
      `SELECT o.id FROM ledger_operations o
        WHERE o.transfer_count <> (SELECT count(*) FROM ledger_transfers t WHERE t.operation_id = o.id)`,
    )
    .all();
  expect(partial).toEqual([]);
  const orphans = sqlite.prepare('SELECT t.id FROM ledger_transfers t LEFT JOIN ledger_operations o ON o.id = t.operation_id WHERE o.id IS NULL').all();
  expect(orphans).toEqual([]);
}
