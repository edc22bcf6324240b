import type { DayCloseState } from '@shared/contract';

/** Row shapes of head office's verdict on each day close (migration 0008). */

export interface DayCloseStateTable {
  day_close_id: string;
  state: DayCloseState;
  /** 0/1 once head office answered, else null. */
  hash_matches: number | null;
  /** JSON array of DayCloseDifference (branch figures beside head office's). */
  differences: string;
  head_office_seq: number | null;
  head_office_comparison_id: number | null;
  detail: string | null;
  attempts: number;
  last_attempt_at: string | null;
  decided_at: string | null;
}

/** One answer of head office, kept as received. */
export interface DayCloseCheckTable {
  id: number;
  day_close_id: string;
  at: string;
  outcome: 'match' | 'mismatch' | 'behind';
  hash_matches: number | null;
  differences: string;
  head_office_seq: number;
  head_office_comparison_id: number;
  /** The supervisor who pressed "compare now"; null when the replication job asked. */
  requested_by: string | null;
}

/** A state row with the close it belongs to. */
export type DayCloseWithState = DayCloseStateTable & { business_date: string; last_seq: number; last_hash: string };
