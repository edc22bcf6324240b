// Each branch migration that had no test of its own, Signal's way: the database built exactly
// up to the migration before it, rows put in, the migration run, the rows and the new rules
// checked — and, where the migration has a `down`, the way back.
import { describe, expect, it, onTestFinished } from 'vitest';
import { branchDatabaseAt, type SchemaAt } from '../../support/schema-at';

async function at(migration: string): Promise<SchemaAt> {
  const opened = await branchDatabaseAt(migration);
  onTestFinished(() => opened.close());
  return opened;
}

const tables = (s: SchemaAt) => s.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];

/** A ledger with one operation and its transfers, as 0002 laid it out. */
function bookOneTransfer(s: SchemaAt, seq: number): void {
  s.sqlite.prepare("INSERT OR IGNORE INTO ledger_accounts (id, code, currency, name, created_at) VALUES ('safe:DJF', 'safe', 'DJF', 'Safe', 'now'), ('suspense:DJF', 'suspense', 'DJF', 'Suspense', 'now')").run();
  s.sqlite
    .prepare("INSERT OR IGNORE INTO ledger_operations (id, kind, fingerprint, operator, transfer_count, result, at) VALUES (?, 'test', 'f', 'hassan', 1, '{}', 'now')")
    .run(`op-${seq}`);
  s.sqlite
    .prepare(
      `INSERT INTO ledger_transfers (seq, id, operation_id, debit_account_id, credit_account_id, amount, currency, code, operator, at, prev_hash, hash)
       VALUES (?, ?, ?, 'safe:DJF', 'suspense:DJF', 100, 'DJF', 'test', 'hassan', 'now', 'p', 'h')`,
    )
    .run(seq, `t-${seq}`, `op-${seq}`);
}

describe('0003 tills', () => {
  it('adds tills beside a ledger that keeps its rows, and goes back without touching them', async () => {
    const s = await at('0002-ledger');
    bookOneTransfer(s, 1);
    await s.migrateTo('0003-tills');
    expect(s.sqlite.prepare('SELECT count(*) FROM ledger_transfers').pluck().get()).toBe(1);
    expect(tables(s)).toEqual(expect.arrayContaining(['till_sessions', 'till_counts', 'day_closes']));
    await s.migrateTo('0002-ledger');
    expect(tables(s)).not.toContain('till_sessions');
    expect(s.sqlite.prepare('SELECT count(*) FROM ledger_transfers').pluck().get()).toBe(1);
  });
});

describe('0005 replication', () => {
  it('starts the cursor at zero and refuses a sequence number head office already holds', async () => {
    const s = await at('0003-tills');
    bookOneTransfer(s, 1);
    await s.migrateTo('0005-replication');
    expect(s.sqlite.prepare('SELECT acked_seq, acked_hash, head_office_seq, recovering FROM replication_cursor').get()).toEqual({
      acked_seq: 0,
      acked_hash: '0'.repeat(64),
      head_office_seq: 0,
      recovering: 0,
    });
    s.sqlite.prepare('UPDATE replication_cursor SET head_office_seq = 3').run();
    expect(() => bookOneTransfer(s, 2)).toThrow(/head office already holds this sequence number/);
    bookOneTransfer(s, 4);
    await s.migrateTo('0003-tills');
    expect(tables(s)).not.toContain('replication_cursor');
    bookOneTransfer(s, 2);
    expect(s.sqlite.prepare('SELECT seq FROM ledger_transfers ORDER BY seq').pluck().all()).toEqual([1, 2, 4]);
  });
});

