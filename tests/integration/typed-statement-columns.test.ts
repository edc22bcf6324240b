import Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { CounterDatabase } from '../../electron/services/db/tables';
import { typedColumns, typedStatement } from '../../electron/services/db/typed-statement';

describe('typedColumns: rows read column by column, for batches sent on as arrays', () => {
  it('names each array as selected, call after call', () => {
    const sqlite = new Database(':memory:');
    sqlite.exec('CREATE TABLE register_outbox (seq INTEGER PRIMARY KEY, kind TEXT, record_id TEXT, payload TEXT, at TEXT)');
    for (const seq of [1, 2, 3]) sqlite.prepare("INSERT INTO register_outbox VALUES (?, 'customer', ?, '{}', 'now')").run(seq, `c${seq}`);
    const query = (db: Kysely<CounterDatabase>, p: { after: number }) => db.selectFrom('register_outbox').select(['seq', 'record_id']).where('seq', '>', p.after).orderBy('seq');
    const unsent = typedColumns(sqlite, query);
    const columns = unsent.columns({ after: 1 });
    expect(columns).toEqual({ seq: [2, 3], record_id: ['c2', 'c3'] });
    const seqs: number[] = columns.seq;
    expect(seqs).toHaveLength(2);
    expect(unsent.columns({ after: 3 })).toEqual({ seq: [], record_id: [] });
    // The same query as objects is a statement of its own: the column reads leave it alone.
    expect(typedStatement(sqlite, query).all({ after: 2 })).toEqual([{ seq: 3, record_id: 'c3' }]);
    expect(unsent.columns({ after: 2 })).toEqual({ seq: [3], record_id: ['c3'] });
  });

  it('refuses two selected columns of the same name when the statement is made: they would share one array', () => {
    const sqlite = new Database(':memory:');
    sqlite.exec('CREATE TABLE register_outbox (seq INTEGER PRIMARY KEY, kind TEXT, record_id TEXT, payload TEXT, at TEXT)');
    expect(() => typedColumns(sqlite, (db) => db.selectFrom('register_outbox as o').innerJoin('register_outbox as i', 'i.seq', 'o.seq').select(['o.seq', 'i.seq']))).toThrow(
      /column seq is selected twice/,
    );
  });
});
