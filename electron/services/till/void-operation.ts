import { ContractError, type ParsedInput, type SaleResult, type VoidResult } from '@shared/contract';
import { returnToStock } from '../basket/stock';
import type { Sqlite } from '../db/open-database';
import { fingerprintOf, type OperationOutcome } from '../ledger/ledger';
import type { LedgerOperationTable } from '../ledger/ledger.tables';
import type { OperationReversal } from './operation-reversal';
import type { Actor, TillContext } from './till-context';
import { operationById, postedTransfersOf, voidOf } from './till-operations.repository';
import { readSession, requireOwner, requireStatus } from './till-sessions.repository';

/** Operations a void may reverse: money that moved at this till for a customer or a reason. */
export const VOIDABLE_KINDS = ['sale', 'paid-in', 'paid-out'];

/** The reversals other services registered, by the kind of operation they void (mail acceptance…). */
export type Reversals = ReadonlyMap<string, OperationReversal>;
const NONE: Reversals = new Map();

export const isVoidable = (kind: string, reversals: Reversals): boolean => VOIDABLE_KINDS.includes(kind) || reversals.has(kind);

export function readOperation(sqlite: Sqlite, operationId: string): LedgerOperationTable {
  const row = operationById(sqlite, operationId);
  if (!row) throw new ContractError('NOT_FOUND', `no operation ${operationId}`, { rule: 'unknown-operation', operationId });
  return row;
}

/** The session a void would act on: the handler needs it before asking for approval. */
export function voidTargetSession(ctx: TillContext, targetOperationId: string, reversals: Reversals = NONE): string {
  const target = readOperation(ctx.sqlite, targetOperationId);
  if (!isVoidable(target.kind, reversals) || !target.till_session_id) {
    throw new ContractError('RULE_BROKEN', `a ${target.kind} cannot be voided`, { rule: 'not-voidable', kind: target.kind });
  }
  return target.till_session_id;
}

/**
 * Reverses a completed operation of a live session: one new transfer per original
 * transfer, the other way round, pointing at it, with the reason and the approving
 * supervisor. The original stays as it was; the database refuses a second void.
 */
export function voidOperation(
  ctx: TillContext,
  actor: Actor,
  input: ParsedInput<'till.voidOperation'>,
  approver: string,
  reversals: Reversals = NONE,
): OperationOutcome<VoidResult> {
  const sessionId = voidTargetSession(ctx, input.targetOperationId, reversals);
  let afterCommit: (() => void) | undefined;
  const outcome = ctx.ledger.run(
    {
      id: input.operationId,
      kind: 'void',
      fingerprint: fingerprintOf('void', input),
      tillSessionId: sessionId,
      operator: actor.username,
      approver,
      reason: input.reason,
      reversesOperationId: input.targetOperationId,
    },
    (op) => {
      const session = readSession(ctx.sqlite, sessionId);
      requireOwner(session, actor, true);
      requireStatus(session, 'open');
      const already = voidOf(ctx.sqlite, input.targetOperationId);
      if (already) throw new ContractError('CONFLICT', 'this operation was already voided', { rule: 'already-voided', voidOperationId: already.id });
      const transfers = postedTransfersOf(ctx.sqlite, input.targetOperationId);
      // Items sold live in the sale's stored result, one line per transfer, in order.
      const target = readOperation(ctx.sqlite, input.targetOperationId);
      const reversal = reversals.get(target.kind);
      const quantities = reversal
        ? reversal.quantities(target)
        : target.kind === 'sale'
          ? (JSON.parse(target.result) as SaleResult).lines.map((line) => line.quantity)
          : [];
      let amount = 0;
      for (const [index, original] of transfers.entries()) {
        op.transfer({
          debit: original.credit_account_id,
          credit: original.debit_account_id,
          amount: original.amount,
          currency: original.currency,
          code: 'void',
          quantity: quantities[index] ?? 1,
          reference: original.reference,
          reversalOf: original.id,
        });
        amount += original.amount;
      }
      op.setAmount(amount);
      if (target.kind === 'sale') {
        const sale = JSON.parse(target.result) as SaleResult;
        // Sales take stock since they carry a receipt number; an older sale took none, so gives none back.
        if (sale.operationNumber) returnToStock(ctx.sqlite, sale.lines, op.at);
      }
      const reversed = reversal?.reverse(op, { actor, approver, reason: input.reason, target }) ?? {};
      afterCommit = reversed.afterCommit;
      return {
        operationId: input.operationId,
        targetOperationId: input.targetOperationId,
        sessionId,
        reversedTransfers: transfers.length,
        amount: { minor: amount, currency: session.currency },
        reason: input.reason,
        approvedBy: approver,
        at: op.at,
        ...(reversed.printing ? { printing: reversed.printing } : {}),
        replayed: false,
      };
    },
  );
  if (!outcome.replayed) afterCommit?.();
  return outcome;
}
