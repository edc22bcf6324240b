import type { DayCloseDifference, DayCloseHeadOffice, DayCloseWaitingFor } from '@shared/contract';
import type { HeadOfficeLinkSnapshot } from '../till/till-context';
import type { DayCloseWithState } from './day-close.tables';

/**
 * Why a close still waits, worked out from what is true now rather than stored:
 * the link changes every few seconds and a stored reason would soon be stale.
 */
function waitingFor(row: DayCloseWithState, unsent: number, link: HeadOfficeLinkSnapshot | null): { waitingFor: DayCloseWaitingFor; detail: string | null } {
  if (!link || link.mode === 'none') return { waitingFor: 'no-head-office', detail: null };
  if (link.state !== 'online') return { waitingFor: 'head-office-unreachable', detail: link.lastError ?? row.detail };
  if (unsent > 0) return { waitingFor: 'sending', detail: null };
  return { waitingFor: 'comparing', detail: row.detail };
}

export function dayCloseHeadOfficeView(row: DayCloseWithState, ackedSeq: number, link: HeadOfficeLinkSnapshot | null): DayCloseHeadOffice {
  const unsent = Math.max(0, row.last_seq - ackedSeq);
  const waiting = row.state === 'awaiting-head-office' ? waitingFor(row, unsent, link) : { waitingFor: null, detail: row.detail };
  return {
    dayCloseId: row.day_close_id,
    businessDate: row.business_date,
    lastSeq: row.last_seq,
    state: row.state,
    waitingFor: waiting.waitingFor,
    unsent,
    detail: waiting.detail,
    hashMatches: row.hash_matches === null ? null : row.hash_matches === 1,
    differences: JSON.parse(row.differences) as DayCloseDifference[],
    attempts: row.attempts,
    lastAttemptAt: row.last_attempt_at,
    decidedAt: row.decided_at,
  };
}
