import { ContractError, type CashMovementResult, type ParsedInput } from '@shared/contract';
import type { PrintJob } from '../devices/print-job-store';
import { accountFor } from '../ledger/accounts';
import { fingerprintOf, type OperationOutcome } from '../ledger/ledger';
import { cashMovementReceipt } from './cash-movement-receipt';
import { checkAmount } from './cash-policy';
import { takeOperationNumber } from './operation-number';
import type { Actor, TillContext } from './till-context';
import { readSession, requireOwner, requireStatus } from './till-sessions.repository';

type PaidInput = ParsedInput<'till.paidIn'>;

/** Paid-in and paid-out need a supervisor above the configured thresholds; the handler asks before this runs. */
export function paidNeedsApproval(ctx: TillContext, kind: 'paid-in' | 'paid-out', input: PaidInput): boolean {
  const limits = ctx.config().approvalAbove;
  return input.amount.minor > (kind === 'paid-in' ? limits.paidIn : limits.paidOut);
}

export const dropNeedsApproval = (ctx: TillContext, actor: Actor, input: ParsedInput<'till.transferToSafe'>): boolean =>
  actor.role !== 'supervisor' && input.amount.minor > ctx.config().approvalAbove.drop;

/**
 * Refuses a bad amount or reason before anyone is asked to approve it; returns the amount.
 * The handler calls it first, so a supervisor never keys in a PIN for an entry that fails.
 */
export function checkPaid(ctx: TillContext, kind: 'paid-in' | 'paid-out', input: PaidInput): number {
  const config = ctx.config();
  const amount = checkAmount('amount.minor', input.amount, config);
  const reasons = kind === 'paid-in' ? config.paidInReasons : config.paidOutReasons;
  if (!reasons.some((r) => r.code === input.reasonCode)) {
    throw new ContractError('INVALID_INPUT', `unknown ${kind} reason ${input.reasonCode}`, {
      issues: [{ path: 'reasonCode', message: 'unknown reason', code: 'unknown-reason' }],
      rule: 'unknown-reason',
    });
  }
  return amount;
}

/**
 * Cash into (paid-in) or out of (paid-out) the drawer for a reason from the configured list. The
 * numbered receipt is written in the same transaction; after the commit it prints and the drawer opens.
 */
export function paidInOrOut(
  ctx: TillContext,
  actor: Actor,
  kind: 'paid-in' | 'paid-out',
  input: PaidInput,
  approver: string | null,
): OperationOutcome<CashMovementResult> {
  const config = ctx.config();
  const amount = checkPaid(ctx, kind, input);
  const reason = input.note ? `${input.reasonCode}: ${input.note}` : input.reasonCode;
  const reasonLabel = (kind === 'paid-in' ? config.paidInReasons : config.paidOutReasons).find((r) => r.code === input.reasonCode)?.label ?? null;
  const branch = ctx.branch();
  const jobs: PrintJob[] = [];
  const outcome = ctx.ledger.run(
    { id: input.operationId, kind, fingerprint: fingerprintOf(kind, input), tillSessionId: input.sessionId, operator: actor.username, approver, reason },
    (op) => {
      const session = readSession(ctx.sqlite, input.sessionId);
      requireOwner(session, actor, false);
      requireStatus(session, 'open');
      const other = kind === 'paid-in' ? accountFor.paidIn(input.reasonCode, config.currency) : accountFor.paidOut(input.reasonCode, config.currency);
      op.transfer(
        kind === 'paid-in'
          ? { debit: session.cash_account_id, credit: other, amount, currency: config.currency, code: kind, reference: input.reasonCode }
          : { debit: other, credit: session.cash_account_id, amount, currency: config.currency, code: kind, reference: input.reasonCode },
      );
      op.setAmount(amount);
      const booked = {
        operationId: input.operationId,
        operationNumber: takeOperationNumber(ctx.sqlite, branch.code, op.id, op.at),
        sessionId: session.id,
        kind,
        amount: { minor: amount, currency: config.currency },
        reasonCode: input.reasonCode,
        at: op.at,
        approvedBy: approver,
        pendingTransferId: null,
      };
      if (ctx.devices) {
        const receipt = cashMovementReceipt(booked, { branch, operator: actor.username, reason: reasonLabel, note: input.note ?? null });
        jobs.push(ctx.devices.outbox.receipt(receipt, op.id));
      }
      return { ...booked, replayed: false };
    },
  );
  if (!outcome.replayed) ctx.devices?.afterCashCommit(jobs, { openDrawer: true, reference: input.operationId });
  return outcome;
}

/**
 * Cash between a till and the safe travels as a reservation: a drop leaves the
 * till at once (the clerk handed it over) and reaches the safe when a supervisor
 * confirms; a top-up leaves the safe and reaches the till when the clerk confirms.
 */
export function transferWithSafe(
  ctx: TillContext,
  actor: Actor,
  direction: 'drop' | 'top-up',
  input: ParsedInput<'till.transferToSafe'>,
  approver: string | null,
): OperationOutcome<CashMovementResult> {
  const config = ctx.config();
  const amount = checkAmount('amount.minor', input.amount, config);
  return ctx.ledger.run(
    {
      id: input.operationId,
      kind: direction,
      fingerprint: fingerprintOf(direction, input),
      tillSessionId: input.sessionId,
      operator: actor.username,
      approver,
      reason: input.note ?? null,
    },
    (op) => {
      const session = readSession(ctx.sqlite, input.sessionId);
      requireOwner(session, actor, true);
      requireStatus(session, 'open');
      const safe = accountFor.safe(config.currency);
      const pending = op.transfer(
        direction === 'drop'
          ? { debit: safe, credit: session.cash_account_id, amount, currency: config.currency, code: 'drop', phase: 'pending' }
          : { debit: session.cash_account_id, credit: safe, amount, currency: config.currency, code: 'top-up', phase: 'pending' },
      );
      op.setAmount(amount);
      return {
        operationId: input.operationId,
        sessionId: session.id,
        kind: direction,
        amount: { minor: amount, currency: config.currency },
        reasonCode: null,
        at: op.at,
        approvedBy: approver,
        pendingTransferId: pending.id,
        replayed: false,
      };
    },
  );
}
