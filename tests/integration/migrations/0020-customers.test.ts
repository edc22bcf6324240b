import { describe, expect, it, onTestFinished } from 'vitest';
import { branchDatabaseAt } from '../../support/schema-at';

const tables = (sqlite: { prepare(sql: string): { pluck(): { all(): unknown[] } } }) =>
  sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];

describe('0020 customers', () => {
  it('adds the register beside the ledger, refuses a second customer with the same document, and goes back without touching the ledger', async () => {
    const s = await branchDatabaseAt('0018-operation-numbers');
    onTestFinished(() => s.close());
    s.sqlite.prepare("INSERT INTO operation_numbers (number, operation_id, at) VALUES (1, 'op-1', 'now')").run();
    await s.migrateTo('0020-customers');
    expect(tables(s.sqlite)).toEqual(expect.arrayContaining(['customers', 'customer_changes', 'register_outbox', 'register_replication']));
    expect(s.sqlite.prepare('SELECT acked_seq FROM register_replication').get()).toEqual({ acked_seq: 0 });

    const insert = s.sqlite.prepare(
      `INSERT INTO customers (id, family_name, given_names, birth_date, document_type, document_number, document_country, origin_branch,
         created_by, created_at, updated_by, updated_at, version, source)
       VALUES (?, 'A', 'B', '1990-01-01', ?, ?, ?, 'DJ-DEMO', 'amina', 'now', 'amina', 'now', 1, 'branch')`,
    );
    insert.run('c1', 'passport', 'P123', 'DJI');
    expect(() => insert.run('c2', 'passport', 'P123', 'DJI')).toThrow(/UNIQUE/);
    insert.run('c3', 'passport', 'P123', 'FRA');
    insert.run('c4', 'identity-card', 'P123', 'DJI');
    expect(() => insert.run('c5', 'passport', 'p-123', 'DJI')).toThrow(/CHECK/);
    expect(() => insert.run('c6', 'driving-licence', 'X1', 'DJI')).toThrow(/CHECK/);

    s.sqlite.prepare("INSERT INTO customer_changes (customer_id, version, kind, at, by, changes) VALUES ('c1', 1, 'registered', 'now', 'amina', '[]')").run();
    expect(() => s.sqlite.prepare("UPDATE customer_changes SET by = 'omar'").run()).toThrow(/kept as recorded/);
    expect(() => s.sqlite.prepare('DELETE FROM customer_changes').run()).toThrow(/kept as recorded/);
    s.sqlite.prepare("INSERT INTO register_outbox (seq, kind, record_id, payload, at) VALUES (1, 'customer', 'c1', '{}', 'now')").run();
    expect(() => s.sqlite.prepare("INSERT INTO register_outbox (seq, kind, record_id, payload, at) VALUES (2, 'customer', 'c1', 'not json', 'now')").run()).toThrow(/CHECK/);
    expect(() => s.sqlite.prepare('DELETE FROM register_outbox').run()).toThrow(/kept as recorded/);

    await s.migrateTo('0018-operation-numbers');
    expect(tables(s.sqlite)).not.toContain('customers');
    expect(tables(s.sqlite)).not.toContain('register_outbox');
    expect(s.sqlite.prepare('SELECT count(*) FROM operation_numbers').pluck().get()).toBe(1);
    await s.migrateTo('latest');
    expect(tables(s.sqlite)).toContain('customers');
  });
});
