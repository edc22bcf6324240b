import type { Sqlite } from '../db/open-database';
import { all, build, run } from '../db/typed-statement';
import type { LedgerAccountTable } from './ledger.tables';

/** The accounts as stored, balances and seals included: for verify, a day close, a rebuild, the supervisor's list. */

/** In the order they were opened (the table's own order, as verify has always reported them). */
export const allAccounts = (sqlite: Sqlite): LedgerAccountTable[] => all(sqlite, build.selectFrom('ledger_accounts').selectAll());

/** By id: the order a day close's summary lists them in. */
export const accountsById = (sqlite: Sqlite): LedgerAccountTable[] => all(sqlite, build.selectFrom('ledger_accounts').selectAll().orderBy('id'));

/** One code's accounts (all when null), by code then id. */
export const accountsByCode = (sqlite: Sqlite, code: string | null): LedgerAccountTable[] => {
  let query = build.selectFrom('ledger_accounts').selectAll();
  if (code !== null) query = query.where('code', '=', code);
  return all(sqlite, query.orderBy('code').orderBy('id'));
};

export type StoredBalances = Pick<LedgerAccountTable, 'debits_posted' | 'debits_pending' | 'credits_posted' | 'credits_pending' | 'last_seq' | 'balance_seal'>;

/** Overwrites balances and seal (a rebuild). Only inside `balanceWriter(...).during`: the trigger refuses it otherwise. */
export function writeBalances(sqlite: Sqlite, id: string, balances: StoredBalances): void {
  run(sqlite, build.updateTable('ledger_accounts').set(balances).where('id', '=', id));
}

/** Seals the balances as they stand (the adoption of a ledger from before seals). Inside `balanceWriter(...).during` only. */
export function writeSeal(sqlite: Sqlite, id: string, lastSeq: number | null, seal: string): void {
  run(sqlite, build.updateTable('ledger_accounts').set({ last_seq: lastSeq, balance_seal: seal }).where('id', '=', id));
}
