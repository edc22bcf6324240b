import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { headOfficeMigrations } from '../../../electron/services/headoffice/migrations';
import { connectPostgres } from '../../../electron/services/headoffice/postgres-connection';
import type { SqlConnection } from '../../../electron/services/headoffice/sql-runner';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';

let database: TestDatabase;
let staff: SqlConnection;
let db: Kysely<unknown>;
let migrator: Migrator;

beforeAll(async () => {
  database = await createTestDatabase();
  staff = await connectPostgres({ connectionString: database.url });
  db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 1 }) }) });
  migrator = new Migrator({
    db,
    provider: { getMigrations: async () => headOfficeMigrations },
    migrationTableName: 'headoffice_migration',
    migrationLockTableName: 'headoffice_migration_lock',
  });
}, 120_000);
afterAll(async () => {
  await db?.destroy();
  await staff?.close();
  await database?.drop();
}, 60_000);

const tables = async () =>
  (await staff.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'ho' ORDER BY 1")).rows.map((r) => r.name);

it('HO 0011 adds the register and its kinds, and goes back keeping what head office already held', async () => {
  expect((await migrator.migrateTo('0010-branch-as-argument')).error).toBeUndefined();
  await staff.query("SELECT ho.register_branch('UPC', 'Upgraded', 'nobody_upc', NULL, NULL)");
  await expect(staff.query("SELECT ho.publish_item('kyc-tier', 'basic', NULL, '{}'::jsonb, 'hq')")).rejects.toThrow(/check constraint/);

  expect((await migrator.migrateTo('0011-customer-register')).error).toBeUndefined();
  expect(await tables()).toEqual(expect.arrayContaining(['customers', 'branch_records', 'record_cursors', 'customer_lookups']));
  await staff.query("SELECT ho.publish_item('kyc-tier', 'basic', NULL, '{}'::jsonb, 'hq')");
  await staff.query("INSERT INTO ho.alarms (branch_code, kind, detail) VALUES ('UPC', 'customer-document-conflict', 'test')");

  // Back: the tables go, the tier and the alarm stay (evidence is never deleted), new ones of those kinds are refused.
  expect((await migrator.migrateTo('0010-branch-as-argument')).error).toBeUndefined();
  expect(await tables()).not.toContain('customers');
  expect((await staff.query("SELECT 1 FROM ho.reference_items WHERE kind = 'kyc-tier'")).rows).toHaveLength(1);
  expect((await staff.query("SELECT 1 FROM ho.alarms WHERE kind = 'customer-document-conflict'")).rows).toHaveLength(1);
  await expect(staff.query("SELECT ho.publish_item('kyc-tier', 'full', NULL, '{}'::jsonb, 'hq')")).rejects.toThrow(/check constraint/);

  expect((await migrator.migrateToLatest()).error).toBeUndefined();
  expect(await tables()).toContain('customers');
}, 120_000);
