import type { CounterpartyOperationView, CounterpartyReconciliationView } from '@shared/contract';
import type { CounterpartyOperationTable, CounterpartyReconciliationTable } from './counterparty.tables';

/** The reason a counterparty gave for a refusal, as stored with its answer. */
function refusalOf(answer: string | null): string | null {
  if (answer === null) return null;
  const parsed = JSON.parse(answer) as { reason?: unknown };
  return typeof parsed.reason === 'string' ? parsed.reason : null;
}

/** A row as the contract shows it. */
export function operationView(row: CounterpartyOperationTable): CounterpartyOperationView {
  const toHandOver = row.state === 'confirmed' && row.pays_out === 1 && row.handed_over_at === null;
  return {
    operationId: row.id,
    kind: row.kind,
    counterparty: row.counterparty,
    state: row.state,
    amount: { minor: row.amount, currency: row.currency },
    paysOut: row.pays_out === 1,
    toHandOver,
    mayPayOut: toHandOver,
    counterpartyKnows: row.counterparty_knows === 1,
    cancelRequested: row.cancel_requested === 1,
    counterpartyReference: row.counterparty_reference,
    refusal: row.state === 'refused' ? refusalOf(row.answer) : null,
    expiresAt: row.expires_at,
    operator: row.operator,
    tillSessionId: row.till_session_id,
    attempts: row.attempts,
    nextAttemptAt: row.counterparty_knows === 1 ? null : new Date(row.next_attempt_at).toISOString(),
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function reconciliationView(item: CounterpartyReconciliationTable, operation: CounterpartyOperationTable): CounterpartyReconciliationView {
  return {
    id: item.id,
    operationId: item.operation_id,
    kind: operation.kind,
    counterparty: operation.counterparty,
    amount: { minor: operation.amount, currency: operation.currency },
    booked: item.booked,
    counterpartySays: item.counterparty_says,
    foundAt: item.found_at,
    settlement:
      item.settled_at && item.settlement_operation_id && item.settled_by && item.approver && item.reason
        ? { operationId: item.settlement_operation_id, settledBy: item.settled_by, approver: item.approver, reason: item.reason, at: item.settled_at }
        : null,
  };
}
