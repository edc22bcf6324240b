import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { headOfficeMigrations } from '../../../electron/services/headoffice/migrations';
import { MONEY_ORDER_TABLES } from '../../../electron/services/headoffice/migrations/money-order-schema-sql';
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
const triggers = async () =>
  (await staff.query<{ name: string }>("SELECT tgname AS name FROM pg_trigger WHERE tgname IN ('transfers_money_orders', 'branch_records_money_order') AND tgparentid = 0 ORDER BY 1")).rows.map((r) => r.name);

it('HO 0015 adds money orders and their kinds, and goes back keeping what head office already held', async () => {
  expect((await migrator.migrateTo('0014-savings-credits-kept-aside')).error).toBeUndefined();
  await staff.query("SELECT ho.register_branch('UPM', 'Upgraded', 'nobody_upm', NULL, NULL)");
  await expect(staff.query("SELECT ho.publish_item('money-order-range', 'x', 'UPM', '{}'::jsonb, 'hq')")).rejects.toThrow(/check constraint/);
  await expect(staff.query("INSERT INTO ho.alarms (branch_code, kind, detail) VALUES ('UPM', 'money-order-double-payout', 'test')")).rejects.toThrow(/check constraint/);

  expect((await migrator.migrateTo('0015-money-orders')).error).toBeUndefined();
  expect(await tables()).toEqual(expect.arrayContaining([...MONEY_ORDER_TABLES]));
  expect(await triggers()).toEqual(['branch_records_money_order', 'transfers_money_orders']);
  await staff.query("SELECT ho.money_order_allocate_range('UPM', 1, 100)");
  await staff.query("INSERT INTO ho.alarms (branch_code, kind, detail) VALUES ('UPM', 'money-order-double-payout', 'test')");
  // The kinds earlier migrations allowed are still allowed.
  await staff.query("SELECT ho.publish_item('savings-range', 'y', 'UPM', '{}'::jsonb, 'hq')");

  // Back: the tables, functions and triggers go; the published range and the alarm stay (evidence is never deleted).
  expect((await migrator.migrateTo('0014-savings-credits-kept-aside')).error).toBeUndefined();
  expect(await tables()).not.toContain('money_orders');
  expect(await triggers()).toEqual([]);
  expect((await staff.query("SELECT 1 FROM ho.reference_items WHERE kind = 'money-order-range'")).rows).toHaveLength(1);
  expect((await staff.query("SELECT 1 FROM ho.alarms WHERE kind = 'money-order-double-payout'")).rows).toHaveLength(1);
  expect((await staff.query("SELECT 1 FROM pg_proc WHERE proname LIKE 'money_order%'")).rows).toEqual([]);

  expect((await migrator.migrateToLatest()).error).toBeUndefined();
  expect(await tables()).toContain('money_orders');
  expect(await triggers()).toEqual(['branch_records_money_order', 'transfers_money_orders']);
}, 120_000);
