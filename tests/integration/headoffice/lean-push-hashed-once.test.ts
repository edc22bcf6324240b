import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuid7 } from '@shared/uuid7';
import { HeadOfficeApi } from '../../../electron/services/headoffice/head-office-api';
import { addBranch } from '../../../electron/services/headoffice/branch-admin';
import { headOfficeMigrations } from '../../../electron/services/headoffice/migrations';
import { PUSH_COLUMNS } from '../../../electron/services/headoffice/migrations/0002-branch-functions';
import { connectPostgres } from '../../../electron/services/headoffice/postgres-connection';
import type { SqlConnection } from '../../../electron/services/headoffice/sql-runner';
import type { LedgerTransferTable } from '../../../electron/services/ledger/ledger.tables';
import { GENESIS_HASH, transferHash } from '../../../electron/services/ledger/transfer-hash';
import { startTestHeadOffice, type TestHeadOffice } from '../../support/head-office';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';

/**
 * HO migration 0016: the lean door does the whole push in one body, hashing each row once,
 * where it went through the column door's ho.push (and hashed every row twice). Both doors
 * must still answer alike: the same scenario is played through each and compared answer by
 * answer, alarm by alarm.
 */

const sentAt = (offsetSeconds = 0) => new Date(Date.now() + offsetSeconds * 1000).toISOString();

/** A valid chain from `first` on `prev`, each row's time given by `at(seq)`. */
function chain(count: number, at: (seq: number) => string, first = 1, prev = GENESIS_HASH): LedgerTransferTable[] {
  const rows: LedgerTransferTable[] = [];
  const operation = uuid7();
  for (let i = 0; i < count; i += 1) {
    const seq = first + i;
    const row = {
      seq, id: `${operation}/${i + 1}`, operation_id: operation, debit_account_id: 'safe:DJF', credit_account_id: `revenue:p${seq % 3}:DJF`,
      amount: 100 + seq, currency: 'DJF', code: 'sale', flags: 0, pending_id: null, reference: `S${seq}`, unique_reference: null,
      reversal_of: null, till_session_id: null, operator: 'clerk', approver: null, reason: null, at: at(seq), prev_hash: prev, hash: '',
    };
    row.hash = transferHash(prev, row);
    prev = row.hash;
    rows.push(row);
  }
  return rows;
}
/** Rebuilds the chain after `rows` were edited, from the hash before the first. */
function rehash(rows: LedgerTransferTable[], prev: string): LedgerTransferTable[] {
  return rows.map((row) => {
    const next = { ...row, prev_hash: prev };
    next.hash = transferHash(prev, next);
    prev = next.hash;
    return next;
  });
}
const columnsOf = (rows: LedgerTransferTable[]) => PUSH_COLUMNS.map(([name]) => rows.map((row) => row[name]));
/** Noon in Djibouti (+03:00) plus `m` minutes, as the ledger writes times. */
const minute = (m: number) => {
  const total = 12 * 60 + m;
  return `2025-03-01T${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}:00.000+03:00`;
};

