import type { Sqlite } from '../db/open-database';
import type { DayCloseSummary } from '../headoffice/head-office-api';
import { GENESIS_HASH } from '../ledger/transfer-hash';

/**
 * What a branch day close sends head office: where the chain ends and the posted
 * money of every account up to there, recomputed from the transfers (never from
 * the cached balances), exactly as head office recomputes it on its side.
 */
export function dayCloseSummary(sqlite: Sqlite, businessDate: string, uptoSeq?: number): DayCloseSummary {
  const last = (
    uptoSeq === undefined
      ? sqlite.prepare('SELECT seq, hash FROM ledger_transfers ORDER BY seq DESC LIMIT 1').get()
      : sqlite.prepare('SELECT seq, hash FROM ledger_transfers WHERE seq = ?').get(uptoSeq)
  ) as { seq: number; hash: string } | undefined;
  const lastSeq = last?.seq ?? 0;
  const accounts = sqlite
    .prepare(
      `SELECT account_id, sum(debit) AS debits_posted, sum(credit) AS credits_posted FROM (
         SELECT debit_account_id AS account_id, amount AS debit, 0 AS credit FROM ledger_transfers WHERE seq <= ? AND flags IN (0, 2)
         UNION ALL
         SELECT credit_account_id, 0, amount FROM ledger_transfers WHERE seq <= ? AND flags IN (0, 2))
       GROUP BY account_id ORDER BY account_id`,
    )
    .all(lastSeq, lastSeq) as DayCloseSummary['accounts'];
  return { business_date: businessDate, last_seq: lastSeq, last_hash: last?.hash ?? GENESIS_HASH, accounts };
}
