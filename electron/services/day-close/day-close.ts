import { ContractError, type DayCloseHeadOffice, type DayCloseSummary, type Output, type ParsedInput } from '@shared/contract';
import { accountFor } from '../ledger/accounts';
import { fingerprintOf, type OperationOutcome } from '../ledger/ledger';
import { accountsById } from '../ledger/accounts.repository';
import { businessDate } from '../ledger/local-time';
import { GENESIS_HASH } from '../ledger/transfer-hash';
import { chainHead } from '../ledger/transfers.repository';
import { unresolved } from '../counterparty/counterparty-operations.repository';
import { operationView } from '../counterparty/operation-view';
import { verifyLedger } from '../ledger/verify-ledger';
import { countTotal } from '../till/cash-policy';
import type { DayCloseWithState } from './day-close.tables';
import { ackedSeqOf, blockingMismatch, recordAwaiting, stateOfDate, statesByClose, undecided } from './day-close-state.repository';
import { dayCloseHeadOfficeView } from './day-close-state.view';
import { insertDayClose, isDayClosed, lastClosedSeq, recentDayCloses } from './day-closes.repository';
import type { Actor, TillContext } from '../till/till-context';
import { assignClosedTillsToDay, liveSessions, openPending } from '../till/till-sessions.repository';

/** Head office's verdict on a close, with why it still waits when it does. */
function headOfficeView(ctx: TillContext): (row: DayCloseWithState) => DayCloseHeadOffice {
  const acked = ackedSeqOf(ctx.sqlite);
  const link = ctx.headOfficeLink?.() ?? null;
  return (row) => dayCloseHeadOfficeView(row, acked, link);
}

export function dayClosePreview(ctx: TillContext): Output<'day.preview'> {
  const date = businessDate(ctx.clock.now());
  const view = headOfficeView(ctx);
  const today = stateOfDate(ctx.sqlite, date);
  const blocking = blockingMismatch(ctx.sqlite);
  return {
    businessDate: date,
    liveTills: liveSessions(ctx.sqlite).map((s) => ({ sessionId: s.id, tillId: s.till_id, clerk: s.clerk, status: s.status })),
    pending: openPending(ctx.sqlite),
    alreadyClosed: isDayClosed(ctx.sqlite, date),
    headOffice: today ? view(today) : null,
    unconfirmed: undecided(ctx.sqlite).map(view),
    blockedBy: blocking ? view(blocking) : null,
    counterpartyOpen: unresolved(ctx.sqlite).map(operationView),
  };
}

/** A summary as answered: what was booked, and where head office stands on it now. */
export function withHeadOffice<S extends DayCloseSummary>(ctx: TillContext, summaries: S[]): S[] {
  const states = statesByClose(ctx.sqlite, summaries.map((s) => s.id));
  const view = headOfficeView(ctx);
  return summaries.map((summary) => {
    const state = states.get(summary.id);
    return state ? { ...summary, headOffice: view(state) } : summary;
  });
}

/**
 * The branch day close, one atomic step: every till closed, no cash in transit,
 * the safe counted (a difference goes to suspense with the explanation: it is
 * investigated, not absorbed), and the branch summary (last sequence, last hash,
 * per-account totals) stored for the head-office comparison. A power cut leaves
 * it undone, never half done; retrying with the same id returns the summary.
 *
 * The close then awaits head office: it is final once head office, recomputing
 * from what it received, confirms it. While head office disputes an earlier
 * close, no further day closes (the Horizon lesson: a difference is settled,
 * never rolled over into the next period).
 */