describe('the lean push, hashed once (HO migration 0016)', () => {
  let ho: TestHeadOffice;
  beforeAll(async () => {
    ho = await startTestHeadOffice();
  }, 120_000);
  afterAll(async () => {
    await ho?.close();
  }, 120_000);

  const api = async (code: string, form: 'lean' | 'columns') => {
    const { role } = await ho.addBranch(code);
    const connection = await ho.connectAs(role);
    return { connection, api: form === 'lean' ? new HeadOfficeApi(connection, code, 'lean') : new HeadOfficeApi(connection) };
  };

  // The clock: seq 8 set back half an hour; seq 11 (next batch) before the held seq 10; seq 14 in UTC,
  // half an hour before seq 13 (12:13 in +03:00 is 09:13Z); seq 15 in UTC, 30 s after it: not flagged.
  const times: Record<number, string> = { 8: minute(-22), 11: minute(5), 14: '2025-03-01T08:43:00.000Z', 15: '2025-03-01T08:43:30.000Z' };
  const rows = chain(20, (seq) => times[seq] ?? minute(seq));
  const elsewhere = chain(3, minute, 13, 'b'.repeat(64));

  /** One scenario: every answer (or refusal code), then the alarms and what head office holds. */
  const play = async (code: string, form: 'lean' | 'columns') => {
    const { api: branch } = await api(code, form);
    const steps: Array<() => Promise<unknown>> = [
      () => branch.push({ sent_at: sentAt(), columns: columnsOf(rows.slice(0, 10)) }),
      // A lost reply: the resend overlaps what head office holds.
      () => branch.push({ sent_at: sentAt(), columns: columnsOf(rows.slice(5, 12)) }),
      () => branch.push({ sent_at: sentAt(), columns: columnsOf(rows.slice(14)) }),
      () => branch.push({ sent_at: sentAt(), columns: columnsOf(elsewhere) }),
      () => branch.push({ sent_at: sentAt(), columns: columnsOf(rehash(rows.slice(9, 12).map((r) => ({ ...r, amount: r.amount + 1 })), rows[8]!.hash)) }),
      // Two hours ahead: flagged once, not again while it stays so.
      () => branch.push({ sent_at: sentAt(7200), columns: columnsOf(rows.slice(12, 15)) }),
      () => branch.push({ sent_at: sentAt(7200), columns: columnsOf(rows.slice(15, 16)) }),
      // A transfer id head office holds under another seq.
      () => branch.push({ sent_at: sentAt(), columns: columnsOf(rehash([{ ...rows[16]!, id: rows[3]!.id }], rows[15]!.hash)) }),
      () => branch.push({ sent_at: sentAt(), columns: columnsOf(rows.slice(16)) }),
    ];
    const answers: unknown[] = [];
    for (const step of steps) {
      try {
        const { status, acked_seq, expected_seq, inserted, duplicates } = (await step()) as Record<string, unknown>;
        answers.push({ status, acked_seq, expected_seq, inserted, duplicates });
      } catch (error) {
        answers.push({ refused: (error as { code?: string }).code });
      }
    }
    const alarms = (await ho.staff.query<{ kind: string; seq: string }>('SELECT kind, seq FROM ho.alarms WHERE branch_code = $1 ORDER BY id', [code])).rows
      .map((a) => `${a.kind}@${a.seq}`);
    const quarantined = (await ho.staff.query<{ seq: string; offered_hash: string }>('SELECT seq, offered_hash FROM ho.quarantine WHERE branch_code = $1 ORDER BY seq', [code])).rows
      .map((q) => [Number(q.seq), q.offered_hash]);
    const held = (await ho.staff.query<{ hash: string }>('SELECT hash FROM ho.transfers WHERE branch_code = $1 ORDER BY seq', [code])).rows.map((r) => r.hash);
    return { answers, alarms, quarantined, held };
  };

  it('answers a whole scenario exactly as the column door does: resends, gap, diverged, quarantine, clocks, a reused id', async () => {
    const lean = await play('HO1LEAN', 'lean');
    const columns = await play('HO1COLS', 'columns');
    expect(lean.answers).toEqual(columns.answers);
    expect(lean.alarms).toEqual(columns.alarms);
    expect(lean.quarantined).toEqual(columns.quarantined);
    expect(lean.held).toEqual(columns.held);
    // And what that is.
    expect(lean.answers).toEqual([
      { status: 'ok', acked_seq: 10, expected_seq: 11, inserted: 10, duplicates: 0 },
      { status: 'ok', acked_seq: 12, expected_seq: 13, inserted: 2, duplicates: 5 },
      { status: 'gap', acked_seq: 12, expected_seq: 13, inserted: 0, duplicates: 0 },
      { status: 'diverged', acked_seq: 12, expected_seq: 13, inserted: 0, duplicates: 0 },
      { status: 'conflict', acked_seq: 12, expected_seq: 13, inserted: 0, duplicates: 0 },
      { status: 'ok', acked_seq: 15, expected_seq: 16, inserted: 3, duplicates: 0 },
      { status: 'ok', acked_seq: 16, expected_seq: 17, inserted: 1, duplicates: 0 },
      { refused: '23505' },
      { status: 'ok', acked_seq: 20, expected_seq: 21, inserted: 4, duplicates: 0 },
    ]);
    expect(lean.alarms).toEqual([
      'clock-backwards@8',
      'clock-backwards@11',
      'diverged-chain@13',
      'same-seq-different-hash@10',
      'same-seq-different-hash@11',
      'same-seq-different-hash@12',
      'clock-skew@15',
      'clock-backwards@14',
    ]);
    expect(lean.held).toEqual(rows.map((r) => r.hash));
  });

  it('hashes in its own body: neither ho.push_signed nor ho.push runs for a lean batch, the column door checks the signature through the one rule', async () => {
    const { role } = await ho.addBranch('HO1ONCE');
    const rows = chain(50, minute);
    /** Calls per function, from this session's counts (not yet flushed ones included, hence the difference). */
    const counts = async () =>
      new Map((await ho.staff.query<{ funcname: string; calls: string }>(
        "SELECT funcname, calls FROM pg_stat_xact_user_functions WHERE schemaname = 'ho'",
      )).rows.map((r) => [r.funcname, Number(r.calls)]));
    const calls = async (push: () => Promise<unknown>) => {
      // As the branch's own session (session_user is what names the branch), then rolled back.
      await ho.staff.query('BEGIN');
      try {
        await ho.staff.query("SET LOCAL track_functions = 'all'");
        const before = await counts();
        await ho.staff.query(`SET SESSION AUTHORIZATION "${role}"`);
        await push();
        await ho.staff.query('RESET SESSION AUTHORIZATION');
        const after = await counts();
        return [...after].filter(([name, n]) => n > (before.get(name) ?? 0)).map(([name, n]) => `${name}×${n - (before.get(name) ?? 0)}`);
      } finally {
        await ho.staff.query('ROLLBACK');
      }
    };
    const lean = await calls(() => new HeadOfficeApi(ho.staff, 'HO1ONCE', 'lean').push({ sent_at: sentAt(), columns: columnsOf(rows) }));
    expect(lean).toEqual(expect.arrayContaining(['push_lean×1', 'push_unpacked×1', 'journal_signature_check×1']));
    expect(lean.filter((f) => /^push(_signed)?×/.test(f))).toEqual([]);
    const columns = await calls(() => new HeadOfficeApi(ho.staff).push({ sent_at: sentAt(), columns: columnsOf(rows) }));
    expect(columns).toEqual(expect.arrayContaining(['push_signed×1', 'push×1', 'journal_signature_check×1']));
  });
});

