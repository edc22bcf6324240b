import { ContractError, type CloseResult, type ParsedInput } from '@shared/contract';
import { accountFor } from '../ledger/accounts';
import { fingerprintOf, type OperationOutcome } from '../ledger/ledger';
import { invalidAmount } from './cash-policy';
import { refuseWhilePending } from './blind-count';
import { listCounts } from './till-counts.repository';
import type { Actor, TillContext } from './till-context';
import { expectedCash, markClosed, readSession, requireOwner, requireStatus } from './till-sessions.repository';

/**
 * Closes a counted till on its latest count, approved by a supervisor. The
 * difference goes to the over/short account with the explanation; the part the
 * clerk disputes goes to suspense, where it waits for investigation instead of
 * being charged to anyone. What was counted goes back to the safe. One operation:
 * all of it, or nothing.
 */
/** The ledger's kind for a till close: the approval's replay check fingerprints with it too, so it is written once. */
export const TILL_CLOSE = 'till-close';

export function closeTill(ctx: TillContext, actor: Actor, input: ParsedInput<'till.close'>, approver: string): OperationOutcome<CloseResult> {
  const explanation = input.explanation && input.explanation.length > 0 ? input.explanation : null;
  return ctx.ledger.run(
    {
      id: input.operationId,
      kind: TILL_CLOSE,
      fingerprint: fingerprintOf(TILL_CLOSE, input),
      tillSessionId: input.sessionId,
      operator: actor.username,
      approver,
      reason: explanation,
    },
    (op) => {
      const session = readSession(ctx.sqlite, input.sessionId);
      requireOwner(session, actor, true);
      requireStatus(session, 'counting');
      refuseWhilePending(ctx.sqlite, session.id);
      const counts = listCounts(ctx.sqlite, session.id);
      const latest = counts.at(-1);
      if (!latest || latest.id !== input.countId) {
        throw new ContractError('RULE_BROKEN', 'close on the latest count', { rule: 'not-latest-count', latestCountId: latest?.id ?? null });
      }
      const expected = expectedCash(ctx.sqlite, session);
      if (expected !== latest.expected) throw new ContractError('RULE_BROKEN', 'the till moved since the count: count again', { rule: 'recount-needed' });
      const currency = session.currency;
      const difference = latest.counted - expected;
      const disputed = input.disputedMinor;
      if (difference !== 0 && (!explanation || explanation.length < 3)) {
        throw new ContractError('INVALID_INPUT', 'a difference needs the clerk’s explanation', {
          issues: [{ path: 'explanation', message: 'explanation required', code: 'explanation-required' }],
          rule: 'explanation-required',
        });
      }
      if (disputed > Math.abs(difference)) throw invalidAmount('disputedMinor', 'dispute-too-large', 'only the difference can be disputed');

      const cash = session.cash_account_id;
      const overShort = accountFor.overShort(currency);
      const suspense = accountFor.suspense(currency);
      const booked = Math.abs(difference) - disputed;
      if (difference < 0) {
        if (booked > 0) op.transfer({ debit: overShort, credit: cash, amount: booked, currency, code: 'short' });
        if (disputed > 0) op.transfer({ debit: suspense, credit: cash, amount: disputed, currency, code: 'short-disputed' });
      } else if (difference > 0) {
        if (booked > 0) op.transfer({ debit: cash, credit: overShort, amount: booked, currency, code: 'over' });
        if (disputed > 0) op.transfer({ debit: cash, credit: suspense, amount: disputed, currency, code: 'over-disputed' });
      }
      if (latest.counted > 0) {
        op.transfer({ debit: accountFor.safe(currency), credit: cash, amount: latest.counted, currency, code: 'close-to-safe' });
      }
      markClosed(ctx.sqlite, session.id, { at: op.at, by: approver, operationId: input.operationId });
      op.setAmount(latest.counted);
      const money = (minor: number) => ({ minor, currency });
      return {
        operationId: input.operationId,
        sessionId: session.id,
        countId: latest.id,
        counted: money(latest.counted),
        expected: money(expected),
        difference: money(difference),
        toOverShort: money(booked),
        toSuspense: money(disputed),
        returnedToSafe: money(latest.counted),
        explanation,
        approvedBy: approver,
        closedAt: op.at,
        replayed: false,
      };
    },
  );
}
