/**
 * Tables SQLite and Kysely keep for themselves, read to tell what a file is: the schema
 * (`sqlite_master`) and the migrations applied (`kysely_migration`, written by Kysely's migrator).
 */
export interface SqliteMasterTable {
  type: 'table' | 'index' | 'view' | 'trigger';
  name: string;
  tbl_name: string;
  rootpage: number;
  sql: string | null;
}

export interface KyselyMigrationTable {
  name: string;
  timestamp: string;
}

export interface SystemTables {
  sqlite_master: SqliteMasterTable;
  kysely_migration: KyselyMigrationTable;
}
