import { ContractError, type ClerkTillView, type PendingCash, type TillSessionView } from '@shared/contract';
import type { Sqlite } from '../db/open-database';
import type { LedgerTransferTable } from '../ledger/ledger.tables';
import type { Actor } from './till-context';
import type { TillSessionTable } from './till.tables';

// Statements read on every sale, prepared once per database.
const prepared = new WeakMap<Sqlite, Map<string, ReturnType<Sqlite['prepare']>>>();
export function statement(sqlite: Sqlite, sql: string): ReturnType<Sqlite['prepare']> {
  let cache = prepared.get(sqlite);
  if (!cache) prepared.set(sqlite, (cache = new Map()));
  let found = cache.get(sql);
  if (!found) cache.set(sql, (found = sqlite.prepare(sql)));
  return found;
}

export function readSession(sqlite: Sqlite, sessionId: string): TillSessionTable {
  const row = statement(sqlite, 'SELECT * FROM till_sessions WHERE id = ?').get(sessionId) as TillSessionTable | undefined;
  if (!row) throw new ContractError('NOT_FOUND', `no till session ${sessionId}`, { rule: 'unknown-session', sessionId });
  return row;
}

export function liveSessionOf(sqlite: Sqlite, clerk: string): TillSessionTable | undefined {
  return sqlite.prepare("SELECT * FROM till_sessions WHERE clerk = ? AND status <> 'closed'").get(clerk) as TillSessionTable | undefined;
}

export function liveSessions(sqlite: Sqlite): TillSessionTable[] {
  return sqlite.prepare("SELECT * FROM till_sessions WHERE status <> 'closed' ORDER BY opened_at").all() as TillSessionTable[];
}

export const countLiveSessions = (sqlite: Sqlite): number =>
  (sqlite.prepare("SELECT count(*) AS n FROM till_sessions WHERE status <> 'closed'").get() as { n: number }).n;

export function setStatus(sqlite: Sqlite, sessionId: string, status: TillSessionTable['status']): void {
  sqlite.prepare('UPDATE till_sessions SET status = ? WHERE id = ?').run(status, sessionId);
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
  const row = sqlite.prepare('SELECT debits_posted - credits_posted AS balance FROM ledger_accounts WHERE id = ?').get(session.cash_account_id) as
    | { balance: number }
    | undefined;
  return row?.balance ?? 0;
}

const pendingKinds: Record<string, PendingCash['kind']> = { float: 'float', 'top-up': 'top-up', drop: 'drop' };

/** Reservations not yet posted or voided: cash in transit between the safe and tills. */
export function openPending(sqlite: Sqlite, sessionId?: string): PendingCash[] {
  const rows = sqlite
    .prepare(
      `SELECT t.*, s.till_id AS till_id FROM ledger_transfers t
         JOIN till_sessions s ON s.id = t.till_session_id
        WHERE t.flags = 1 AND (@session IS NULL OR t.till_session_id = @session)
          AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.pending_id = t.id)
        ORDER BY t.seq`,
    )
    .all({ session: sessionId ?? null }) as Array<LedgerTransferTable & { till_id: string }>;
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

const countsOf = (sqlite: Sqlite, sessionId: string): number =>
  (sqlite.prepare('SELECT count(*) AS n FROM till_counts WHERE till_session_id = ?').get(sessionId) as { n: number }).n;

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
    countsSubmitted: countsOf(sqlite, session.id),
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
