import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { uuid7 } from '@shared/uuid7';
import { addBranch } from '../../../electron/services/headoffice/branch-admin';
import { HeadOfficeApi } from '../../../electron/services/headoffice/head-office-api';
import { migrateHeadOffice } from '../../../electron/services/headoffice/migrate-head-office';
import { headOfficeMigrations } from '../../../electron/services/headoffice/migrations';
import { connectPostgres } from '../../../electron/services/headoffice/postgres-connection';
import type { SqlConnection } from '../../../electron/services/headoffice/sql-runner';
import { openTestBranchLedger, type TestBranchLedger } from '../../support/branch-ledger';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { makeTempDir } from '../../support/temp-dir';

/** A head office at 0004 with a ledger, evidence and tracking in it, migrated to the national-scale schema. */
let database: TestDatabase;
let staff: SqlConnection;
let branch: TestBranchLedger;
const opened: SqlConnection[] = [];
const temp = makeTempDir('ho-scale-migrations-');

beforeAll(async () => {
  database = await createTestDatabase();
  staff = await connectPostgres({ connectionString: database.url });
  branch = await openTestBranchLedger(temp.dir);
}, 120_000);
afterAll(async () => {
  for (const connection of opened) await connection.close();
  await staff?.close();
  await branch?.close();
  await database?.drop();
  temp.remove();
}, 60_000);

it('keeps every transfer, alarm, quarantined row and tracking event across migrations 0005-0010', async () => {
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 1 }) }) });
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => headOfficeMigrations },
    migrationTableName: 'headoffice_migration',
    migrationLockTableName: 'headoffice_migration_lock',
  });
  const before = await migrator.migrateTo('0004-faster-push');
  await db.destroy();
  expect(before.error).toBeUndefined();

  const { role } = await addBranch(staff, { code: 'UPG', name: 'Upgraded', role: database.roleName('UPG'), s10: [] });
  const asBranch = await connectPostgres({ connectionString: database.urlAs(role) });
  opened.push(asBranch);
  branch.sell(40);
  const rows = branch.transfers();
  // At 0004 the push is called directly (no admission yet).
  const pushed = await asBranch.query<{ answer: { acked_seq: number } }>(
    `SELECT ho.push($1::text, ${['bigint', 'text', 'text', 'text', 'text', 'bigint', 'text', 'text', 'integer', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text'].map((t, i) => `$${i + 2}::${t}[]`).join(', ')}) AS answer`,
    [new Date().toISOString(), ...(['seq', 'id', 'operation_id', 'debit_account_id', 'credit_account_id', 'amount', 'currency', 'code', 'flags', 'pending_id', 'reference', 'unique_reference', 'reversal_of', 'till_session_id', 'operator', 'approver', 'reason', 'at', 'prev_hash', 'hash'] as const).map((c) => rows.map((r) => r[c]))],
  );
  expect(Number(pushed.rows[0]!.answer.acked_seq)).toBe(40);
  // Not upgraded yet: a branch asking finds no lean push and keeps sending every column.
  expect(await new HeadOfficeApi(asBranch).offersLeanPush()).toBe(false);
  // A different row 5 resent: quarantined with an alarm (evidence whose key changes).
  const altered = { ...rows[4]!, amount: rows[4]!.amount + 1 };
  const state = await new HeadOfficeApi(asBranch).linkState();
  expect(state.acked_seq).toBe(40);
  await staff.query(
    `INSERT INTO ho.quarantine (branch_code, seq, kept_hash, offered_hash, offered) VALUES ('UPG', 5, $1, 'x', $2::jsonb)`,
    [rows[4]!.hash, JSON.stringify(altered)],
  );
  await staff.query(`INSERT INTO ho.alarms (branch_code, kind, seq, detail) VALUES ('UPG', 'same-seq-different-hash', 5, 'before the upgrade')`);
  const eventId = uuid7();
  const oldPosition = (await staff.query<{ p: string }>(`SELECT ho.record_tracking_event($1, 'RR123456785DJ', 'EMA', '2026-01-01T10:00:00Z', 'X', NULL) AS p`, [eventId])).rows[0]!.p;

  // Every migration after 0004, in order (later ones, such as the customer register and savings, run over the upgraded rows too).
  const applied = await migrateHeadOffice(new pg.Pool({ connectionString: database.url, max: 1 }));
  expect(applied.slice(0, 7)).toEqual([
    '0005-signed-push',
    '0006-transfers-by-branch',
    '0007-evidence-keyed-by-branch',
    '0008-tracking-without-stream-lock',
    '0009-push-admission',
    '0010-branch-as-argument',
    '0011-customer-register',
  ]);
  expect(applied).toEqual(Object.keys(headOfficeMigrations).filter((name) => name > '0004-faster-push').sort());

  const held = await staff.query<{ seq: string; hash: string; partition: string }>(
    "SELECT seq, hash, tableoid::regclass::text AS partition FROM ho.transfers WHERE branch_code = 'UPG' ORDER BY seq",
  );
  expect(held.rows.map((r) => [Number(r.seq), r.hash])).toEqual(rows.map((r) => [r.seq, r.hash]));
  // One branch, one partition.
  expect(new Set(held.rows.map((r) => r.partition)).size).toBe(1);
  expect(held.rows[0]!.partition).toMatch(/^ho\.transfers_p\d\d$/);
  expect((await staff.query("SELECT 1 FROM ho.quarantine WHERE branch_code = 'UPG' AND seq = 5")).rows).toHaveLength(1);
  expect((await staff.query("SELECT 1 FROM ho.alarms WHERE branch_code = 'UPG' AND detail = 'before the upgrade'")).rows).toHaveLength(1);
  const event = await staff.query<{ position: string }>('SELECT position FROM ho.tracking_events WHERE id = $1', [eventId]);
  expect(event.rows[0]!.position).toBe(oldPosition);
  // Still append-only, through the parent and on a partition alike.
  await expect(staff.query("UPDATE ho.transfers SET amount = 1 WHERE branch_code = 'UPG'")).rejects.toThrow(/refused/);
  await expect(staff.query(`DELETE FROM ${held.rows[0]!.partition} WHERE branch_code = 'UPG'`)).rejects.toThrow(/refused/);
  await expect(staff.query(`TRUNCATE ${held.rows[0]!.partition}`)).rejects.toThrow(/refused/);

  // The branch goes on from where it was, through admission and its branch-argument calls.
  branch.sell(5);
  const api = new HeadOfficeApi(asBranch, 'UPG');
  const answer = await api.push({ sent_at: new Date().toISOString(), transfers: branch.transfers().slice(40) });
  expect(answer).toMatchObject({ status: 'ok', acked_seq: 45, inserted: 5 });
  expect((await api.linkState()).quarantined).toBe(1);
  // And now offered the lean push (migration 0013), it continues the same chain through it.
  expect(await api.offersLeanPush()).toBe(true);
  branch.sell(5);
  const lean = new HeadOfficeApi(asBranch, 'UPG', 'lean');
  expect(await lean.push({ sent_at: new Date().toISOString(), transfers: branch.transfers().slice(45) })).toMatchObject({ status: 'ok', acked_seq: 50, inserted: 5 });
  const after = await staff.query<{ hash: string }>("SELECT hash FROM ho.transfers WHERE branch_code = 'UPG' ORDER BY seq");
  expect(after.rows.map((r) => r.hash)).toEqual(branch.transfers().map((r) => r.hash));
}, 120_000);
