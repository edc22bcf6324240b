import type { Sqlite } from '../db/open-database';

/**
 * Balances recomputed from the transfers alone, in SQL. Used to repair the cached
 * balances (never the transfers) and by the bench's balance check.
 */
export function balancesFromTransfers(sqlite: Sqlite): Map<string, { dp: number; dpend: number; cp: number; cpend: number }> {
  const rows = sqlite
    .prepare(
      `WITH open_pending AS (
         SELECT p.id FROM ledger_transfers p WHERE p.flags = 1
           AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.pending_id = p.id))
       SELECT account, sum(dp) AS dp, sum(dpend) AS dpend, sum(cp) AS cp, sum(cpend) AS cpend FROM (
         SELECT debit_account_id AS account,
                CASE WHEN flags IN (0, 2) THEN amount ELSE 0 END AS dp,
                CASE WHEN id IN open_pending THEN amount ELSE 0 END AS dpend,
                0 AS cp, 0 AS cpend
           FROM ledger_transfers
         UNION ALL
         SELECT credit_account_id, 0, 0,
                CASE WHEN flags IN (0, 2) THEN amount ELSE 0 END,
                CASE WHEN id IN open_pending THEN amount ELSE 0 END
           FROM ledger_transfers)
       GROUP BY account`,
    )
    .all() as Array<{ account: string; dp: number; dpend: number; cp: number; cpend: number }>;
  return new Map(rows.map((r) => [r.account, { dp: r.dp, dpend: r.dpend, cp: r.cp, cpend: r.cpend }]));
}

/** Overwrites the cached balances with the recomputed ones, in one transaction; returns the accounts changed. */
export function rebuildBalances(sqlite: Sqlite): string[] {
  return sqlite.transaction(() => {
    const recomputed = balancesFromTransfers(sqlite);
    const accounts = sqlite.prepare('SELECT id, debits_posted, debits_pending, credits_posted, credits_pending FROM ledger_accounts').all() as Array<{
      id: string;
      debits_posted: number;
      debits_pending: number;
      credits_posted: number;
      credits_pending: number;
    }>;
    const update = sqlite.prepare(
      'UPDATE ledger_accounts SET debits_posted = ?, debits_pending = ?, credits_posted = ?, credits_pending = ? WHERE id = ?',
    );
    const changed: string[] = [];
    for (const account of accounts) {
      const r = recomputed.get(account.id) ?? { dp: 0, dpend: 0, cp: 0, cpend: 0 };
      if (r.dp !== account.debits_posted || r.dpend !== account.debits_pending || r.cp !== account.credits_posted || r.cpend !== account.credits_pending) {
        update.run(r.dp, r.dpend, r.cp, r.cpend, account.id);
        changed.push(account.id);
      }
    }
    return changed;
  }).immediate();
}
