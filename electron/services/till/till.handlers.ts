import { ContractError, type Output } from '@shared/contract';
import type { Approvals } from '../auth/approvals';
import { fingerprintOf } from '../ledger/ledger';
import type { Handlers, SignedInContext } from '../router/handlers';
import { actorOf, answer } from './answer';
import { signedIn } from '../router/handlers';
import { submitCount, toCountResult } from './blind-count';
import { checkPaid, dropNeedsApproval, paidInOrOut, paidNeedsApproval, transferWithSafe } from './cash-movements';
import { checkAmount } from './cash-policy';
import { sessionOperations } from './session-operations';
import { cancelPending, confirmReceipt, openTill } from './till-open';
import type { TillContext } from './till-context';
import { listCounts } from './till-counts.repository';
import { clerkView, listSessions, liveSessionOf, readSession, requireOwner, supervisorView } from './till-sessions.repository';
import { closeTill, TILL_CLOSE } from './till-close';
import type { OperationReversal } from './operation-reversal';
import { voidOperation, voidTargetSession, type Reversals } from './void-operation';
import { zReport } from './z-report';
import type { TillSessionTable } from './till.tables';

type TillMethod =
  | 'till.config' | 'till.mine' | 'till.list' | 'till.open' | 'till.confirmReceipt' | 'till.cancelPending' | 'till.paidIn' | 'till.paidOut'
  | 'till.transferToSafe' | 'till.transferFromSafe' | 'till.submitCount' | 'till.counts' | 'till.close' | 'till.voidOperation'
  | 'till.operations' | 'till.zReport';

/** Clerks read their own till only, and its figures only once they have counted it. */
function requireReader(session: TillSessionTable, context: SignedInContext, needsCount: boolean, counted: number): void {
  if (context.session.user.role !== 'clerk') return;
  requireOwner(session, actorOf(context), false);
  if (needsCount && session.status !== 'closed' && counted === 0) {
    throw new ContractError('RULE_BROKEN', 'submit your blind count first', { rule: 'count-first' });
  }
}

/** `reversals`: how other services' operations are voided here (a mail acceptance…), by kind. */
export function tillHandlers(ctx: TillContext, approvals: Approvals, reversals: OperationReversal[] = []): Pick<Handlers, TillMethod> {
  const reversalsByKind: Reversals = new Map(reversals.map((reversal) => [reversal.kind, reversal]));
  /**
   * Approval happens before the write (it checks a secret, which is slow), but
   * after the replay check: a retry of a booked operation answers at once
   * without asking the supervisor again.
   */
  const approve = async (action: string, subject: string, context: SignedInContext, kind: string, input: { operationId: string }) => {
    const stored = ctx.ledger.replay(input.operationId, fingerprintOf(kind, input));
    if (stored !== undefined) return null;
    return approvals.require({ action, subject, session: context.session, credentials: context.approval });
  };
  const mine = (context: SignedInContext) => liveSessionOf(ctx.sqlite, context.session.user.username);

  return {
    'till.config': () => ctx.config(),
    'till.mine': (_input, context) => {
      const session = mine(signedIn(context));
      return session ? clerkView(ctx.sqlite, session) : null;
    },
    'till.list': ({ status, limit }) => {
      return listSessions(ctx.sqlite, status, limit).map((row) => supervisorView(ctx.sqlite, row));
    },
    'till.open': (input, context) => answer(openTill(ctx, actorOf(signedIn(context)), input)),
    'till.confirmReceipt': (input, context) => answer(confirmReceipt(ctx, actorOf(signedIn(context)), input)),
    'till.cancelPending': (input, context) => answer(cancelPending(ctx, actorOf(signedIn(context)), input)),
    'till.paidIn': async (input, context) => {
      const signed = signedIn(context);
      checkPaid(ctx, 'paid-in', input);
      const approver = paidNeedsApproval(ctx, 'paid-in', input) ? await approve('till.paidIn', input.sessionId, signed, 'paid-in', input) : null;
      return answer(paidInOrOut(ctx, actorOf(signed), 'paid-in', input, approver));
    },
    'till.paidOut': async (input, context) => {
      const signed = signedIn(context);
      checkPaid(ctx, 'paid-out', input);
      const approver = paidNeedsApproval(ctx, 'paid-out', input) ? await approve('till.paidOut', input.sessionId, signed, 'paid-out', input) : null;
      return answer(paidInOrOut(ctx, actorOf(signed), 'paid-out', input, approver));
    },
    'till.transferToSafe': async (input, context) => {
      const signed = signedIn(context);
      const actor = actorOf(signed);
      checkAmount('amount.minor', input.amount, ctx.config());
      const approver = dropNeedsApproval(ctx, actor, input) ? await approve('till.transferToSafe', input.sessionId, signed, 'drop', input) : null;
      return answer(transferWithSafe(ctx, actor, 'drop', input, approver ?? (actor.role === 'supervisor' ? actor.username : null)));
    },
    'till.transferFromSafe': (input, context) => {
      const actor = actorOf(signedIn(context));
      return answer(transferWithSafe(ctx, actor, 'top-up', input, actor.username));
    },
    'till.submitCount': (input, context) => answer(submitCount(ctx, actorOf(signedIn(context)), input)),
    'till.counts': ({ sessionId }, context) => {
      const session = readSession(ctx.sqlite, sessionId);
      requireReader(session, signedIn(context), false, 0);
      return listCounts(ctx.sqlite, sessionId).map((row) => toCountResult(row, session.currency));
    },
    'till.close': async (input, context) => {
      const signed = signedIn(context);
      readSession(ctx.sqlite, input.sessionId);
      const approver = await approve('till.close', input.sessionId, signed, TILL_CLOSE, input);
      return answer(closeTill(ctx, actorOf(signed), input, approver ?? signed.session.user.username));
    },
    'till.voidOperation': async (input, context) => {
      const signed = signedIn(context);
      const stored = ctx.ledger.replay<Output<'till.voidOperation'>>(input.operationId, fingerprintOf('void', input));
      if (stored) return { ...stored, replayed: true };
      const sessionId = voidTargetSession(ctx, input.targetOperationId, reversalsByKind);
      requireOwner(readSession(ctx.sqlite, sessionId), actorOf(signed), true);
      const approver = await approvals.require({ action: 'till.void', subject: input.targetOperationId, session: signed.session, credentials: signed.approval });
      return answer(voidOperation(ctx, actorOf(signed), input, approver, reversalsByKind));
    },
    'till.operations': ({ sessionId, limit }, context) => {
      requireReader(readSession(ctx.sqlite, sessionId), signedIn(context), false, 0);
      return sessionOperations(ctx, sessionId, limit, reversalsByKind);
    },
    'till.zReport': ({ sessionId }, context) => {
      const session = readSession(ctx.sqlite, sessionId);
      requireReader(session, signedIn(context), true, listCounts(ctx.sqlite, sessionId).length);
      return zReport(ctx, sessionId);
    },
  };
}
