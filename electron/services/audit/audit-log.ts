import type { AuditEntry } from '@shared/contract';
import type { Sqlite } from '../db/open-database';
import type { Clock } from '../clock';
import { auditRepository, type AuditQuery } from './audit.repository';

export type { AuditQuery };

export interface AuditRecord {
  actor: string | null;
  action: string;
  subject?: string | null;
  outcome: 'ok' | 'refused';
  details?: Record<string, unknown>;
}

/**
 * The append-only trail of sign-ins, approvals and refusals. Writes are
 * synchronous so an entry commits in the same SQLite transaction as the action
 * it records, when there is one.
 */
export class AuditLog {
  private readonly trail;

  constructor(
    sqlite: Sqlite,
    private readonly clock: Clock,
  ) {
    this.trail = auditRepository(sqlite);
  }

  record(entry: AuditRecord): void {
    this.trail.insert({
      at: this.clock.now().toISOString(),
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject ?? null,
      outcome: entry.outcome,
      details: JSON.stringify(entry.details ?? {}),
    });
  }

  list(query: AuditQuery): AuditEntry[] {
    return this.trail.page(query).map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
  }
}