export function closeDay(ctx: TillContext, actor: Actor, input: ParsedInput<'day.close'>): OperationOutcome<DayCloseSummary> {
  // The start-up check walks only what came after the last close; the close itself checks the
  // whole journal (sequence, chain, signatures, balances, totals) before it seals another day.
  const journal = verifyLedger(ctx.sqlite, { journal: ctx.ledger.journal });
  if (!journal.ok) {
    throw new ContractError('RULE_BROKEN', 'the journal fails its check: the day cannot be closed', {
      rule: 'journal-check-failed',
      firstBadRow: journal.firstBadRow,
      failed: journal.checks.filter((check) => !check.ok).map((check) => check.name),
    });
  }
  const config = ctx.config();
  const currency = config.currency;
  const counted = countTotal(input.safeCount, config, 'safeCount');
  const explanation = input.explanation && input.explanation.length > 0 ? input.explanation : null;
  const outcome = ctx.ledger.run(
    { id: input.operationId, kind: 'day-close', fingerprint: fingerprintOf('day-close', input), tillSessionId: null, operator: actor.username, approver: actor.username, reason: explanation },
    (op) => {
      const date = businessDate(op.date);
      if (isDayClosed(ctx.sqlite, date)) {
        throw new ContractError('RULE_BROKEN', `the business day ${date} is already closed`, { rule: 'period-closed', businessDate: date });
      }
      const disputed = blockingMismatch(ctx.sqlite);
      if (disputed) {
        throw new ContractError('RULE_BROKEN', `head office disputes the close of ${disputed.business_date}: settle it before closing another day`, {
          rule: 'day-close-blocked',
          dayCloseId: disputed.day_close_id,
          businessDate: disputed.business_date,
          differences: JSON.parse(disputed.differences) as unknown,
          hashMatches: disputed.hash_matches === null ? null : disputed.hash_matches === 1,
        });
      }
      // Money reserved for a counterparty whose answer is not known: the day cannot be sealed over
      // it (the resolver asks until it knows, or the hold expires and the reservation is voided).
      const waiting = unresolved(ctx.sqlite);
      if (waiting.length > 0) {
        throw new ContractError('RULE_BROKEN', 'operations still wait for a counterparty', {
          rule: 'counterparty-operations-open',
          operations: waiting.map((row) => ({ operationId: row.id, kind: row.kind, counterparty: row.counterparty, state: row.state })),
        });
      }
      const live = liveSessions(ctx.sqlite);
      if (live.length > 0) {
        throw new ContractError('RULE_BROKEN', 'close every till first', {
          rule: 'tills-open',
          tills: live.map((s) => ({ sessionId: s.id, tillId: s.till_id, clerk: s.clerk, status: s.status })),
        });
      }
      const pending = openPending(ctx.sqlite);
      if (pending.length > 0) {
        throw new ContractError('RULE_BROKEN', 'cash is still in transit', { rule: 'pending-transfers', pending: pending.map((p) => p.transferId) });
      }
      const safe = op.account(accountFor.safe(currency));
      const expected = safe.debits_posted - safe.credits_posted;
      const difference = counted - expected;
      if (difference !== 0 && (!explanation || explanation.length < 3)) {
        throw new ContractError('INVALID_INPUT', 'a safe difference needs an explanation', {
          issues: [{ path: 'explanation', message: 'explanation required', code: 'explanation-required' }],
          rule: 'explanation-required',
        });
      }
      const suspense = accountFor.suspense(currency);
      if (difference < 0) op.transfer({ debit: suspense, credit: safe.id, amount: -difference, currency, code: 'safe-short' });
      if (difference > 0) op.transfer({ debit: safe.id, credit: suspense, amount: difference, currency, code: 'safe-over' });

      const previousSeq = lastClosedSeq(ctx.sqlite);
      const last = chainHead(ctx.sqlite);
      const accounts = accountsById(ctx.sqlite);
      const money = (minor: number) => ({ minor, currency });
      const summary: DayCloseSummary = {
        id: input.operationId,
        businessDate: date,
        closedBy: actor.username,
        at: op.at,
        firstSeq: (previousSeq ?? 0) + 1,
        lastSeq: last?.seq ?? 0,
        lastHash: last?.hash ?? GENESIS_HASH,
        keyFingerprint: ctx.ledger.journal.fingerprint,
        safe: { expected: money(expected), counted: money(counted), difference: money(difference), explanation },
        accounts: accounts.map((a) => ({ accountId: a.id, code: a.code, currency: a.currency, debitsPosted: a.debits_posted, creditsPosted: a.credits_posted })),
        replayed: false,
      };
      insertDayClose(ctx.sqlite, {
        id: summary.id,
        business_date: date,
        closed_by: actor.username,
        at: op.at,
        first_seq: summary.firstSeq,
        last_seq: summary.lastSeq,
        last_hash: summary.lastHash,
        summary: JSON.stringify(summary),
      });
      recordAwaiting(ctx.sqlite, summary.id);
      assignClosedTillsToDay(ctx.sqlite, summary.id);
      op.setAmount(counted);
      return summary;
    },
  );
  // The close is the day's reference point: a copy of the ledger is taken right after it.
  if (!outcome.replayed) ctx.onDayClosed?.();
  return outcome;
}

export function listDayCloses(ctx: TillContext, limit: number): DayCloseSummary[] {
  return withHeadOffice(ctx, recentDayCloses(ctx.sqlite, limit).map((row) => JSON.parse(row.summary) as DayCloseSummary));
}
