import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { typedStatement } from '../../electron/services/db/typed-statement';

describe('typedStatement.columns: rows read column by column, for batches sent on as arrays', () => {
  it('names each array as selected, and leaves the statement reading objects after', () => {
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
  });

  it('refuses two selected columns of the same name, which would share one array', () => {
    const sqlite = new Database(':memory:');
    sqlite.exec('CREATE TABLE register_outbox (seq INTEGER PRIMARY KEY, kind TEXT, record_id TEXT, payload TEXT, at TEXT)');
    const twice = typedStatement(sqlite, (db) => db.selectFrom('register_outbox as o').innerJoin('register_outbox as i', 'i.seq', 'o.seq').select(['o.seq', 'i.seq']));
    expect(() => twice.columns({})).toThrow(/column seq is selected twice/);
  });
});
