import type { SessionOperation } from '@shared/contract';
import type { TillContext } from './till-context';
import { operationLines, sessionOperationRows } from './till-operations.repository';
import { readSession } from './till-sessions.repository';
import { isVoidable, type Reversals } from './void-operation';

/** The session's operations, newest first, with what each was made of: for the clerk's list and for voids. */
export function sessionOperations(ctx: TillContext, sessionId: string, limit: number, reversals: Reversals = new Map()): SessionOperation[] {
  const session = readSession(ctx.sqlite, sessionId);
  const rows = sessionOperationRows(ctx.sqlite, sessionId, limit);
  // What the operation was made of, named by the account on the other side of the till's cash.
  const linesOf = (operationId: string) =>
    operationLines(ctx.sqlite, operationId, session.cash_account_id).map((t) => ({
      account: { id: t.id, name: t.name, code: t.code },
      reference: t.reference,
      amount: { minor: t.amount, currency: session.currency },
    }));
  return rows.map((o) => ({
    operationId: o.id,
    kind: o.kind,
    at: o.at,
    operator: o.operator,
    amount: { minor: o.amount, currency: session.currency },
    reason: o.reason,
    voidedBy: o.voided_by,
    reversesOperationId: o.reverses_operation_id,
    lines: linesOf(o.id),
    voidable: session.status === 'open' && isVoidable(o.kind, reversals) && o.voided_by === null,
  }));
}
