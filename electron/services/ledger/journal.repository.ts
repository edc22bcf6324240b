import { sql } from 'kysely';
import type { ParsedInput } from '@shared/contract';
import type { Sqlite } from '../db/open-database';
import { all, build } from '../db/typed-statement';
import { TRANSFER_FLAG } from './transfer-phase';

/**
 * Transfer codes that correct or settle a discrepancy: each shows who, when and why.
 * The partial index `ledger_transfers_corrections` (migration 0011) holds exactly
 * these rows; the planner uses it only while this condition matches its own, so the
 * codes and the flag are written into the SQL as literals, never bound.
 */
export const CORRECTION_CODES = ['void', 'short', 'over', 'short-disputed', 'over-disputed', 'safe-short', 'safe-over'];

/** The SQL of one journal page, newest first: apart from the read so a test can read its plan. */
export function journalPage(query: ParsedInput<'journal.query'>) {
  let page = build
    .selectFrom('ledger_transfers as t')
    .innerJoin('ledger_operations as o', 'o.id', 't.operation_id')
    .innerJoin('ledger_accounts as d', 'd.id', 't.debit_account_id')
    .innerJoin('ledger_accounts as c', 'c.id', 't.credit_account_id')
    .leftJoin('till_sessions as s', 's.id', 't.till_session_id')
    .selectAll('t')
    .select(['o.kind as kind', 's.till_id as till_id', 'd.name as debit_name', 'c.name as credit_name', 'd.code as debit_code', 'c.code as credit_code']);
  const given = <T>(value: T | undefined): value is T => value !== undefined && value !== '';
  if (given(query.sessionId)) page = page.where('t.till_session_id', '=', query.sessionId);
  const tillId = query.tillId;
  if (given(tillId)) page = page.where('t.till_session_id', 'in', (eb) => eb.selectFrom('till_sessions').select('id').where('till_id', '=', tillId));
  if (given(query.clerk)) page = page.where('t.operator', '=', query.clerk);
  if (given(query.code)) {
    page = page.where('t.code', '=', query.code);
    // Sales have no code index (they are most of the ledger); any other code is found through
    // `ledger_transfers_code_not_sale`, which the planner takes only when told the code is not 'sale'.
    if (query.code !== 'sale') page = page.where('t.code', '<>', sql.lit('sale'));
  }
  if (given(query.reference)) page = page.where('t.reference', '=', query.reference);
  if (given(query.operationId)) page = page.where('t.operation_id', '=', query.operationId);
  if (given(query.beforeSeq)) page = page.where('t.seq', '<', query.beforeSeq);
  if (query.correctionsOnly) {
    page = page.where((eb) =>
      eb.or([eb('t.code', 'in', CORRECTION_CODES.map((code) => sql.lit(code))), eb('t.flags', '=', sql.lit(TRANSFER_FLAG.voidPending))]),
    );
  }
  return page.orderBy('t.seq', 'desc').limit(query.limit);
}

export const journalRows = (sqlite: Sqlite, query: ParsedInput<'journal.query'>) => all(sqlite, journalPage(query));
