import type { Sqlite } from '../db/open-database';
import { prepared } from '../db/prepared';
import type { LedgerTransferTable } from '../ledger/ledger.tables';
import { TRANSFER_FLAG } from '../ledger/transfer-phase';
import type { CounterpartyOperationTable, CounterpartyReconciliationTable } from './counterparty.tables';
import { transition, type CounterpartyState } from './state-machine';

/** SQL of the frame's tables. Every state change goes through `recordState`: checked, then one history row. */

export type NewOperation = Omit<
  CounterpartyOperationTable,
  'state' | 'counterparty_reference' | 'answer' | 'counterparty_knows' | 'cancel_requested' | 'handed_over_at' | 'attempts' | 'next_attempt_at' | 'last_error' | 'updated_at'
>;

export function insertPrepared(sqlite: Sqlite, row: NewOperation): void {
  prepared(
    sqlite,
    `INSERT INTO counterparty_operations (id, kind, counterparty, request, fingerprint, state, amount, currency, pays_out, expires_at,
       post_operation_id, void_operation_id, till_session_id, operator, created_at, updated_at)
     VALUES (@id, @kind, @counterparty, @request, @fingerprint, 'prepared', @amount, @currency, @pays_out, @expires_at,
       @post_operation_id, @void_operation_id, @till_session_id, @operator, @created_at, @created_at)`,
  ).run(row);
  appendHistory(sqlite, row.id, 'prepared', null, row.operator, row.created_at);
}

export function readOperation(sqlite: Sqlite, id: string): CounterpartyOperationTable | undefined {
  return prepared(sqlite, 'SELECT * FROM counterparty_operations WHERE id = ?').get(id) as CounterpartyOperationTable | undefined;
}

export interface StateChange {
  detail?: string | null;
  actor?: string | null;
  answer?: unknown;
  reference?: string | null;
  /** The counterparty itself told this outcome (a local expiry is not its word). */
  counterpartyKnows?: boolean;
  handedOver?: boolean;
}

/**
 * Moves the operation from `from` to `to` and appends the history row. The update is guarded by
 * the state read: a change decided on a stale read changes nothing and throws.
 */
export function recordState(sqlite: Sqlite, id: string, from: CounterpartyState, to: CounterpartyState, at: string, change: StateChange = {}): void {
  transition(from, to);
  const result = prepared(
    sqlite,
    `UPDATE counterparty_operations SET state = @to, updated_at = @at,
       answer = coalesce(@answer, answer), counterparty_reference = coalesce(@reference, counterparty_reference),
       counterparty_knows = max(counterparty_knows, @knows), handed_over_at = CASE WHEN @handedOver = 1 THEN @at ELSE handed_over_at END,
       last_error = NULL
     WHERE id = @id AND state = @from`,
  ).run({
    id,
    from,
    to,
    at,
    answer: change.answer === undefined ? null : JSON.stringify(change.answer),
    reference: change.reference ?? null,
    knows: change.counterpartyKnows ? 1 : 0,
    handedOver: change.handedOver ? 1 : 0,
  });
  if (result.changes !== 1) throw new Error(`counterparty operation ${id} is no longer ${from}`);
  appendHistory(sqlite, id, to, change.detail ?? null, change.actor ?? null, at);
}

function appendHistory(sqlite: Sqlite, id: string, state: CounterpartyState, detail: string | null, actor: string | null, at: string): void {
  prepared(sqlite, 'INSERT INTO counterparty_operation_states (operation_id, state, detail, actor, at) VALUES (?, ?, ?, ?, ?)').run(id, state, detail, actor, at);
}

export function history(sqlite: Sqlite, id: string): Array<{ state: CounterpartyState; detail: string | null; actor: string | null; at: string }> {
  return prepared(sqlite, 'SELECT state, detail, actor, at FROM counterparty_operation_states WHERE operation_id = ? ORDER BY seq').all(id) as Array<{
    state: CounterpartyState;
    detail: string | null;
    actor: string | null;
    at: string;
  }>;
}

/** The counterparty's own word arrived for a state already final (it agrees, or a reconciliation item was raised). */
export function markCounterpartyKnows(sqlite: Sqlite, id: string, at: string): void {
  prepared(sqlite, 'UPDATE counterparty_operations SET counterparty_knows = 1, last_error = NULL, updated_at = ? WHERE id = ?').run(at, id);
}

