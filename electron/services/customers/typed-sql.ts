import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Compilable, type InferResult } from 'kysely';
import type { Sqlite } from '../db/open-database';
import { prepared } from '../db/prepared';
import type { CounterDatabase } from '../db/tables';

/**
 * Kysely as a typed query builder over the synchronous better-sqlite3 handle: a
 * query is built and compiled by Kysely (tables and columns checked against
 * CounterDatabase), then run by better-sqlite3 inside the caller's transaction.
 * The compiled SQL of a query shape is the same text every time, so its statement
 * is prepared once per database (db/prepared.ts) and only the values are bound.
 */
export const build = new Kysely<CounterDatabase>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

export function all<Q extends Compilable>(sqlite: Sqlite, query: Q): InferResult<Q> {
  const compiled = query.compile();
  return prepared(sqlite, compiled.sql).all(...compiled.parameters) as InferResult<Q>;
}

export function first<Q extends Compilable>(sqlite: Sqlite, query: Q): InferResult<Q>[number] | undefined {
  const compiled = query.compile();
  return prepared(sqlite, compiled.sql).get(...compiled.parameters) as InferResult<Q>[number] | undefined;
}

/** Rows changed. */
export function run(sqlite: Sqlite, query: Compilable): number {
  const compiled = query.compile();
  return prepared(sqlite, compiled.sql).run(...compiled.parameters).changes;
}
