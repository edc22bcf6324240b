import { sql } from 'kysely';
import type { Sqlite } from '../db/open-database';
import { all, build, first, typedStatement, ONE_ROW } from '../db/typed-statement';
import { TRANSFER_FLAG } from './transfer-phase';

/**
 * Reads of the transfers outside an operation's hot path: the chain's head, whole-ledger walks for
 * verify and the start-up check, and the sums balances are rebuilt from. Built per call (a few
 * microseconds), prepared once per SQL text.
 */

/** The last transfer: where the chain stands (what a Z report, a day close and a new key sign from). */
export const chainHead = (sqlite: Sqlite): { seq: number; hash: string } | undefined =>
  first(sqlite, build.selectFrom('ledger_transfers').select(['seq', 'hash']).orderBy('seq', 'desc').limit(ONE_ROW));

export const hashAt = (sqlite: Sqlite, seq: number): string | undefined =>
  first(sqlite, build.selectFrom('ledger_transfers').select('hash').where('seq', '=', seq))?.hash;

export const transferIdAt = (sqlite: Sqlite, seq: number): string | null =>
  first(sqlite, build.selectFrom('ledger_transfers').select('id').where('seq', '=', seq))?.id ?? null;

/** Whether a reference booked once in the whole ledger (a remittance number, an S10) is already there. */
export const isReferenceBooked = (sqlite: Sqlite, reference: string): boolean =>
  first(sqlite, build.selectFrom('ledger_transfers').select(sql.lit(1).as('booked')).where('unique_reference', '=', reference)) !== undefined;

/** Every transfer from `fromSeq` on, in order, one row at a time (a day's transfers at start, all of them for verify). */
export function transfersFrom(sqlite: Sqlite, fromSeq: number) {
  return typedStatement(sqlite, (db, p: { fromSeq: number }) => db.selectFrom('ledger_transfers').selectAll().where('seq', '>=', p.fromSeq).orderBy('seq')).iterate({
    fromSeq,
  });
}

/** Every transfer in order, with whether an operation's signature sits on it. */
export function transfersWithSignatures(sqlite: Sqlite) {
  return typedStatement(sqlite, (db) =>
    db
      .selectFrom('ledger_transfers as t')
      .leftJoin('ledger_signatures as s', 's.seq', 't.seq')
      .selectAll('t')
      .select('s.seq as signed_seq')
      .orderBy('t.seq'),
  ).iterate({});
}

/** Each account's last transfer, debit or credit side: where a balance that disagrees stopped agreeing. */
export function lastMoves(sqlite: Sqlite): Map<string, number> {
  const rows = all(
    sqlite,
    build
      .selectFrom((db) =>
        db
          .selectFrom('ledger_transfers')
          .select(['debit_account_id as account', 'seq'])
          .unionAll(db.selectFrom('ledger_transfers').select(['credit_account_id as account', 'seq']))
          .as('moves'),
      )
      .select((eb) => ['account', eb.fn.max('seq').as('seq')])
      .groupBy('account'),
  );
  return new Map(rows.map((r) => [r.account, r.seq]));
}

export interface RecomputedBalances {
  dp: number;
  dpend: number;
  cp: number;
  cpend: number;
}

/** Flags of a transfer that moves posted money: posted (0) or a posted reservation (2). Literals, as in the transfers' own checks. */
const MOVES_POSTED = [sql.lit(TRANSFER_FLAG.posted), sql.lit(TRANSFER_FLAG.postPending)];

/**
 * Balances recomputed from the transfers alone, in SQL: posted money from posted transfers and
 * posted reservations, pending money from reservations nothing has resolved yet. Used to repair the
 * cached balances (never the transfers), to adopt a ledger from before balances were sealed, and by
 * the bench's balance check.
 */
export function balancesFromTransfers(sqlite: Sqlite): Map<string, RecomputedBalances> {
  const rows = all(
    sqlite,
    build
      .with('open_pending', (db) =>
        db
          .selectFrom('ledger_transfers as p')
          .select('p.id')
          .where('p.flags', '=', sql.lit(TRANSFER_FLAG.pending))
          .where(({ not, exists, selectFrom }) => not(exists(selectFrom('ledger_transfers as r').select(sql.lit(1).as('resolved')).whereRef('r.pending_id', '=', 'p.id')))),
      )
      .with('moves', (db) =>
        db
          .selectFrom('ledger_transfers')
          .select((eb) => [
            'debit_account_id as account',
            eb.case().when('flags', 'in', MOVES_POSTED).then(eb.ref('amount')).else(0).end().as('dp'),
            eb.case().when('id', 'in', eb.selectFrom('open_pending').select('id')).then(eb.ref('amount')).else(0).end().as('dpend'),
            eb.lit<number>(0).as('cp'),
            eb.lit<number>(0).as('cpend'),
          ])
          .unionAll(
            db
              .selectFrom('ledger_transfers')
              .select((eb) => [
                'credit_account_id as account',
                eb.lit<number>(0).as('dp'),
                eb.lit<number>(0).as('dpend'),
                eb.case().when('flags', 'in', MOVES_POSTED).then(eb.ref('amount')).else(0).end().as('cp'),
                eb.case().when('id', 'in', eb.selectFrom('open_pending').select('id')).then(eb.ref('amount')).else(0).end().as('cpend'),
              ]),
          ),
      )
      .selectFrom('moves')
      .select((eb) => [
        'account',
        eb.fn.sum<number>('dp').as('dp'),
        eb.fn.sum<number>('dpend').as('dpend'),
        eb.fn.sum<number>('cp').as('cp'),
        eb.fn.sum<number>('cpend').as('cpend'),
      ])
      .groupBy('account'),
  );
  return new Map(rows.map((r) => [r.account, { dp: r.dp, dpend: r.dpend, cp: r.cp, cpend: r.cpend }]));
}

/**
 * The last day close that sealed transfers: its full verify covered every transfer up to it, so the
 * start-up check walks only what came after. (The day close owns the table; the ledger reads its
 * checkpoint here rather than import upwards.)
 */
export const lastClosedCheckpoint = (sqlite: Sqlite): { last_seq: number; last_hash: string } | undefined =>
  first(sqlite, build.selectFrom('day_closes').select(['last_seq', 'last_hash']).where('last_seq', '>', 0).orderBy('last_seq', 'desc').limit(ONE_ROW));

/** The per-session totals kept with every transfer, as stored: verify recomputes them. */
export const allSessionTotals = (sqlite: Sqlite) => all(sqlite, build.selectFrom('ledger_session_totals').selectAll());
