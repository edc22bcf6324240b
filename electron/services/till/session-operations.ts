import type { SessionOperation } from '@shared/contract';
import type { LedgerOperationTable } from '../ledger/ledger.tables';
import type { TillContext } from './till-context';
import { readSession } from './till-sessions.repository';
import { isVoidable, type Reversals } from './void-operation';

/** The session's operations, newest first, for the clerk to pick one to void. */
export function sessionOperations(ctx: TillContext, sessionId: string, limit: number, reversals: Reversals = new Map()): SessionOperation[] {
  const session = readSession(ctx.sqlite, sessionId);
  const rows = ctx.sqlite
    .prepare(
      `SELECT o.*, v.id AS voided_by FROM ledger_operations o
         LEFT JOIN ledger_operations v ON v.reverses_operation_id = o.id
        WHERE o.till_session_id = ? ORDER BY o.at DESC, o.id DESC LIMIT ?`,
    )
    .all(sessionId, limit) as Array<LedgerOperationTable & { voided_by: string | null }>;
  return rows.map((o) => ({
    operationId: o.id,
    kind: o.kind,
    at: o.at,
    operator: o.operator,
    amount: { minor: o.amount, currency: session.currency },
    reason: o.reason,
    voidedBy: o.voided_by,
    voidable: session.status === 'open' && isVoidable(o.kind, reversals) && o.voided_by === null,
  }));
}
