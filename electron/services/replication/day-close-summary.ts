import type { Sqlite } from '../db/open-database';
import type { DayCloseSummary } from '../headoffice/head-office-api';
import { GENESIS_HASH } from '../ledger/transfer-hash';
import { chainEnd, postedTotalsUpTo } from './day-close-summary.repository';

/**
 * What a branch day close sends head office: where the chain ends and the posted
 * money of every account up to there, recomputed from the transfers (never from
 * the cached balances), exactly as head office recomputes it on its side.
 */
export function dayCloseSummary(sqlite: Sqlite, businessDate: string, uptoSeq?: number): DayCloseSummary {
  const last = chainEnd(sqlite, uptoSeq);
  const lastSeq = last?.seq ?? 0;
  return { business_date: businessDate, last_seq: lastSeq, last_hash: last?.hash ?? GENESIS_HASH, accounts: postedTotalsUpTo(sqlite, lastSeq) };
}
