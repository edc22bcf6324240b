import type { Sqlite } from '../db/open-database';
import { balanceWriter } from './balance-writer';
import type { JournalKey } from './journal-key';

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

/**
 * Overwrites the cached balances with the recomputed ones and seals them again, in one
 * transaction; returns the accounts whose balances changed.
 */
export function rebuildBalances(sqlite: Sqlite, key: JournalKey): string[] {
  const writer = balanceWriter(sqlite);
  return sqlite.transaction(() => {
    const recomputed = balancesFromTransfers(sqlite);
    const lastMoves = new Map(
      (sqlite.prepare(`SELECT account, max(seq) AS seq FROM (
          SELECT debit_account_id AS account, seq FROM ledger_transfers UNION ALL SELECT credit_account_id, seq FROM ledger_transfers)
        GROUP BY account`).all() as Array<{ account: string; seq: number }>).map((r) => [r.account, r.seq]),
    );
    const accounts = sqlite.prepare('SELECT id, debits_posted, debits_pending, credits_posted, credits_pending FROM ledger_accounts').all() as Array<{
      id: string;
      debits_posted: number;
      debits_pending: number;
      credits_posted: number;
      credits_pending: number;
    }>;
    const update = sqlite.prepare(
      'UPDATE ledger_accounts SET debits_posted = ?, debits_pending = ?, credits_posted = ?, credits_pending = ?, last_seq = ?, balance_seal = ? WHERE id = ?',
    );
    const changed: string[] = [];
    writer.during(() => {
      for (const account of accounts) {
        const r = recomputed.get(account.id) ?? { dp: 0, dpend: 0, cp: 0, cpend: 0 };
        if (r.dp !== account.debits_posted || r.dpend !== account.debits_pending || r.cp !== account.credits_posted || r.cpend !== account.credits_pending) {
          changed.push(account.id);
        }
        const lastSeq = lastMoves.get(account.id) ?? null;
        const sealed = { id: account.id, debits_posted: r.dp, debits_pending: r.dpend, credits_posted: r.cp, credits_pending: r.cpend, last_seq: lastSeq };
        update.run(r.dp, r.dpend, r.cp, r.cpend, lastSeq, key.seal(sealed), account.id);
      }
    });
    return changed;
  }).immediate();
}
