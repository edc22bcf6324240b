import { sql } from 'kysely';
import type { Sqlite } from '../db/open-database';
import { all, build, first, ONE_ROW } from '../db/typed-statement';
import { TRANSFER_FLAG } from '../ledger/transfer-phase';

/** The SQL of a day close's summary for head office (once per close: built per call). */

/** The transfer at `seq`, or the last one. */
export function chainEnd(sqlite: Sqlite, seq?: number): { seq: number; hash: string } | undefined {
  const query = build.selectFrom('ledger_transfers').select(['seq', 'hash']);
  return first(sqlite, seq === undefined ? query.orderBy('seq', 'desc').limit(ONE_ROW) : query.where('seq', '=', seq));
}

/**
 * Each account's posted money up to `seq`, recomputed from the transfers (never from the cached
 * balances), as head office recomputes it: posted transfers and the posting of a pending one count.
 */
export function postedTotalsUpTo(sqlite: Sqlite, seq: number): Array<{ account_id: string; debits_posted: number; credits_posted: number }> {
  const posting = [TRANSFER_FLAG.posted, TRANSFER_FLAG.postPending];
  const moves = build
    .selectFrom('ledger_transfers')
    .select((eb) => [eb.ref('debit_account_id').as('account_id'), eb.ref('amount').as('debit'), sql.lit<number>(0).as('credit')])
    .where('seq', '<=', seq)
    .where('flags', 'in', posting)
    .unionAll((eb) =>
      eb
        .selectFrom('ledger_transfers')
        .select((s) => [s.ref('credit_account_id').as('account_id'), sql.lit<number>(0).as('debit'), s.ref('amount').as('credit')])
        .where('seq', '<=', seq)
        .where('flags', 'in', posting),
    );
  return all(
    sqlite,
    build
      .selectFrom(moves.as('moves'))
      .select((eb) => ['account_id', eb.fn.sum<number>('debit').as('debits_posted'), eb.fn.sum<number>('credit').as('credits_posted')])
      .groupBy('account_id')
      .orderBy('account_id'),
  );
}
