// The SQLite print job store on a migrated branch database file: what the queue relies on
// (order, patches, refusal of a second copy of a job) holds on disk, across a reopen.
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../../electron/services/db/migrate';
import { openDatabase, type OpenedDatabase } from '../../../electron/services/db/open-database';
import type { PrintJob } from '../../../electron/services/devices/print-job-store';
import { SqlitePrintJobStore } from '../../../electron/services/devices/print-jobs.repository';
import { makeTempDir } from '../../support/temp-dir';

const temp = makeTempDir('print-job-store-');
const opened: OpenedDatabase[] = [];
afterEach(async () => {
  for (const database of opened.splice(0)) await database.db.destroy();
});
afterAll(() => temp.remove());

const open = async (): Promise<SqlitePrintJobStore> => {
  const result = openDatabase(join(temp.dir, 'branch.sqlite'));
  if (!result.ok) throw new Error(result.refusal.detail);
  opened.push(result.opened);
  await migrateToLatest(result.opened.db);
  return new SqlitePrintJobStore(result.opened.sqlite);
};

const job = (id: string, createdAt: string, patch: Partial<PrintJob> = {}): PrintJob => ({
  id,
  deviceId: 'receipt',
  payload: { kind: 'receipt', receipt: { demo: false, header: ['Reçu'], entries: [{ kind: 'text', text: 'Colis été' }], footer: [] } },
  status: 'waiting',
  attempts: 0,
  createdAt,
  nextAttemptAt: createdAt,
  lastError: '',
  printedAt: null,
  reprintOf: null,
  reference: `TX-${id}`,
  ...patch,
});

describe('SQLite print job store', () => {
  it('keeps jobs, their order and their patches across a reopen of the file', async () => {
    const store = await open();
    store.insert(job('b', '2026-01-01T10:00:02.000Z'));
    store.insert(job('a', '2026-01-01T10:00:01.000Z'));
    store.insert(job('c', '2026-01-01T10:00:03.000Z', { status: 'printed', printedAt: '2026-01-01T10:00:04.000Z' }));
    store.update('b', { status: 'printing', attempts: 2, lastError: 'paper out' });
    expect(() => store.insert(job('a', '2026-01-01T10:00:05.000Z'))).toThrow(/UNIQUE/);
    expect(() => store.update('ghost', { attempts: 1 })).toThrow(/no print job ghost/);
    await opened.splice(0)[0]!.db.destroy();

    const again = await open();
    expect(again.unfinished().map((entry) => [entry.id, entry.status])).toEqual([
      ['a', 'waiting'],
      ['b', 'printing'],
    ]);
    expect(again.recent(2).map((entry) => entry.id)).toEqual(['c', 'b']);
    expect(again.get('b')).toMatchObject({ attempts: 2, lastError: 'paper out', reference: 'TX-b' });
    expect(again.get('a')?.payload).toEqual(job('a', '').payload);
    expect(again.get('ghost')).toBeUndefined();
  });

  it('refuses a reprint of a job that does not exist', async () => {
    const store = await open();
    expect(() => store.insert(job('orphan-reprint', '2026-01-02T00:00:00.000Z', { reprintOf: 'never-printed' }))).toThrow(/FOREIGN KEY/);
  });
});
