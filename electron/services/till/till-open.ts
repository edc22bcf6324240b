import { ContractError, type CashMovementResult, type ParsedInput, type TillSessionView } from '@shared/contract';
import { accountFor } from '../ledger/accounts';
import { UsersRepository } from '../auth/users.repository';
import { fingerprintOf, type OperationOutcome } from '../ledger/ledger';
import { checkAmount } from './cash-policy';
import type { Actor, TillContext } from './till-context';
import { insertSession, markClosed, readSession, requireOwner, setStatus, supervisorView } from './till-sessions.repository';

/**
 * A supervisor opens a till session for a clerk and gives the float from the
 * safe. The float is a reservation (pending transfer): the safe no longer
 * counts it, the till does not yet, until the clerk confirms receipt.
 */
export function openTill(ctx: TillContext, actor: Actor, input: ParsedInput<'till.open'>): OperationOutcome<TillSessionView> {
  const config = ctx.config();
  const amount = checkAmount('float.minor', input.float, config);
  const clerk = new UsersRepository(ctx.sqlite).findByUsername(input.clerk);
  if (!clerk || clerk.disabled || clerk.role !== 'clerk') {
    throw new ContractError('INVALID_INPUT', `${input.clerk} is not an active clerk`, {
      issues: [{ path: 'clerk', message: 'not an active clerk', code: 'not-a-clerk' }],
      rule: 'not-a-clerk',
    });
  }
  const sessionId = input.operationId;
  const outcome = ctx.ledger.run(
    { id: input.operationId, kind: 'till-open', fingerprint: fingerprintOf('till-open', input), tillSessionId: sessionId, operator: actor.username, approver: actor.username, reason: null },
    (op) => {
      const cash = op.account(accountFor.tillCash(sessionId, input.tillId, config.currency));
      try {
        insertSession(ctx.sqlite, {
          id: sessionId,
          till_id: input.tillId,
          clerk: input.clerk,
          currency: config.currency,
          cash_account_id: cash.id,
          opened_by: actor.username,
          opened_at: op.at,
          status: 'awaiting-float',
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : '';
        if (/till_sessions\.till_id/.test(message)) throw new ContractError('CONFLICT', `till ${input.tillId} is already open`, { rule: 'till-busy', tillId: input.tillId });
        if (/till_sessions\.clerk/.test(message)) throw new ContractError('CONFLICT', `${input.clerk} already has a till open`, { rule: 'clerk-busy', clerk: input.clerk });
        throw error;
      }
      op.transfer({ debit: cash.id, credit: accountFor.safe(config.currency), amount, currency: config.currency, code: 'float', phase: 'pending' });
      op.setAmount(amount);
      return supervisorView(ctx.sqlite, readSession(ctx.sqlite, sessionId));
    },
  );
  return outcome;
}

function readPending(ctx: TillContext, pendingTransferId: string) {
  const pending = ctx.ledger.readTransfer(pendingTransferId);
  if (!pending || pending.flags !== 1 || !pending.till_session_id) {
    throw new ContractError('NOT_FOUND', 'no cash in transit with this id', { rule: 'pending-not-found', pendingTransferId });
  }
  return { pending, session: readSession(ctx.sqlite, pending.till_session_id) };
}

/**
 * The receiver confirms cash in transit: the till's clerk a float or top-up, a
 * supervisor a drop into the safe. The first float confirmed opens the till.
 */
export function confirmReceipt(ctx: TillContext, actor: Actor, input: ParsedInput<'till.confirmReceipt'>): OperationOutcome<CashMovementResult> {
  const sessionId = readPending(ctx, input.pendingTransferId).session.id;
  return ctx.ledger.run(
    { id: input.operationId, kind: 'pending-post', fingerprint: fingerprintOf('pending-post', input), tillSessionId: sessionId, operator: actor.username, approver: null, reason: null },
    (op) => {
      const { pending, session } = readPending(ctx, input.pendingTransferId);
      if (pending.code === 'drop') {
        if (actor.role !== 'supervisor') throw new ContractError('FORBIDDEN_ROLE', 'a supervisor confirms cash arriving in the safe', { rule: 'supervisor-receives' });
      } else {
        requireOwner(session, actor, false);
      }
      op.transfer({
        debit: pending.debit_account_id,
        credit: pending.credit_account_id,
        amount: pending.amount,
        currency: pending.currency,
        code: pending.code,
        phase: 'post-pending',
        pendingId: pending.id,
        tillSessionId: session.id,
      });
      if (pending.code === 'float' && session.status === 'awaiting-float') setStatus(ctx.sqlite, session.id, 'open');
      op.setAmount(pending.amount);
      return {
        operationId: input.operationId,
        sessionId: session.id,
        kind: pending.code === 'drop' ? 'drop-confirmed' : 'float-confirmed',
        amount: { minor: pending.amount, currency: pending.currency },
        reasonCode: null,
        at: op.at,
        approvedBy: null,
        pendingTransferId: pending.id,
        replayed: false,
      };
    },
  );
}

/** Cash in transit that did not arrive returns where it came from; a till never floated closes. */
export function cancelPending(ctx: TillContext, actor: Actor, input: ParsedInput<'till.cancelPending'>): OperationOutcome<CashMovementResult> {
  const sessionId = readPending(ctx, input.pendingTransferId).session.id;
  return ctx.ledger.run(
    { id: input.operationId, kind: 'pending-void', fingerprint: fingerprintOf('pending-void', input), tillSessionId: sessionId, operator: actor.username, approver: actor.username, reason: input.reason },
    (op) => {
      const { pending, session } = readPending(ctx, input.pendingTransferId);
      op.transfer({
        debit: pending.debit_account_id,
        credit: pending.credit_account_id,
        amount: pending.amount,
        currency: pending.currency,
        code: pending.code,
        phase: 'void-pending',
        pendingId: pending.id,
        tillSessionId: session.id,
      });
      if (pending.code === 'float' && session.status === 'awaiting-float') {
        markClosed(ctx.sqlite, session.id, { at: op.at, by: actor.username, operationId: input.operationId });
      }
      op.setAmount(pending.amount);
      return {
        operationId: input.operationId,
        sessionId: session.id,
        kind: 'pending-cancelled',
        amount: { minor: pending.amount, currency: pending.currency },
        reasonCode: null,
        at: op.at,
        approvedBy: actor.username,
        pendingTransferId: pending.id,
        replayed: false,
      };
    },
  );
}
