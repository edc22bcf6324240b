import { Kysely, Migrator, PostgresDialect, type MigrationProvider, type PostgresPool } from 'kysely';
import { headOfficeMigrations } from './migrations';

const provider: MigrationProvider = { getMigrations: async () => headOfficeMigrations };

/**
 * Brings a head-office database to the latest schema. Run as a role that may
 * create roles (the first run creates `ho_owner` and `ho_branch`).
 */
export async function migrateHeadOffice(pool: PostgresPool): Promise<string[]> {
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  try {
    const { error, results } = await new Migrator({
      db,
      provider,
      migrationTableName: 'headoffice_migration',
      migrationLockTableName: 'headoffice_migration_lock',
    }).migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new Error(`head-office migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return (results ?? []).map((r) => r.migrationName);
  } finally {
    await db.destroy();
  }
}
