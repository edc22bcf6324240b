import type { JournalEntry, ParsedInput } from '@shared/contract';
import type { Sqlite } from '../db/open-database';
import type { LedgerTransferTable } from './ledger.tables';
import { phaseOf, TRANSFER_FLAG } from './transfer-phase';

/**
 * Transfer codes that correct or settle a discrepancy: each shows who, when and why.
 * The partial index `ledger_transfers_corrections` (migration 0011) holds exactly
 * these rows; the planner uses it only while this condition matches its own.
 */
const CORRECTION_CODES = ['void', 'short', 'over', 'short-disputed', 'over-disputed', 'safe-short', 'safe-over'];
const IS_CORRECTION = `(t.code IN (${CORRECTION_CODES.map((c) => `'${c}'`).join(', ')}) OR t.flags = ${TRANSFER_FLAG.voidPending})`;

type Row = LedgerTransferTable & { kind: string; till_id: string | null; debit_name: string; credit_name: string; debit_code: string; credit_code: string };

/** The journal for supervisors and auditors, newest first, filtered by till, clerk, code, reference. */
export function queryJournal(sqlite: Sqlite, query: ParsedInput<'journal.query'>): JournalEntry[] {
  const { sql, params } = journalStatement(query);
  return (sqlite.prepare(sql).all(params) as Row[]).map(toEntry);
}

/** The SQL of one journal page: apart from the query so a test can read its plan. */
export function journalStatement(query: ParsedInput<'journal.query'>): { sql: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: query.limit };
  const filter = (clause: string, name: string, value: unknown) => {
    if (value === undefined || value === '') return;
    where.push(clause);
    params[name] = value;
  };
  filter('t.till_session_id = @session', 'session', query.sessionId);
  filter('t.till_session_id IN (SELECT id FROM till_sessions WHERE till_id = @till)', 'till', query.tillId);
  filter('t.operator = @clerk', 'clerk', query.clerk);
  filter('t.code = @code', 'code', query.code);
  // Sales have no code index (they are most of the ledger); any other code is found through
  // `ledger_transfers_code_not_sale`, which the planner takes only when told the code is not 'sale'.
  if (query.code && query.code !== 'sale') where.push("t.code <> 'sale'");
  filter('t.reference = @reference', 'reference', query.reference);
  filter('t.operation_id = @operation', 'operation', query.operationId);
  filter('t.seq < @before', 'before', query.beforeSeq);
  if (query.correctionsOnly) where.push(IS_CORRECTION);
  const sql = `SELECT t.*, o.kind AS kind, s.till_id AS till_id, d.name AS debit_name, c.name AS credit_name, d.code AS debit_code, c.code AS credit_code
         FROM ledger_transfers t
         JOIN ledger_operations o ON o.id = t.operation_id
         JOIN ledger_accounts d ON d.id = t.debit_account_id
         JOIN ledger_accounts c ON c.id = t.credit_account_id
         LEFT JOIN till_sessions s ON s.id = t.till_session_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY t.seq DESC LIMIT @limit`;
  return { sql, params };
}

function toEntry(t: Row): JournalEntry {
  const isCorrection = CORRECTION_CODES.includes(t.code) || t.flags === TRANSFER_FLAG.voidPending;
  return {
    seq: t.seq,
    transferId: t.id,
    operationId: t.operation_id,
    operationKind: t.kind,
    at: t.at,
    code: t.code,
    debit: { id: t.debit_account_id, name: t.debit_name, code: t.debit_code },
    credit: { id: t.credit_account_id, name: t.credit_name, code: t.credit_code },
    amount: { minor: t.amount, currency: t.currency },
    phase: phaseOf(t.flags),
    pendingId: t.pending_id,
    reference: t.reference,
    sessionId: t.till_session_id,
    tillId: t.till_id,
    operator: t.operator,
    approvedBy: t.approver,
    reason: t.reason,
    reversalOf: t.reversal_of,
    correction: isCorrection ? { by: t.operator, approvedBy: t.approver, at: t.at, why: t.reason ?? '' } : null,
    hash: t.hash,
  };
}
