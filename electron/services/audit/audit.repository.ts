import { sql } from 'kysely';
import type { Sqlite } from '../db/open-database';
import { all, build, typedStatement } from '../db/typed-statement';
import type { AuditTable } from './audit.tables';

export interface AuditQuery {
  limit: number;
  beforeSeq?: number | undefined;
  action?: string | undefined;
}

/** Every ledger operation audits itself as `ledger.<kind>` (ledger/ledger.ts). */
const LEDGER_ACTION_PREFIX = 'ledger.';

/**
 * One page of the trail, newest first. A filter on an action other than the ledger's repeats the
 * condition of the partial index `audit_log_by_action` (migration 0014), as a literal, so the
 * planner may use it; ledger entries are most of the trail and are found walking back by number.
 */
export function auditPage(query: AuditQuery) {
  let page = build.selectFrom('audit_log').select(['seq', 'at', 'actor', 'action', 'subject', 'outcome', 'details']);
  if (query.beforeSeq !== undefined) page = page.where('seq', '<', query.beforeSeq);
  if (query.action !== undefined) {
    page = page.where('action', '=', query.action);
    if (!query.action.startsWith(LEDGER_ACTION_PREFIX)) page = page.where('action', 'not like', sql.lit(`${LEDGER_ACTION_PREFIX}%`));
  }
  return page.orderBy('seq', 'desc').limit(query.limit);
}

/** The trail's statements: the insert runs in every audited transaction (every sale), so it is prepared once. */
export function auditRepository(sqlite: Sqlite) {
  const insert = typedStatement(sqlite, (db, p: Omit<AuditTable, 'seq'>) =>
    db.insertInto('audit_log').values({ at: p.at, actor: p.actor, action: p.action, subject: p.subject, outcome: p.outcome, details: p.details }),
  );
  return {
    insert: (entry: Omit<AuditTable, 'seq'>) => void insert.run(entry),
    page: (query: AuditQuery) => all(sqlite, auditPage(query)),
  };
}