describe('0006 devices', () => {
  it('adds device settings and a print queue whose payloads must be JSON', async () => {
    const s = await at('0005-replication');
    bookOneTransfer(s, 1);
    await s.migrateTo('0006-devices');
    const job = s.sqlite.prepare(
      "INSERT INTO print_jobs (id, device_id, payload, status, created_at, next_attempt_at) VALUES (?, 'receipt', ?, 'waiting', 'now', 'now')",
    );
    job.run('j1', '{"kind":"receipt"}');
    expect(() => job.run('j2', 'not json')).toThrow(/CHECK/);
    expect(() => s.sqlite.prepare("UPDATE print_jobs SET status = 'lost' WHERE id = 'j1'").run()).toThrow(/CHECK/);
    expect(s.sqlite.prepare('SELECT count(*) FROM ledger_transfers').pluck().get()).toBe(1);
  });
});

describe('0009 tracking replication', () => {
  it('queues every event recorded at the counter before it, in order, and none received from head office', async () => {
    const s = await at('0008-day-close-state');
    const event = s.sqlite.prepare("INSERT INTO tracking_events (id, s10, code, at, office, source) VALUES (?, 'RR123456785DJ', 'EMA', ?, 'DJ-DEMO', ?)");
    event.run('e-late', '2026-11-02T10:00:00Z', 'counter');
    event.run('e-early', '2026-11-01T10:00:00Z', 'counter');
    event.run('e-ho', '2026-11-01T12:00:00Z', 'head-office');

    await s.migrateTo('0009-tracking-replication');
    expect(s.sqlite.prepare('SELECT event_id FROM tracking_outbox ORDER BY seq').pluck().all()).toEqual(['e-early', 'e-late']);
    // New counter events join the outbox by trigger; the outbox is kept as recorded.
    event.run('e-new', '2026-11-03T10:00:00Z', 'counter');
    expect(s.sqlite.prepare('SELECT event_id FROM tracking_outbox ORDER BY seq DESC LIMIT 1').pluck().get()).toBe('e-new');
    expect(() => s.sqlite.prepare('DELETE FROM tracking_outbox').run()).toThrow(/kept as recorded/);
    expect(s.sqlite.prepare('SELECT acked_seq, pull_position FROM tracking_replication').get()).toEqual({ acked_seq: 0, pull_position: 0 });
    expect(s.sqlite.prepare("SELECT code FROM tracking_event_codes WHERE code IN ('EXB', 'EXC', 'EXD') ORDER BY code").pluck().all()).toEqual(['EXB', 'EXC', 'EXD']);

    await s.migrateTo('0008-day-close-state');
    expect(tables(s)).not.toContain('tracking_outbox');
    expect(s.sqlite.prepare('SELECT count(*) FROM tracking_events').pluck().get()).toBe(4);
  });
});

