import type { DayCloseHeadOffice } from '@shared/contract';
import type { Sqlite } from '../db/open-database';
import type { HeadOfficeLinkSnapshot } from '../till/till-context';
import { ackedSeqOf, recordUnanswered, recordVerdict, stateOf, stateOfDate, undecided, type HeadOfficeVerdict } from './day-close-state.repository';
import type { DayCloseWithState } from './day-close.tables';
import { dayCloseHeadOfficeView } from './day-close-state.view';

export type { DayCloseWithState, HeadOfficeVerdict };

/**
 * How replication reports head office's verdicts on the branch's day closes.
 * The day close owns its state; replication only does the comparing and is
 * handed this port by the composition root, so it never reaches into the day
 * close's tables.
 */
export interface DayCloseVerdicts {
  /** Closes head office has not confirmed yet (waiting or disputed), oldest first. */
  undecided(): DayCloseWithState[];
  /** The close booked for that business date, if any. */
  ofDate(businessDate: string): DayCloseWithState | undefined;
  record(dayCloseId: string, verdict: HeadOfficeVerdict, at: string, requestedBy: string | null): void;
  /** Head office could not be asked: the close keeps waiting, with the reason. */
  recordUnanswered(dayCloseId: string, detail: string, at: string): void;
  /** Where the close stands, as the supervisor sees it (null: no such close). */
  view(dayCloseId: string, link: HeadOfficeLinkSnapshot | null): DayCloseHeadOffice | null;
}

export function dayCloseVerdicts(sqlite: Sqlite): DayCloseVerdicts {
  return {
    undecided: () => undecided(sqlite),
    ofDate: (businessDate) => stateOfDate(sqlite, businessDate),
    record: (dayCloseId, verdict, at, requestedBy) => recordVerdict(sqlite, dayCloseId, verdict, at, requestedBy),
    recordUnanswered: (dayCloseId, detail, at) => recordUnanswered(sqlite, dayCloseId, detail, at),
    view: (dayCloseId, link) => {
      const row = stateOf(sqlite, dayCloseId);
      return row ? dayCloseHeadOfficeView(row, ackedSeqOf(sqlite), link) : null;
    },
  };
}
