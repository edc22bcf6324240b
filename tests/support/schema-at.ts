import { join } from 'node:path';
import { Migrator, type Kysely } from 'kysely';
import { expect } from 'vitest';
import { migrations } from '../../electron/services/db/migrations';
import { openDatabase, type OpenedDatabase } from '../../electron/services/db/open-database';
import { makeTempDir } from './temp-dir';

export interface SchemaAt extends OpenedDatabase {
  /** Migrates up or down to this migration (by name), or to the latest; fails the test on an error. */
  migrateTo(migration: string | 'latest'): Promise<void>;
  close(): Promise<void>;
}

/**
 * Signal's habit for testing a migration: a branch database built exactly up to the
 * migration before it, so the test can put rows in, migrate, and look at the rows.
 */
export async function branchDatabaseAt(migration: string): Promise<SchemaAt> {
  const temp = makeTempDir('schema-at-');
  const result = openDatabase(join(temp.dir, 'branch.sqlite'));
  if (!result.ok) throw new Error(result.refusal.detail);
  const { sqlite, db } = result.opened;
  // Migrations see the schema as it was when they were written.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const migrator = new Migrator({ db: db as Kysely<any>, provider: { getMigrations: async () => migrations } });
  const migrateTo = async (target: string) => {
    const outcome = target === 'latest' ? await migrator.migrateToLatest() : await migrator.migrateTo(target);
    expect(outcome.error).toBeUndefined();
  };
  await migrateTo(migration);
  return {
    sqlite,
    db,
    migrateTo,
    async close() {
      await db.destroy();
      temp.remove();
    },
  };
}
