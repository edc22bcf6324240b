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

  it('reads rows column by column, named as selected, and leaves the statement reading objects after', () => {
    const sqlite = new Database(':memory:');
    sqlite.exec('CREATE TABLE register_outbox (seq INTEGER PRIMARY KEY, kind TEXT, record_id TEXT, payload TEXT, at TEXT)');
    for (const seq of [1, 2, 3]) sqlite.prepare("INSERT INTO register_outbox VALUES (?, 'customer', ?, '{}', 'now')").run(seq, `c${seq}`);
    const unsent = typedStatement(sqlite, (db, p: { after: number }) => db.selectFrom('register_outbox').select(['seq', 'record_id']).where('seq', '>', p.after).orderBy('seq'));
    const columns = unsent.columns({ after: 1 });
    expect(columns).toEqual({ seq: [2, 3], record_id: ['c2', 'c3'] });
    const seqs: number[] = columns.seq;
    expect(seqs).toHaveLength(2);
    expect(unsent.columns({ after: 3 })).toEqual({ seq: [], record_id: [] });
    expect(unsent.all({ after: 2 })).toEqual([{ seq: 3, record_id: 'c3' }]);

    const twice = typedStatement(sqlite, (db) => db.selectFrom('register_outbox as o').innerJoin('register_outbox as i', 'i.seq', 'o.seq').select(['o.seq', 'i.seq']));
    expect(() => twice.columns({})).toThrow(/column seq is selected twice/);
  });

  it('makes the statements of a repository once per database', () => {
    let made = 0;
    const repository = perDatabase((sqlite) => ((made += 1), { version: sqlite.prepare('SELECT sqlite_version() AS v') }));
    const one = new Database(':memory:');
    const other = new Database(':memory:');
    expect(repository(one)).toBe(repository(one));
    expect(repository(other)).not.toBe(repository(one));
    expect(made).toBe(2);
  });
});
