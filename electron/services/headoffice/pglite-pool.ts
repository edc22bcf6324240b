import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

type Command = PostgresQueryResult<unknown>['command'];

/**
 * Lets kysely's PostgresDialect run the same migrations on PGlite. PGlite is one
 * session, so "connections" take turns: a client holds the session until released.
 */
export function pglitePool(pglite: PGlite): PostgresPool {
  let turn: Promise<void> = Promise.resolve();
  return {
    async connect(): Promise<PostgresPoolClient> {
      let release!: () => void;
      const previous = turn;
      turn = new Promise<void>((resolve) => (release = resolve));
      await previous;
      const client = {
        async query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
          const result = await pglite.query<R>(sql, [...parameters]);
          const command = (sql.trim().split(/\s+/)[0] ?? 'SELECT').toUpperCase() as Command;
          return { command, rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
        },
        release: () => release(),
      };
      return client as PostgresPoolClient;
    },
    async end(): Promise<void> {},
  };
}
