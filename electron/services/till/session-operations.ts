import type { SessionOperation } from '@shared/contract';
import type { LedgerOperationTable } from '../ledger/ledger.tables';
import type { TillContext } from './till-context';
import { readSession } from './till-sessions.repository';
import { isVoidable, type Reversals } from './void-operation';

/** The session's operations, newest first, with what each was made of: for the clerk's list and for voids. */
export function sessionOperations(ctx: TillContext, sessionId: string, limit: number, reversals: Reversals = new Map()): SessionOperation[] {
  const session = readSession(ctx.sqlite, sessionId);
  const rows = ctx.sqlite
    .prepare(
      `SELECT o.*, v.id AS voided_by FROM ledger_operations o
         LEFT JOIN ledger_operations v ON v.reverses_operation_id = o.id
        WHERE o.till_session_id = ? ORDER BY o.at DESC, o.id DESC LIMIT ?`,
    )
    .all(sessionId, limit) as Array<LedgerOperationTable & { voided_by: string | null }>;
  const transfers = ctx.sqlite.prepare(
    `SELECT t.amount, t.reference, t.debit_account_id, t.credit_account_id FROM ledger_transfers t
      WHERE t.operation_id = ? ORDER BY t.seq`,
  );
  const accounts = ctx.sqlite.prepare('SELECT id, name, code FROM ledger_accounts WHERE id = ?');
  // What the operation was made of, named by the account on the other side of the till's cash.
  const linesOf = (operationId: string) =>
    (transfers.all(operationId) as Array<{ amount: number; reference: string | null; debit_account_id: string; credit_account_id: string }>).map((t) => {
      const other = t.credit_account_id === session.cash_account_id ? t.debit_account_id : t.credit_account_id;
      const account = accounts.get(other) as { id: string; name: string; code: string };
      return { account, reference: t.reference, amount: { minor: t.amount, currency: session.currency } };
    });
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