export function markCancelRequested(sqlite: Sqlite, id: string, at: string): void {
  prepared(sqlite, 'UPDATE counterparty_operations SET cancel_requested = 1, updated_at = ? WHERE id = ?').run(at, id);
}

export function markHandedOver(sqlite: Sqlite, id: string, at: string): boolean {
  return prepared(sqlite, "UPDATE counterparty_operations SET handed_over_at = ?, updated_at = ? WHERE id = ? AND state = 'confirmed' AND pays_out = 1 AND handed_over_at IS NULL").run(at, at, id).changes === 1;
}

/** An attempt that got no answer: counted, and the next one scheduled. */
export function recordAttempt(sqlite: Sqlite, id: string, nextAttemptAt: number, error: string | null, at: string): void {
  prepared(sqlite, 'UPDATE counterparty_operations SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?').run(nextAttemptAt, error, at, id);
}

/** Operations whose outcome the counterparty has not told yet and whose next attempt is due. */
export function dueForResolution(sqlite: Sqlite, nowMs: number, limit: number): CounterpartyOperationTable[] {
  return prepared(sqlite, 'SELECT * FROM counterparty_operations WHERE counterparty_knows = 0 AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?').all(
    nowMs,
    limit,
  ) as CounterpartyOperationTable[];
}

/** Open items: not final yet, or confirmed for a payout the customer has not received. Null operator: the whole branch. */
export function waiting(sqlite: Sqlite, operator: string | null): CounterpartyOperationTable[] {
  return prepared(
    sqlite,
    `SELECT * FROM counterparty_operations
      WHERE (state IN ('prepared', 'sent', 'pending', 'unknown') OR (state = 'confirmed' AND pays_out = 1 AND handed_over_at IS NULL))
        AND (@operator IS NULL OR operator = @operator)
      ORDER BY created_at, id`,
  ).all({ operator }) as CounterpartyOperationTable[];
}

/** Operations whose money is still reserved: what blocks a till close or a day close. */
export function unresolved(sqlite: Sqlite, tillSessionId: string | null = null): CounterpartyOperationTable[] {
  return prepared(
    sqlite,
    `SELECT * FROM counterparty_operations WHERE state IN ('prepared', 'sent', 'pending', 'unknown')
       AND (@session IS NULL OR till_session_id = @session) ORDER BY created_at, id`,
  ).all({ session: tillSessionId }) as CounterpartyOperationTable[];
}

/** The reservation written at prepare: the pending transfers the post or the void resolves. */
export function reservationOf(sqlite: Sqlite, id: string): LedgerTransferTable[] {
  return prepared(sqlite, 'SELECT * FROM ledger_transfers WHERE operation_id = ? AND flags = ? ORDER BY seq').all(id, TRANSFER_FLAG.pending) as LedgerTransferTable[];
}

export function raiseReconciliation(sqlite: Sqlite, item: Pick<CounterpartyReconciliationTable, 'id' | 'operation_id' | 'booked' | 'counterparty_says' | 'answer' | 'found_at'>): void {
  prepared(
    sqlite,
    `INSERT INTO counterparty_reconciliations (id, operation_id, booked, counterparty_says, answer, found_at)
     VALUES (@id, @operation_id, @booked, @counterparty_says, @answer, @found_at) ON CONFLICT (operation_id, counterparty_says) DO NOTHING`,
  ).run(item);
}

export function readReconciliation(sqlite: Sqlite, id: string): CounterpartyReconciliationTable | undefined {
  return prepared(sqlite, 'SELECT * FROM counterparty_reconciliations WHERE id = ?').get(id) as CounterpartyReconciliationTable | undefined;
}

export function listReconciliations(sqlite: Sqlite): CounterpartyReconciliationTable[] {
  return prepared(sqlite, 'SELECT * FROM counterparty_reconciliations ORDER BY settled_at IS NOT NULL, found_at DESC').all() as CounterpartyReconciliationTable[];
}

export function settleReconciliation(
  sqlite: Sqlite,
  id: string,
  settlement: { operationId: string; settledBy: string; approver: string; reason: string; at: string },
): void {
  const result = prepared(
    sqlite,
    `UPDATE counterparty_reconciliations SET settlement_operation_id = @operationId, settled_by = @settledBy, approver = @approver, reason = @reason, settled_at = @at
      WHERE id = @id AND settled_at IS NULL`,
  ).run({ id, ...settlement });
  if (result.changes !== 1) throw new Error(`reconciliation ${id} is already settled`);
}
