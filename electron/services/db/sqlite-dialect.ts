import { SqliteAdapter, SqliteDialect, type DialectAdapter } from 'kysely';

/**
 * SQLite runs DDL inside transactions, but kysely's adapter says it cannot, so
 * its Migrator would apply each statement on its own: a power cut in the
 * middle of a migration would leave a half-migrated branch database. Saying
 * yes makes the Migrator wrap the pending migrations in one transaction —
 * all of them apply, or none.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class CounterSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}
