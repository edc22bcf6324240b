import { copyFileSync, openSync, writeSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/db/open-database';
import { errorCode, startCounter } from '../support/counter-fixture';
import { makeTempDir } from '../support/temp-dir';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function demoDatabaseFile(): Promise<string> {
  const fixture = await startCounter();
  const file = fixture.counter.databaseFile;
  await fixture.counter.close(); // checkpoint and close, keep the folder
  cleanups.push(() => fixture.close().catch(() => undefined));
  return file;
}

/**
 * Overwrites one page with garbage: a torn write. The page chosen is an index
 * that nothing reads at start-up, so only `quick_check` can notice it — a
 * corruption found by some other read would not prove the check runs.
 */
function corruptIndexPage(file: string, index: string): void {
  const sqlite = new Database(file, { readonly: true });
  const page = (sqlite.prepare('SELECT pageno FROM dbstat WHERE name = ?').get(index) as { pageno: number }).pageno;
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  sqlite.close();
  expect(statSync(file).size).toBeGreaterThanOrEqual(page * pageSize);
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (page - 1) * pageSize);
  closeSync(fd);
}

describe('the branch database frame', () => {
  it('opens with WAL, synchronous=FULL, foreign keys and a busy timeout', async () => {
    const temp = makeTempDir();
    cleanups.push(temp.remove);
    const result = openDatabase(join(temp.dir, 'x.sqlite'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { sqlite } = result.opened;
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    sqlite.close();
  });

  it('keeps the audit log append-only in the database itself', async () => {
    const file = await demoDatabaseFile();
    const sqlite = new Database(file);
    expect(() => sqlite.prepare("UPDATE audit_log SET outcome = 'ok'").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    sqlite.close();
  });

  it('refuses to trade on a corrupt copy, answering status only', async () => {
    const original = await demoDatabaseFile();
    const temp = makeTempDir();
    cleanups.push(temp.remove);
    copyFileSync(original, join(temp.dir, 'demo.sqlite'));
    corruptIndexPage(join(temp.dir, 'demo.sqlite'), 'audit_log_by_action');

    const fixture = await startCounter({ dataDir: temp.dir });
    cleanups.push(() => fixture.counter.close());
    const status = await fixture.ok('system.status', {});
    expect(status.state).toBe('refused');
    expect(status.refusal).toMatchObject({ reason: 'corrupt', file: join(temp.dir, 'demo.sqlite') });
    expect(status.branch).toBeNull();
    expect(errorCode(await fixture.call('auth.signIn', { username: 'amina', secret: '1234' }))).toBe('DATABASE_REFUSED');
  });

  it('refuses a file that is not a database at all', async () => {
    const temp = makeTempDir();
    cleanups.push(temp.remove);
    const fd = openSync(join(temp.dir, 'demo.sqlite'), 'w');
    writeSync(fd, Buffer.alloc(8192, 0x41));
    closeSync(fd);
    const fixture = await startCounter({ dataDir: temp.dir });
    cleanups.push(() => fixture.counter.close());
    expect((await fixture.ok('system.status', {})).refusal?.reason).toBe('corrupt');
  });

  it('refuses a database written by a newer version', async () => {
    const original = await demoDatabaseFile();
    const sqlite = new Database(original);
    sqlite.prepare("INSERT INTO kysely_migration (name, timestamp) VALUES ('9999-from-the-future', '2030-01-01')").run();
    sqlite.close();
    const fixture = await startCounter({ dataDir: join(original, '..') });
    cleanups.push(() => fixture.counter.close());
    expect((await fixture.ok('system.status', {})).refusal?.reason).toBe('newer-schema');
  });
});
