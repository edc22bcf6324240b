import type { Generated } from 'kysely';

/** Append-only: triggers refuse UPDATE and DELETE (migration 0001; plain rowid since 0011). */
export interface AuditTable {
  seq: Generated<number>;
  at: string;
  actor: string | null;
  action: string;
  subject: string | null;
  outcome: 'ok' | 'refused';
  /** JSON object. */
  details: string;
}

export interface AuditTables {
  audit_log: AuditTable;
}
