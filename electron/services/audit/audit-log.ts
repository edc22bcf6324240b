import type { AuditEntry } from '@shared/contract';
import type { Sqlite } from '../db/open-database';
import type { Clock } from '../clock';

export interface AuditRecord {
  actor: string | null;
  action: string;
  subject?: string | null;
  outcome: 'ok' | 'refused';
  details?: Record<string, unknown>;
}

export interface AuditQuery {
  limit: number;
  beforeSeq?: number | undefined;
  action?: string | undefined;
}

/**
 * The append-only trail of sign-ins, approvals and refusals. Writes are
 * synchronous so an entry commits in the same SQLite transaction as the action
 * it records, when there is one.
 */
export class AuditLog {
  private readonly insert;

  constructor(
    private readonly sqlite: Sqlite,
    private readonly clock: Clock,
  ) {
    this.insert = sqlite.prepare(
      'INSERT INTO audit_log (at, actor, action, subject, outcome, details) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  record(entry: AuditRecord): void {
    this.insert.run(
      this.clock.now().toISOString(),
      entry.actor,
      entry.action,
      entry.subject ?? null,
      entry.outcome,
      JSON.stringify(entry.details ?? {}),
    );
  }

  list(query: AuditQuery): AuditEntry[] {
    const rows = this.sqlite.prepare(auditListSql(query.action)).all({ before: query.beforeSeq ?? null, action: query.action ?? null, limit: query.limit }) as Array<
      Omit<AuditEntry, 'details' | 'outcome'> & { details: string; outcome: 'ok' | 'refused' }
    >;
    return rows.map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
  }
}

/** Every ledger operation audits itself as `ledger.<kind>` (ledger/ledger.ts). */
const LEDGER_ACTION_PREFIX = 'ledger.';

/**
 * Newest first. A filter on an action other than the ledger's repeats the condition of
 * the partial index `audit_log_by_action` (migration 0014) so the planner may use it;
 * ledger entries are most of the trail and are found walking back by number.
 */
export function auditListSql(action: string | undefined): string {
  const where = ['(@before IS NULL OR seq < @before)'];
  if (action !== undefined) where.push('action = @action');
  if (action !== undefined && !action.startsWith(LEDGER_ACTION_PREFIX)) where.push(`action NOT LIKE '${LEDGER_ACTION_PREFIX}%'`);
  return `SELECT seq, at, actor, action, subject, outcome, details FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT @limit`;
}

