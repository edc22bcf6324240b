import { ContractError, type ClerkTillView, type PendingCash, type TillSessionView } from '@shared/contract';
import { sql } from 'kysely';
import type { Sqlite } from '../db/open-database';
import { all, build, first, perDatabase, run, typedStatement } from '../db/typed-statement';
import { TRANSFER_FLAG } from '../ledger/transfer-phase';
import { countsOfSession } from './till-counts.repository';
import type { Actor } from './till-context';
import type { TillSessionTable } from './till.tables';

/**
 * `'closed'` written into the SQL: the partial indexes on live tills (migration 0003) are defined by
 * `status <> 'closed'`, and the planner uses one only when the query repeats that condition.
 */
const CLOSED = sql.lit<'closed'>('closed');

// Read by every sale, acceptance, deposit and hand-over: prepared once per database.
const hot = perDatabase((sqlite) => ({
  byId: typedStatement(sqlite, (db, p: { id: string }) => db.selectFrom('till_sessions').selectAll().where('id', '=', p.id)),
}));

export function readSession(sqlite: Sqlite, sessionId: string): TillSessionTable {
  const row = hot(sqlite).byId.get({ id: sessionId });
  if (!row) throw new ContractError('NOT_FOUND', `no till session ${sessionId}`, { rule: 'unknown-session', sessionId });
  return row;
}

export function liveSessionOf(sqlite: Sqlite, clerk: string): TillSessionTable | undefined {
  return first(sqlite, build.selectFrom('till_sessions').selectAll().where('clerk', '=', clerk).where('status', '<>', CLOSED));
}

export function liveSessions(sqlite: Sqlite): TillSessionTable[] {
  return all(sqlite, build.selectFrom('till_sessions').selectAll().where('status', '<>', CLOSED).orderBy('opened_at'));
}

export const countLiveSessions = (sqlite: Sqlite): number =>
  first(sqlite, build.selectFrom('till_sessions').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '<>', CLOSED))?.n ?? 0;

/** The supervisor's list, newest first: live tills, closed ones, or all. */
export function listSessions(sqlite: Sqlite, status: 'live' | 'closed' | 'all', limit: number): TillSessionTable[] {
  let query = build.selectFrom('till_sessions').selectAll();
  if (status === 'live') query = query.where('status', '<>', CLOSED);
  if (status === 'closed') query = query.where('status', '=', CLOSED);
  return all(sqlite, query.orderBy('opened_at', 'desc').limit(limit));
}

export function insertSession(sqlite: Sqlite, row: Omit<TillSessionTable, 'closed_at' | 'closed_by' | 'close_operation_id' | 'day_close_id'>): void {
  run(sqlite, build.insertInto('till_sessions').values(row));
}

export function setStatus(sqlite: Sqlite, sessionId: string, status: TillSessionTable['status']): void {
  run(sqlite, build.updateTable('till_sessions').set({ status }).where('id', '=', sessionId));
}

/** Closed by this operation: by a supervisor's close, or when a float never arrived. */
export function markClosed(sqlite: Sqlite, sessionId: string, close: { at: string; by: string; operationId: string }): void {
  run(
    sqlite,
    build
      .updateTable('till_sessions')
      .set({ status: CLOSED, closed_at: close.at, closed_by: close.by, close_operation_id: close.operationId })
      .where('id', '=', sessionId),
  );
}

/** A day close takes every till closed since the last one. */
export function assignClosedTillsToDay(sqlite: Sqlite, dayCloseId: string): void {
  run(sqlite, build.updateTable('till_sessions').set({ day_close_id: dayCloseId }).where('status', '=', CLOSED).where('day_close_id', 'is', null));
}

/** Refuses unless the session is in one of these states. */
export function requireStatus(session: TillSessionTable, ...allowed: Array<TillSessionTable['status']>): void {
  if (!allowed.includes(session.status)) {
    throw new ContractError('RULE_BROKEN', `till ${session.till_id} is ${session.status}`, {
      rule: 'till-state',
      status: session.status,
      allowed,
      sessionId: session.id,
    });
  }
}

/** A clerk acts on their own till only; supervisors on any till when `supervisorMay`. */
export function requireOwner(session: TillSessionTable, actor: Actor, supervisorMay: boolean): void {
  if (session.clerk === actor.username) return;
  if (supervisorMay && actor.role === 'supervisor') return;
  throw new ContractError('FORBIDDEN_ROLE', `till ${session.till_id} belongs to ${session.clerk}`, { rule: 'not-your-till', sessionId: session.id });
}

/** Posted cash the till should hold: what a supervisor compares with the count. */
export function expectedCash(sqlite: Sqlite, session: TillSessionTable): number {
  const row = first(
    sqlite,
    build
      .selectFrom('ledger_accounts')
      .select((eb) => eb('debits_posted', '-', eb.ref('credits_posted')).as('balance'))
      .where('id', '=', session.cash_account_id),
  );
  return row?.balance ?? 0;
}

const pendingKinds: Record<string, PendingCash['kind']> = { float: 'float', 'top-up': 'top-up', drop: 'drop' };

/** Reservations not yet posted or voided: cash in transit between the safe and tills. */
export function openPending(sqlite: Sqlite, sessionId?: string): PendingCash[] {
  let query = build
    .selectFrom('ledger_transfers as t')
    .innerJoin('till_sessions as s', 's.id', 't.till_session_id')
    .selectAll('t')
    .select('s.till_id')
    // Written as the partial index `ledger_transfers_open_pending` (flags = 1) is.
    .where('t.flags', '=', sql.lit(TRANSFER_FLAG.pending))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('ledger_transfers as r').select(sql.lit(1).as('resolved')).whereRef('r.pending_id', '=', 't.id'))),
    );
  if (sessionId !== undefined) query = query.where('t.till_session_id', '=', sessionId);
  const rows = all(sqlite, query.orderBy('t.seq'));
  return rows.map((t) => {
    const kind = pendingKinds[t.code] ?? 'drop';
    return {
      transferId: t.id,
      operationId: t.operation_id,
      kind,
      amount: { minor: t.amount, currency: t.currency },
      sessionId: t.till_session_id ?? '',
      tillId: t.till_id,
      by: t.operator,
      at: t.at,
      awaiting: kind === 'drop' ? 'supervisor' : 'clerk',
    };
  });
}

export function clerkView(sqlite: Sqlite, session: TillSessionTable): ClerkTillView {
  return {
    sessionId: session.id,
    tillId: session.till_id,
    clerk: session.clerk,
    status: session.status,
    currency: session.currency,
    openedAt: session.opened_at,
    openedBy: session.opened_by,
    pending: openPending(sqlite, session.id),
    countsSubmitted: countsOfSession(sqlite, session.id),
  };
}

export function supervisorView(sqlite: Sqlite, session: TillSessionTable): TillSessionView {
  return {
    ...clerkView(sqlite, session),
    expectedCash: { minor: expectedCash(sqlite, session), currency: session.currency },
    closedAt: session.closed_at,
    closedBy: session.closed_by,
  };
}
