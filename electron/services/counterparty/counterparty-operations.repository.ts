import type { Selectable } from 'kysely';
import type { Sqlite } from '../db/open-database';
import { perDatabase, typedStatement } from '../db/typed-statement';
import type { LedgerTransferTable } from '../ledger/ledger.tables';
import { TRANSFER_FLAG } from '../ledger/transfer-phase';
import type { CounterpartyOperationTable, CounterpartyReconciliationTable } from './counterparty.tables';
import { transition, type CounterpartyState } from './state-machine';

/** SQL of the frame's tables. Every state change goes through `recordState`: checked, then one history row. */

export type CounterpartyOperationRow = Selectable<CounterpartyOperationTable>;
export type CounterpartyReconciliationRow = Selectable<CounterpartyReconciliationTable>;

export type NewOperation = Omit<
  CounterpartyOperationRow,
  'state' | 'counterparty_reference' | 'answer' | 'counterparty_knows' | 'cancel_requested' | 'handed_over_at' | 'attempts' | 'next_attempt_at' | 'last_error' | 'updated_at'
>;

type NewReconciliation = Pick<CounterpartyReconciliationRow, 'id' | 'operation_id' | 'booked' | 'counterparty_says' | 'answer' | 'found_at'>;

/** Still waiting for the counterparty's word: the money stays reserved. */
const UNRESOLVED: CounterpartyState[] = ['prepared', 'sent', 'pending', 'unknown'];

/** Made once per database: a withdrawal or a payout runs most of them, and the resolver every few seconds. */
const statements = perDatabase((sqlite) => ({
  insert: typedStatement(sqlite, (db, p: NewOperation) =>
    db.insertInto('counterparty_operations').values({
      // Field by field: `p` stands for the values and has no fields of its own to spread.
      id: p.id,
      kind: p.kind,
      counterparty: p.counterparty,
      request: p.request,
      fingerprint: p.fingerprint,
      state: 'prepared',
      amount: p.amount,
      currency: p.currency,
      pays_out: p.pays_out,
      expires_at: p.expires_at,
      post_operation_id: p.post_operation_id,
      void_operation_id: p.void_operation_id,
      till_session_id: p.till_session_id,
      operator: p.operator,
      counterparty_knows: 0,
      cancel_requested: 0,
      attempts: 0,
      next_attempt_at: 0,
      created_at: p.created_at,
      updated_at: p.created_at,
    }),
  ),
  byId: typedStatement(sqlite, (db, p: { id: string }) => db.selectFrom('counterparty_operations').selectAll().where('id', '=', p.id)),
  // Guarded by the state read: a change decided on a stale read changes nothing.
  moveState: typedStatement(
    sqlite,
    (db, p: { id: string; from: CounterpartyState; to: CounterpartyState; at: string; answer: string | null; reference: string | null; knows: number; handedOver: number }) =>
      db
        .updateTable('counterparty_operations')
        .set((eb) => ({
          state: p.to,
          updated_at: p.at,
          answer: eb.fn.coalesce(eb.val(p.answer), eb.ref('answer')),
          counterparty_reference: eb.fn.coalesce(eb.val(p.reference), eb.ref('counterparty_reference')),
          counterparty_knows: eb.fn<number>('max', [eb.ref('counterparty_knows'), eb.val(p.knows)]),
          handed_over_at: eb.case().when(eb.val(p.handedOver), '=', 1).then(eb.val(p.at)).else(eb.ref('handed_over_at')).end(),
          last_error: null,
        }))
        .where('id', '=', p.id)
        .where('state', '=', p.from),
  ),
  appendHistory: typedStatement(sqlite, (db, p: { id: string; state: CounterpartyState; detail: string | null; actor: string | null; at: string }) =>
    db.insertInto('counterparty_operation_states').values({ operation_id: p.id, state: p.state, detail: p.detail, actor: p.actor, at: p.at }),
  ),
  history: typedStatement(sqlite, (db, p: { id: string }) =>
    db.selectFrom('counterparty_operation_states').select(['state', 'detail', 'actor', 'at']).where('operation_id', '=', p.id).orderBy('seq'),
  ),
  knows: typedStatement(sqlite, (db, p: { id: string; at: string }) =>
    db.updateTable('counterparty_operations').set({ counterparty_knows: 1, last_error: null, updated_at: p.at }).where('id', '=', p.id),
  ),
  cancelRequested: typedStatement(sqlite, (db, p: { id: string; at: string }) =>
    db.updateTable('counterparty_operations').set({ cancel_requested: 1, updated_at: p.at }).where('id', '=', p.id),
  ),
  handedOver: typedStatement(sqlite, (db, p: { id: string; at: string }) =>
    db
      .updateTable('counterparty_operations')
      .set({ handed_over_at: p.at, updated_at: p.at })
      .where('id', '=', p.id)
      .where('state', '=', 'confirmed')
      .where('pays_out', '=', 1)
      .where('handed_over_at', 'is', null),
  ),
  attempt: typedStatement(sqlite, (db, p: { id: string; nextAttemptAt: number; error: string | null; at: string }) =>
    db
      .updateTable('counterparty_operations')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: p.nextAttemptAt, last_error: p.error, updated_at: p.at }))
      .where('id', '=', p.id),
  ),
  due: typedStatement(sqlite, (db, p: { nowMs: number; limit: number }) =>
    db
      .selectFrom('counterparty_operations')
      .selectAll()
      .where('counterparty_knows', '=', 0)
      .where('next_attempt_at', '<=', p.nowMs)
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(p.limit),
  ),
  // Open items: not final yet, or confirmed for a payout the customer has not received. Null operator: the whole branch.
  waiting: typedStatement(sqlite, (db, p: { operator: string | null }) =>
    db
      .selectFrom('counterparty_operations')
      .selectAll()
      .where((eb) =>
        eb.and([
          eb.or([eb('state', 'in', UNRESOLVED), eb.and([eb('state', '=', 'confirmed'), eb('pays_out', '=', 1), eb('handed_over_at', 'is', null)])]),
          eb.or([eb(eb.val(p.operator), 'is', null), eb('operator', '=', p.operator)]),
        ]),
      )
      .orderBy('created_at')
      .orderBy('id'),
  ),
  unresolved: typedStatement(sqlite, (db, p: { session: string | null }) =>
    db
      .selectFrom('counterparty_operations')
      .selectAll()
      .where('state', 'in', UNRESOLVED)
      .where((eb) => eb.or([eb(eb.val(p.session), 'is', null), eb('till_session_id', '=', p.session)]))
      .orderBy('created_at')
      .orderBy('id'),
  ),
  reservation: typedStatement(sqlite, (db, p: { id: string }) =>
    db.selectFrom('ledger_transfers').selectAll().where('operation_id', '=', p.id).where('flags', '=', TRANSFER_FLAG.pending).orderBy('seq'),
  ),
  raise: typedStatement(sqlite, (db, p: NewReconciliation) =>
    db
      .insertInto('counterparty_reconciliations')
      .values({ id: p.id, operation_id: p.operation_id, booked: p.booked, counterparty_says: p.counterparty_says, answer: p.answer, found_at: p.found_at })
      .onConflict((oc) => oc.columns(['operation_id', 'counterparty_says']).doNothing()),
  ),
  reconciliation: typedStatement(sqlite, (db, p: { id: string }) => db.selectFrom('counterparty_reconciliations').selectAll().where('id', '=', p.id)),
  // Open items first, the newest first.
  reconciliations: typedStatement(sqlite, (db) =>
    db
      .selectFrom('counterparty_reconciliations')
      .selectAll()
      .orderBy((eb) => eb('settled_at', 'is not', null))
      .orderBy('found_at', 'desc'),
  ),
  settle: typedStatement(sqlite, (db, p: { id: string; operationId: string; settledBy: string; approver: string; reason: string; at: string }) =>
    db
      .updateTable('counterparty_reconciliations')
      .set({ settlement_operation_id: p.operationId, settled_by: p.settledBy, approver: p.approver, reason: p.reason, settled_at: p.at })
      .where('id', '=', p.id)
      .where('settled_at', 'is', null),
  ),
}));

