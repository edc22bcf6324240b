import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { perDatabase, typedStatement } from '../../electron/services/db/typed-statement';

describe('typedStatement: Kysely builds, better-sqlite3 prepares once, each call binds', () => {
  it('binds named values wherever the query placed them, keeps constants, and reuses the statement', () => {
    const sqlite = new Database(':memory:');
    sqlite.exec("CREATE TABLE replication_reference (kind TEXT, key TEXT, version INTEGER, body TEXT, published_by TEXT, published_at TEXT, received_at TEXT)");
    const insert = sqlite.prepare("INSERT INTO replication_reference VALUES (?, ?, ?, ?, 'ho', 'now', 'now')");
    insert.run('limit', 'a', 1, '{}');
    insert.run('limit', 'b', 5, '{}');
    insert.run('tariff', 'a', 7, '{}');
    const prepared: string[] = [];
    const realPrepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((text: string) => (prepared.push(text), realPrepare(text))) as typeof sqlite.prepare;

    // `minVersion` comes after `kind` in the SQL but before it in the object: order is the query's.
    const keys = typedStatement(sqlite, (db, p: { minVersion: number; kind: string }) =>
      db.selectFrom('replication_reference').select(['key', 'version']).where('kind', '=', p.kind).where('version', '>=', p.minVersion).where('published_by', '=', 'ho').orderBy('key'),
    );
    expect(keys.all({ minVersion: 2, kind: 'limit' })).toEqual([{ key: 'b', version: 5 }]);
    expect(keys.all({ kind: 'limit', minVersion: 0 })).toEqual([
      { key: 'a', version: 1 },
      { key: 'b', version: 5 },
    ]);
    expect(keys.get({ kind: 'tariff', minVersion: 0 })).toEqual({ key: 'a', version: 7 });
    expect(keys.get({ kind: 'nothing', minVersion: 0 })).toBeUndefined();
    expect(prepared).toHaveLength(1);

    const bump = typedStatement(sqlite, (db, p: { kind: string; by: number }) =>
      db.updateTable('replication_reference').set((eb) => ({ version: eb('version', '+', p.by) })).where('kind', '=', p.kind),
    );
    expect(bump.run({ kind: 'limit', by: 10 })).toEqual({ changes: 2 });
    expect(keys.all({ kind: 'limit', minVersion: 11 }).map((r) => r.version)).toEqual([11, 15]);
  });

  it('refuses a placeholder computed with instead of bound, when the statement is made', () => {
    const sqlite = new Database(':memory:');
    sqlite.exec('CREATE TABLE savings_number_ranges (id TEXT, next_serial INTEGER)');
    expect(() =>
      typedStatement(sqlite, (db, p: { id: string; serial: number }) => db.updateTable('savings_number_ranges').set({ next_serial: p.serial + 1 }).where('id', '=', p.id)),
    ).toThrow(/placeholder was computed with/);
  });

  it('walks a large read row by row, and makes per-database statements once per connection', () => {
    const made: string[] = [];
    const statements = perDatabase((sqlite) => {
      made.push(sqlite.name);
      return { since: typedStatement(sqlite, (db, p: { from: number }) => db.selectFrom('ledger_transfers').select('seq').where('seq', '>=', p.from).orderBy('seq')) };
    });
    const open = () => {
      const sqlite = new Database(':memory:');
      sqlite.exec('CREATE TABLE ledger_transfers (seq INTEGER PRIMARY KEY)');
      const insert = sqlite.prepare('INSERT INTO ledger_transfers (seq) VALUES (?)');
      for (let seq = 1; seq <= 5; seq += 1) insert.run(seq);
      return sqlite;
    };
    const a = open();
    const b = open();
    const rows = statements(a).since.iterate({ from: 3 });
    expect(rows.next().value).toEqual({ seq: 3 });
    expect([...rows].map((row) => row.seq)).toEqual([4, 5]);
    expect(statements(a)).toBe(statements(a));
    expect(statements(b)).not.toBe(statements(a));
    expect(made).toHaveLength(2);
  });
});