describe('0012 print jobs by reference', () => {
  it('finds an operation’s jobs through the new index, and keeps the jobs', async () => {
    const s = await at('0011-leaner-sale-commit');
    s.sqlite
      .prepare("INSERT INTO print_jobs (id, device_id, payload, status, created_at, next_attempt_at, reference) VALUES ('j1', 'receipt', '{}', 'printed', 'now', 'now', 'op-1')")
      .run();
    await s.migrateTo('0012-print-jobs-by-reference');
    const plan = (s.sqlite.prepare("EXPLAIN QUERY PLAN SELECT * FROM print_jobs WHERE reference = 'op-1'").all() as Array<{ detail: string }>).map((r) => r.detail).join(' ');
    expect(plan).toMatch(/print_jobs_reference/);
    expect(s.sqlite.prepare("SELECT id FROM print_jobs WHERE reference = 'op-1'").pluck().all()).toEqual(['j1']);
    await s.migrateTo('0011-leaner-sale-commit');
    expect(s.sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'print_jobs_reference'").pluck().get()).toBe(0);
  });
});

describe('0013 acceptance cancelled', () => {
  it('adds the local cancellation code, marked local and never keyed by a clerk, beside the UPU codes', async () => {
    const s = await at('0012-print-jobs-by-reference');
    const before = s.sqlite.prepare('SELECT count(*) FROM tracking_event_codes').pluck().get() as number;
    await s.migrateTo('0013-acceptance-cancelled');
    expect(s.sqlite.prepare("SELECT name_fr, name_en, at_counter FROM tracking_event_codes WHERE code = 'LOC-EMA-CANCELLED'").get()).toEqual({
      name_fr: 'Dépôt annulé au guichet (code local)',
      name_en: 'Acceptance cancelled at the counter (local code)',
      at_counter: 0,
    });
    expect(s.sqlite.prepare('SELECT count(*) FROM tracking_event_codes').pluck().get()).toBe(before + 1);
    await s.migrateTo('0012-print-jobs-by-reference');
    expect(s.sqlite.prepare('SELECT count(*) FROM tracking_event_codes').pluck().get()).toBe(before);
  });
});

describe('0019 counterparty operations', () => {
  it('adds the frame’s tables beside the ledger, keeps history append-only, and goes back', async () => {
    const s = await at('0018-operation-numbers');
    bookOneTransfer(s, 1);
    await s.migrateTo('0019-counterparty-operations');
    expect(tables(s)).toEqual(expect.arrayContaining(['counterparty_operations', 'counterparty_operation_states', 'counterparty_reconciliations']));
    const insert = s.sqlite.prepare(
      `INSERT INTO counterparty_operations (id, kind, counterparty, request, fingerprint, state, amount, currency, pays_out, expires_at,
         post_operation_id, void_operation_id, operator, created_at, updated_at)
       VALUES (?, 'savings-withdrawal', 'head-office', ?, 'f', ?, 500, 'DJF', 1, '2026-01-01T00:00:00Z', ?, ?, 'amina', 'now', 'now')`,
    );
    insert.run('op-a', '{"amount":500}', 'prepared', 'post-a', 'void-a');
    expect(() => insert.run('op-b', 'not json', 'prepared', 'post-b', 'void-b')).toThrow(/CHECK/);
    expect(() => insert.run('op-c', '{}', 'lost', 'post-c', 'void-c')).toThrow(/CHECK/);
    // The post and void ids are made once: a second operation cannot reuse them.
    expect(() => insert.run('op-d', '{}', 'prepared', 'post-a', 'void-d')).toThrow(/UNIQUE/);
    s.sqlite.prepare("UPDATE counterparty_operations SET state = 'sent' WHERE id = 'op-a'").run();
    expect(() => s.sqlite.prepare("UPDATE counterparty_operations SET amount = 1 WHERE id = 'op-a'").run()).toThrow(/keeps its request/);
    expect(() => s.sqlite.prepare("DELETE FROM counterparty_operations WHERE id = 'op-a'").run()).toThrow(/kept/);
    s.sqlite.prepare("INSERT INTO counterparty_operation_states (operation_id, state, at) VALUES ('op-a', 'sent', 'now')").run();
    expect(() => s.sqlite.prepare("UPDATE counterparty_operation_states SET state = 'confirmed'").run()).toThrow(/append-only/);
    expect(() => s.sqlite.prepare('DELETE FROM counterparty_operation_states').run()).toThrow(/append-only/);
    s.sqlite.prepare("INSERT INTO counterparty_reconciliations (id, operation_id, booked, counterparty_says, found_at) VALUES ('r1', 'op-a', 'expired', 'confirmed', 'now')").run();
    const settle = s.sqlite.prepare("UPDATE counterparty_reconciliations SET settlement_operation_id = ?, settled_by = 'hassan', approver = 'hassan', reason = 'x', settled_at = 'now' WHERE id = 'r1'");
    settle.run('s1');
    expect(() => settle.run('s2')).toThrow(/settled once/);
    expect(() => s.sqlite.prepare("UPDATE counterparty_reconciliations SET counterparty_says = 'refused'").run()).toThrow();

    await s.migrateTo('0018-operation-numbers');
    expect(tables(s)).not.toContain('counterparty_operations');
    expect(tables(s)).not.toContain('counterparty_operation_states');
    expect(s.sqlite.prepare('SELECT count(*) FROM ledger_transfers').pluck().get()).toBe(1);
  });
});
