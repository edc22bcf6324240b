import { sql } from 'kysely';
import type { Sqlite } from '../db/open-database';
import { all, build, first } from '../db/typed-statement';
import type { LedgerOperationTable, LedgerSessionTotalTable, LedgerTransferTable } from '../ledger/ledger.tables';
import { TRANSFER_FLAG } from '../ledger/transfer-phase';

/**
 * The till's reads of the ledger's operations and transfers: what a void reverses, the clerk's
 * list of a session's operations, the Z report's figures. Built per call, prepared once per SQL text.
 */

export const operationById = (sqlite: Sqlite, operationId: string): LedgerOperationTable | undefined =>
  first(sqlite, build.selectFrom('ledger_operations').selectAll().where('id', '=', operationId));

/** The void of this operation, if it was voided. */
export const voidOf = (sqlite: Sqlite, operationId: string): { id: string } | undefined =>
  first(sqlite, build.selectFrom('ledger_operations').select('id').where('reverses_operation_id', '=', operationId));

/** An operation's plain posted transfers, in order: what a void reverses one for one. */
export const postedTransfersOf = (sqlite: Sqlite, operationId: string): LedgerTransferTable[] =>
  all(
    sqlite,
    build.selectFrom('ledger_transfers').selectAll().where('operation_id', '=', operationId).where('flags', '=', sql.lit(TRANSFER_FLAG.posted)).orderBy('seq'),
  );

/** A session's operations, newest first, each with the void that reversed it (if any). */
export const sessionOperationRows = (sqlite: Sqlite, sessionId: string, limit: number) =>
  all(
    sqlite,
    build
      .selectFrom('ledger_operations as o')
      .leftJoin('ledger_operations as v', 'v.reverses_operation_id', 'o.id')
      .selectAll('o')
      .select('v.id as voided_by')
      .where('o.till_session_id', '=', sessionId)
      .orderBy('o.at', 'desc')
      .orderBy('o.id', 'desc')
      .limit(limit),
  );

/** What an operation moved, line by line, with the account on the other side of the till's cash named. */
export const operationLines = (sqlite: Sqlite, operationId: string, cashAccountId: string) =>
  all(
    sqlite,
    build
      .selectFrom('ledger_transfers as t')
      .innerJoin('ledger_accounts as a', (join) =>
        join.on((eb) =>
          eb('a.id', '=', eb.case().when('t.credit_account_id', '=', cashAccountId).then(eb.ref('t.debit_account_id')).else(eb.ref('t.credit_account_id')).end()),
        ),
      )
      .select(['t.amount', 't.reference', 'a.id', 'a.name', 'a.code'])
      .where('t.operation_id', '=', operationId)
      .orderBy('t.seq'),
  );

export const sessionTotals = (sqlite: Sqlite, sessionId: string): LedgerSessionTotalTable[] =>
  all(sqlite, build.selectFrom('ledger_session_totals').selectAll().where('till_session_id', '=', sessionId));

/** A session's operations of one kind (its voids, for the Z report), oldest first. */
export const sessionOperationsOfKind = (sqlite: Sqlite, sessionId: string, kind: string): LedgerOperationTable[] =>
  all(sqlite, build.selectFrom('ledger_operations').selectAll().where('till_session_id', '=', sessionId).where('kind', '=', kind).orderBy('at'));

/** Payments taken: operations where a customer pays the till for the branch's products and services. */
const SALE_KINDS = [sql.lit('sale'), sql.lit('mail-acceptance')];

/** A mail basket is one payment however many items it holds: payments counted by operation. */
export const paymentCount = (sqlite: Sqlite, sessionId: string): number =>
  first(
    sqlite,
    build
      .selectFrom('ledger_operations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('till_session_id', '=', sessionId)
      .where('kind', 'in', SALE_KINDS)
      .where('transfer_count', '>', 0),
  )?.n ?? 0;

/** Payments of the session a void took back. */
export const voidedPaymentCount = (sqlite: Sqlite, sessionId: string): number =>
  first(
    sqlite,
    build
      .selectFrom('ledger_operations as v')
      .innerJoin('ledger_operations as s', 's.id', 'v.reverses_operation_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('v.till_session_id', '=', sessionId)
      .where('v.kind', '=', sql.lit('void'))
      .where('s.kind', 'in', SALE_KINDS),
  )?.n ?? 0;

/** The session's last transfer: where its Z report stands in the journal. */
export const lastSeqOfSession = (sqlite: Sqlite, sessionId: string): number | null =>
  first(sqlite, build.selectFrom('ledger_transfers').select((eb) => eb.fn.max<number | null>('seq').as('seq')).where('till_session_id', '=', sessionId))?.seq ?? null;
