import { describe, expect, it, onTestFinished } from 'vitest';
import { journalPage } from '../../../electron/services/ledger/journal.repository';
import { branchDatabaseAt, type SchemaAt } from '../../support/schema-at';

describe('migration 0011: fewer pages per sale', () => {
  async function databaseBeforeTheMigration(): Promise<SchemaAt> {
    const opened = await branchDatabaseAt('0009-tracking-replication');
    onTestFinished(() => opened.close());
    return opened;
  }

  it('keeps every audit entry with its number, and the trail stays append-only', async () => {
    const { sqlite, migrateTo } = await databaseBeforeTheMigration();
    const add = sqlite.prepare("INSERT INTO audit_log (at, actor, action, outcome, details) VALUES ('2026-11-22T08:00:00Z', ?, ?, 'ok', '{}')");
    for (const [actor, action] of [['amina', 'auth.signIn'], ['hassan', 'approval.granted'], ['ismail', 'devices.configure']]) add.run(actor, action);
    const before = sqlite.prepare('SELECT * FROM audit_log ORDER BY seq').all();

    await migrateTo('0011-leaner-sale-commit');

    expect(sqlite.prepare('SELECT * FROM audit_log ORDER BY seq').all()).toEqual(before);
    expect(sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_log'").pluck().get()).not.toMatch(/autoincrement/i);
    expect(() => sqlite.prepare("UPDATE audit_log SET actor = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM audit_log WHERE seq = 3').run()).toThrow(/append-only/);
    // The next entry continues the numbering.
    add.run('fatouma', 'ledger.verify');
    expect(sqlite.prepare('SELECT max(seq) FROM audit_log').pluck().get()).toBe(4);
    expect(sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'audit_log_action'").pluck().get()).toBe(1);
  });

  it('drops the journal-only indexes and still refuses a sequence number head office holds', async () => {
    const { sqlite, migrateTo } = await databaseBeforeTheMigration();
    await migrateTo('latest');

    const indexes = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ledger_transfers'").pluck().all();
    expect(indexes).not.toContain('ledger_transfers_operator');
    expect(indexes).not.toContain('ledger_transfers_code');
    expect(indexes).toContain('ledger_transfers_operation');

    sqlite.prepare("INSERT INTO ledger_accounts (id, code, currency, name, created_at) VALUES ('a', 'safe', 'DJF', 'A', 'now'), ('b', 'suspense', 'DJF', 'B', 'now')").run();
    sqlite.prepare("INSERT INTO ledger_operations (id, kind, fingerprint, operator, transfer_count, result, at) VALUES ('op', 'test', 'f', 'hassan', 1, '{}', 'now')").run();
    const insert = sqlite.prepare(
      `INSERT INTO ledger_transfers (seq, id, operation_id, debit_account_id, credit_account_id, amount, currency, code, operator, at, prev_hash, hash)
       VALUES (?, ?, 'op', 'a', 'b', 100, 'DJF', 'test', 'hassan', 'now', 'p', 'h')`,
    );
    sqlite.prepare('UPDATE replication_cursor SET head_office_seq = 5, recovering = 0 WHERE id = 1').run();
    expect(() => insert.run(5, 'op/1')).toThrow(/head office already holds this sequence number/);
    insert.run(6, 'op/2');
    // While recovering, the rows head office sends back may take those numbers.
    sqlite.prepare('UPDATE replication_cursor SET recovering = 1 WHERE id = 1').run();
    insert.run(4, 'op/3');
    expect(sqlite.prepare('SELECT seq FROM ledger_transfers ORDER BY seq').pluck().all()).toEqual([4, 6]);
  });

  it('lets the journal find corrections and rare codes through indexes a sale never writes to', async () => {
    const { sqlite, migrateTo } = await databaseBeforeTheMigration();
    await migrateTo('latest');
    const plan = (query: Record<string, unknown>) => {
      const page = journalPage({ correctionsOnly: false, limit: 100, ...query }).compile();
      return (sqlite.prepare(`EXPLAIN QUERY PLAN ${page.sql}`).all(...page.parameters) as Array<{ detail: string }>).map((row) => row.detail).join('\n');
    };
    expect(plan({ correctionsOnly: true })).toMatch(/ledger_transfers_corrections/);
    expect(plan({ code: 'safe-over' })).toMatch(/ledger_transfers_code_not_sale/);
    expect(plan({ code: 'sale' })).not.toMatch(/ledger_transfers_code_not_sale/);
    expect(plan({ sessionId: 's' })).toMatch(/ledger_transfers_session/);
  });
});
