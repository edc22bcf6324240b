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
    const rows = this.sqlite
      .prepare(
        `SELECT seq, at, actor, action, subject, outcome, details FROM audit_log
         WHERE (@before IS NULL OR seq < @before) AND (@action IS NULL OR action = @action)
         ORDER BY seq DESC LIMIT @limit`,
      )
      .all({ before: query.beforeSeq ?? null, action: query.action ?? null, limit: query.limit }) as Array<
      Omit<AuditEntry, 'details' | 'outcome'> & { details: string; outcome: 'ok' | 'refused' }
    >;
    return rows.map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
  }
}
