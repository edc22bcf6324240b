import type { Sqlite } from '../db/open-database';
import { all, build, first } from '../db/typed-statement';

/** What a file holds, read before trusting it as a branch ledger: its tables and the migrations applied. */

export const tableExists = (sqlite: Sqlite, name: string): boolean =>
  first(sqlite, build.selectFrom('sqlite_master').select('name').where('type', '=', 'table').where('name', '=', name)) !== undefined;

/** The migrations Kysely's migrator recorded, by name (they sort in the order they apply). */
export const appliedMigrations = (sqlite: Sqlite): string[] =>
  all(sqlite, build.selectFrom('kysely_migration').select('name').orderBy('name')).map((row) => row.name);

/** How many migrations the file has had; none when the migrator never ran on it. */
export const appliedMigrationCount = (sqlite: Sqlite): number =>
  tableExists(sqlite, 'kysely_migration') ? (first(sqlite, build.selectFrom('kysely_migration').select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0) : 0;