describe('HO migration 0016 down and up again', () => {
  let database: TestDatabase;
  let staff: SqlConnection;
  let db: Kysely<unknown>;
  beforeAll(async () => {
    database = await createTestDatabase();
    staff = await connectPostgres({ connectionString: database.url });
    db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 1 }) }) });
  }, 120_000);
  afterAll(async () => {
    await db?.destroy();
    await staff?.close();
    await database?.drop();
  }, 60_000);

  it('continues one chain through the lean door with 0013–0015 bodies, 0016, and back', async () => {
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => headOfficeMigrations },
      migrationTableName: 'headoffice_migration',
      migrationLockTableName: 'headoffice_migration_lock',
    });
    const names = Object.keys(headOfficeMigrations);
    const before = names[names.indexOf('0016-lean-push-hashed-once') - 1]!;
    expect((await migrator.migrateTo(before)).error).toBeUndefined();
    const { role } = await addBranch(staff, { code: 'HO1MIG', name: 'Migrating', role: database.roleName('HO1MIG') });
    const rows = chain(30, minute);
    const push = async (from: number, to: number) => {
      const connection = await connectPostgres({ connectionString: database.urlAs(role) });
      try {
        return await new HeadOfficeApi(connection, 'HO1MIG', 'lean').push({ sent_at: sentAt(), columns: columnsOf(rows.slice(from, to)) });
      } finally {
        await connection.close();
      }
    };
    expect(await push(0, 10)).toMatchObject({ status: 'ok', acked_seq: 10 });
    expect((await migrator.migrateTo('0016-lean-push-hashed-once')).error).toBeUndefined();
    expect(await push(5, 20)).toMatchObject({ status: 'ok', acked_seq: 20, inserted: 10, duplicates: 5 });
    expect((await staff.query("SELECT 1 FROM pg_proc WHERE proname = 'journal_signature_check'")).rows).toHaveLength(1);
    expect((await migrator.migrateTo(before)).error).toBeUndefined();
    expect((await staff.query("SELECT 1 FROM pg_proc WHERE proname = 'journal_signature_check'")).rows).toHaveLength(0);
    expect(await push(15, 25)).toMatchObject({ status: 'ok', acked_seq: 25, inserted: 5, duplicates: 5 });
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await push(25, 30)).toMatchObject({ status: 'ok', acked_seq: 30 });
    const held = (await staff.query<{ hash: string }>("SELECT hash FROM ho.transfers WHERE branch_code = 'HO1MIG' ORDER BY seq")).rows.map((r) => r.hash);
    expect(held).toEqual(rows.map((r) => r.hash));
  }, 120_000);
});