export function insertPrepared(sqlite: Sqlite, row: NewOperation): void {
  statements(sqlite).insert.run(row);
  appendHistory(sqlite, row.id, 'prepared', null, row.operator, row.created_at);
}

export function readOperation(sqlite: Sqlite, id: string): CounterpartyOperationRow | undefined {
  return statements(sqlite).byId.get({ id });
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
  const result = statements(sqlite).moveState.run({
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
  statements(sqlite).appendHistory.run({ id, state, detail, actor, at });
}

export function history(sqlite: Sqlite, id: string): Array<{ state: CounterpartyState; detail: string | null; actor: string | null; at: string }> {
  return statements(sqlite).history.all({ id });
}

/** The counterparty's own word arrived for a state already final (it agrees, or a reconciliation item was raised). */
export function markCounterpartyKnows(sqlite: Sqlite, id: string, at: string): void {
  statements(sqlite).knows.run({ id, at });
}

export function markCancelRequested(sqlite: Sqlite, id: string, at: string): void {
  statements(sqlite).cancelRequested.run({ id, at });
}

export function markHandedOver(sqlite: Sqlite, id: string, at: string): boolean {
  return statements(sqlite).handedOver.run({ id, at }).changes === 1;
}

/** An attempt that got no answer: counted, and the next one scheduled. */
export function recordAttempt(sqlite: Sqlite, id: string, nextAttemptAt: number, error: string | null, at: string): void {
  statements(sqlite).attempt.run({ id, nextAttemptAt, error, at });
}

/** Operations whose outcome the counterparty has not told yet and whose next attempt is due. */
export function dueForResolution(sqlite: Sqlite, nowMs: number, limit: number): CounterpartyOperationRow[] {
  return statements(sqlite).due.all({ nowMs, limit });
}

/** Open items: not final yet, or confirmed for a payout the customer has not received. Null operator: the whole branch. */
export function waiting(sqlite: Sqlite, operator: string | null): CounterpartyOperationRow[] {
  return statements(sqlite).waiting.all({ operator });
}

/** Operations whose money is still reserved: what blocks a till close or a day close. */
export function unresolved(sqlite: Sqlite, tillSessionId: string | null = null): CounterpartyOperationRow[] {
  return statements(sqlite).unresolved.all({ session: tillSessionId });
}

/** The reservation written at prepare: the pending transfers the post or the void resolves. */
export function reservationOf(sqlite: Sqlite, id: string): Array<Selectable<LedgerTransferTable>> {
  return statements(sqlite).reservation.all({ id });
}

export function raiseReconciliation(sqlite: Sqlite, item: NewReconciliation): void {
  statements(sqlite).raise.run(item);
}

export function readReconciliation(sqlite: Sqlite, id: string): CounterpartyReconciliationRow | undefined {
  return statements(sqlite).reconciliation.get({ id });
}

export function listReconciliations(sqlite: Sqlite): CounterpartyReconciliationRow[] {
  return statements(sqlite).reconciliations.all({});
}

export function settleReconciliation(
  sqlite: Sqlite,
  id: string,
  settlement: { operationId: string; settledBy: string; approver: string; reason: string; at: string },
): void {
  const result = statements(sqlite).settle.run({ id, ...settlement });
  if (result.changes !== 1) throw new Error(`reconciliation ${id} is already settled`);
}
