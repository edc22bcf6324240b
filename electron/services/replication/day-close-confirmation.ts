import type { Clock } from '../clock';
import type { Sqlite } from '../db/open-database';
import type { DayCloseAnswer, HeadOfficeApi } from '../headoffice/head-office-api';
import { localIsoTime } from '../ledger/local-time';
import type { DayCloseVerdicts, DayCloseWithState, HeadOfficeVerdict } from '../day-close/day-close-verdicts';
import { dayCloseSummary } from './day-close-summary';

export const verdictOf = (answer: DayCloseAnswer): HeadOfficeVerdict => ({
  outcome: answer.outcome,
  hashMatches: answer.outcome === 'behind' ? null : answer.hash_matches,
  differences: answer.differences.map((d) => ({
    accountId: d.account_id,
    branchDebits: d.branch_debits,
    branchCredits: d.branch_credits,
    headOfficeDebits: d.head_office_debits,
    headOfficeCredits: d.head_office_credits,
  })),
  headOfficeSeq: answer.head_office_seq,
  comparisonId: answer.comparison_id,
});

/**
 * Takes each day close to head office once head office holds the ledger up to
 * its last sequence, and keeps the verdict. The replication job calls it after
 * every push, so a close made offline is confirmed as soon as the link is back;
 * a disputed close is compared again only when a supervisor asks ("compare
 * now"): every comparison is recorded at head office and a mismatch raises an
 * alarm there, which must stay a signal and not become noise.
 */
export class DayCloseConfirmation {
  /** Closes head office said it was behind on, with the acknowledged seq at the time: asked again once that moves. */
  private readonly behindAt = new Map<string, number>();

  constructor(
    private readonly sqlite: Sqlite,
    private readonly verdicts: DayCloseVerdicts,
    private readonly clock: Clock,
  ) {}

  /** After a push: compares the waiting closes head office now holds in full. True when a state changed. */
  async compareReady(api: HeadOfficeApi, ackedSeq: number): Promise<boolean> {
    let changed = false;
    for (const close of this.verdicts.undecided()) {
      if (close.state !== 'awaiting-head-office' || close.last_seq > ackedSeq) continue;
      if (this.behindAt.get(close.day_close_id) === ackedSeq) continue;
      const verdict = await this.compare(api, close, ackedSeq, null);
      changed ||= verdict.outcome !== 'behind';
    }
    return changed;
  }

  /** "Compare now": these closes (waiting or disputed), each one head office holds in full. */
  async compareEach(api: HeadOfficeApi, closes: DayCloseWithState[], ackedSeq: number, requestedBy: string): Promise<void> {
    for (const close of closes) {
      if (close.last_seq > ackedSeq) continue;
      await this.compare(api, close, ackedSeq, requestedBy);
    }
  }

  /** Recomputed from the transfers up to the close (never from the cached balances), as head office does. */
  private async compare(api: HeadOfficeApi, close: DayCloseWithState, ackedSeq: number, requestedBy: string | null): Promise<HeadOfficeVerdict> {
    const summary = dayCloseSummary(this.sqlite, close.business_date, close.last_seq);
    const verdict = verdictOf(await api.compareDayClose(summary));
    this.verdicts.record(close.day_close_id, verdict, localIsoTime(this.clock.now()), requestedBy);
    if (verdict.outcome === 'behind') this.behindAt.set(close.day_close_id, ackedSeq);
    else this.behindAt.delete(close.day_close_id);
    return verdict;
  }
}
