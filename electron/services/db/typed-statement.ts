import type { Statement } from 'better-sqlite3';
import { DummyDriver, Kysely, sql, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Compilable, type InferResult } from 'kysely';
import type { Sqlite } from './open-database';
import { prepared } from './prepared';
import type { CounterDatabase } from './tables';

/**
 * Queries are written with Kysely, typed by `CounterDatabase`, and run by better-sqlite3 (the
 * services' calls are synchronous, inside the ledger's transactions, which Kysely's async executor
 * could not join). This builder only compiles; it has no connection. Two ways to run a query:
 * - `typedStatement`: built, compiled and prepared once, bound per call — for statements that run
 *   on every operation (as fast as SQL written by hand);
 * - `all` / `first` / `run` with `build`: built and compiled per call, prepared once per SQL text
 *   (db/prepared.ts) — for lookups and edits where a few microseconds do not matter.
 */
export const build = new Kysely<CounterDatabase>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

/**
 * `LIMIT 1` written into the SQL, for "the last row" reads: bound as a parameter, reading the chain's
 * head took SQLite 4.5 µs instead of 0.7 µs (measured on this VM), on every operation.
 */
export const ONE_ROW = sql.lit(1);

type Bind = { name: string } | { value: unknown };

/** A prepared query whose parameters are the fields of `P`, and whose rows are `R`. */
export interface TypedStatement<P, R> {
  all(params: P): R[];
  get(params: P): R | undefined;
  /** Row by row, for reads too large to hold at once (a verify over a million transfers). */
  iterate(params: P): IterableIterator<R>;
  run(params: P): { changes: number };
}

const MARK = '\u0000param:';
const END = '\u0000';
const PLACEHOLDER = /^\u0000param:([^\u0000]+)\u0000$/;

/**
 * Prepares `query` once for this database. The query is built with `p`, whose fields stand for
 * the values each call binds: `typedStatement(sqlite, (db, p) => db.selectFrom('users').selectAll().where('id', '=', p.id))`.
 * A field of `p` is a placeholder, not a value: pass it to Kysely as it is, never compute with it
 * (`p.n + 1` would bind a string) — compute in SQL, or pass the computed value as a field of its own.
 * A placeholder that reaches the SQL other than as a parameter is refused when the statement is made.
 */
export function typedStatement<P extends object, R>(
  sqlite: Sqlite,
  query: (db: Kysely<CounterDatabase>, p: P) => Compilable<R>,
): TypedStatement<P, R> {
  const p = new Proxy({}, { get: (_, name) => `${MARK}${String(name)}${END}` }) as P;
  const compiled = query(build, p).compile();
  const binds: Bind[] = compiled.parameters.map((value) => {
    const placeholder = typeof value === 'string' ? PLACEHOLDER.exec(value) : null;
    return placeholder ? { name: placeholder[1]! } : { value };
  });
  if (compiled.sql.includes(MARK) || binds.some((bind) => 'value' in bind && typeof bind.value === 'string' && bind.value.includes(MARK))) {
    throw new Error(`typedStatement: a placeholder was computed with instead of bound: ${compiled.sql}`);
  }
  return bound<P, R>(sqlite.prepare(compiled.sql), binds);
}

/**
 * Statements made once per database connection, on first use: for repositories that are plain
 * functions taking the `Sqlite` (no factory of their own), such as the till session read by every sale.
 */
export function perDatabase<S>(make: (sqlite: Sqlite) => S): (sqlite: Sqlite) => S {
  const made = new WeakMap<Sqlite, S>();
  return (sqlite) => {
    let statements = made.get(sqlite);
    if (!statements) made.set(sqlite, (statements = make(sqlite)));
    return statements;
  };
}

/**
 * The statement's calls with each call's values passed in the statement's order, made for this
 * statement (`p => statement.get(p["id"], c[1])`). A reader shared by every statement saw every
 * parameter shape, its property reads turned megamorphic, and the values went through an array
 * and a spread: together about 2 µs per read and 4 µs per transfer insert, on every sale.
 */
function bound<P, R>(statement: Statement<unknown[]>, binds: Bind[]): TypedStatement<P, R> {
  const constants = binds.map((bind) => ('value' in bind ? bind.value : undefined));
  const args = binds.map((bind, index) => ('name' in bind ? `p[${JSON.stringify(bind.name)}]` : `c[${index}]`)).join(', ');
  const make = new Function(
    's',
    'c',
    `return {
      all: (p) => s.all(${args}),
      get: (p) => s.get(${args}),
      iterate: (p) => s.iterate(${args}),
      run: (p) => ({ changes: s.run(${args}).changes }),
    };`,
  ) as (s: Statement<unknown[]>, c: unknown[]) => TypedStatement<P, R>;
  return make(statement, constants);
}

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

/** Rows read column by column: one array per selected column, named as selected. */
export interface TypedColumns<P, R> {
  columns(params: P): { [K in keyof R]: Array<R[K]> };
}

/**
 * Like `typedStatement`, for large batches sent on column by column (a replication push reads
 * thousands of rows at a time): the rows come as arrays (better-sqlite3's raw mode), with no object
 * per row, and are turned into one array per column. The statement is made through
 * `typedStatement` (its placeholders and checks), kept in raw mode for this use only.
 */
export function typedColumns<P extends object, R>(sqlite: Sqlite, query: (db: Kysely<CounterDatabase>, p: P) => Compilable<R>): TypedColumns<P, R> {
  let made: Statement<unknown[]> | undefined;
  const making = { prepare: (text: string) => (made = sqlite.prepare<unknown[]>(text).raw(true)) } as Pick<Sqlite, 'prepare'>;
  const rows = typedStatement(making as Sqlite, query);
  const names = made!.columns().map((column) => column.name);
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice !== undefined) throw new Error(`typedColumns: column ${twice} is selected twice: name each column once`);
  return {
    columns: (params) => {
      const found = rows.all(params) as unknown as unknown[][];
      const columns = names.map(() => new Array<unknown>(found.length));
      found.forEach((row, r) => row.forEach((value, c) => (columns[c]![r] = value)));
      return Object.fromEntries(names.map((name, c) => [name, columns[c]])) as { [K in keyof R]: Array<R[K]> };
    },
  };
}
