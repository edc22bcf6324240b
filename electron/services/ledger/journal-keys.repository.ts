import type { Sqlite } from '../db/open-database';
import { all, build, first, run, ONE_ROW } from '../db/typed-statement';
import type { JournalKeyTable } from './ledger.tables';

/** The branch's journal keys (public halves) and the operations' signatures: read at start, by verify, and when a key is made. */

export const journalKeys = (sqlite: Sqlite): JournalKeyTable[] => all(sqlite, build.selectFrom('journal_keys').selectAll().orderBy('id'));

export const latestJournalKey = (sqlite: Sqlite): JournalKeyTable | undefined =>
  first(sqlite, build.selectFrom('journal_keys').selectAll().orderBy('id', 'desc').limit(ONE_ROW));

/**
 * Registers a key. Inside the write lock only: its id is the largest plus one, as SQLite's rowid
 * would give (keys are never deleted), written out so the row's type keeps `id` a plain number.
 */
export function insertJournalKey(sqlite: Sqlite, key: Omit<JournalKeyTable, 'id'>): number {
  if (!sqlite.inTransaction) throw new Error('journal key: register it inside the transaction that adopts it');
  const id = (latestJournalKey(sqlite)?.id ?? 0) + 1;
  run(sqlite, build.insertInto('journal_keys').values({ id, ...key }));
  return id;
}

export const signatureAt = (sqlite: Sqlite, seq: number): { key_id: number; signature: string } | undefined =>
  first(sqlite, build.selectFrom('ledger_signatures').select(['key_id', 'signature']).where('seq', '=', seq));

/** A signature with the hash it signs. */
export const signedHashAt = (sqlite: Sqlite, seq: number): { hash: string; key_id: number; signature: string } | undefined =>
  first(
    sqlite,
    build
      .selectFrom('ledger_signatures as s')
      .innerJoin('ledger_transfers as t', 't.seq', 's.seq')
      .select(['t.hash', 's.key_id', 's.signature'])
      .where('s.seq', '=', seq),
  );

export function insertSignature(sqlite: Sqlite, seq: number, keyId: number, signature: string): void {
  run(sqlite, build.insertInto('ledger_signatures').values({ seq, key_id: keyId, signature }));
}
