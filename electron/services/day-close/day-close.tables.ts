import type { Generated, Selectable } from 'kysely';
import type { DayCloseState } from '@shared/contract';

/** The branch day close as booked (migration 0003): final, whatever head office says of it. */
export interface DayCloseTable {
  id: string;
  business_date: string;
  closed_by: string;
  at: string;
  first_seq: number;
  last_seq: number;
  last_hash: string;
  /** The DayCloseSummary as JSON, returned unchanged to every retry. */
  summary: string;
}

/** Row shapes of head office's verdict on each day close (migration 0008). */

export interface DayCloseStateTable {
  day_close_id: string;
  state: DayCloseState;
  /** 0/1 once head office answered, else null. */
  hash_matches: number | null;
  /** JSON array of DayCloseDifference (branch figures beside head office's); '[]' until head office answers. */
  differences: Generated<string>;
  head_office_seq: number | null;
  head_office_comparison_id: number | null;
  detail: string | null;
  attempts: Generated<number>;
  last_attempt_at: string | null;
  decided_at: string | null;
}

/** One answer of head office, kept as received. */
export interface DayCloseCheckTable {
  id: Generated<number>;
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
export type DayCloseWithState = Selectable<DayCloseStateTable> & Pick<DayCloseTable, 'business_date' | 'last_seq' | 'last_hash'>;

export interface DayCloseTables {
  day_closes: DayCloseTable;
  day_close_states: DayCloseStateTable;
  day_close_checks: DayCloseCheckTable;
}
