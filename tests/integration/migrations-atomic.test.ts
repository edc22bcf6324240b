import { join } from 'node:path';
import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../electron/services/db/migrations';
import { openDatabase } from '../../electron/services/db/open-database';
import { makeTempDir } from '../support/temp-dir';

const temp = makeTempDir();
afterEach(() => temp.remove());

describe('migrations are atomic', () => {
  it('a migration that fails halfway leaves no trace: all pending migrations apply or none', async () => {
    const result = openDatabase(join(temp.dir, 'm.sqlite'));
    if (!result.ok) throw new Error(result.refusal.detail);
    const { sqlite, db } = result.opened;
    const failing: Migration = {
      up: async (trx: Kysely<unknown>) => {
        await sql`CREATE TABLE half_done (x INTEGER)`.execute(trx);
        throw new Error('power cut in the middle of a migration');
      },
    };
    const provider = { getMigrations: async () => ({ ...migrations, '9999-failing': failing }) };
    const { error } = await new Migrator({ db, provider }).migrateToLatest();
    expect(String(error)).toContain('power cut');

    const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name);
    expect(tables).not.toContain('half_done');
    expect(tables).not.toContain('users'); // the earlier pending migrations were rolled back with it
    await db.destroy();
  });
});
