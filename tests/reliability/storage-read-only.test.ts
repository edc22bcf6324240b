import { openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { errorCode, startCounter } from '../support/counter-fixture';
import { eventually } from '../support/replication-checks';
import { mountSmallDisk, setImmutable, type SmallDisk } from '../support/small-disk';
import { makeTempDir } from '../support/temp-dir';
import { openDemoTill } from '../support/trading-day';

/**
 * Before, a write-protected database crashed the host at start (an uncaught
 * SQLITE_READONLY from the first sync) and a read-only data folder crashed it
 * with EROFS from the log stream. Root ignores chmod, so the protection here is
 * one root cannot write through, and each test first proves that it bites.
 */
const temp = makeTempDir('storage-ro-');
let disk: SmallDisk;

beforeAll(() => {
  disk = mountSmallDisk(join(temp.dir, 'disk'), '16m');
});
afterAll(() => {
  disk?.unmount();
  temp.remove();
});

/** A demo branch that traded once, then stopped cleanly (its WAL folded into the file). */
async function tradedOnce(dataDir: string): Promise<string> {
  const counter = await startCounter({ dataDir });
  const till = await openDemoTill(counter);
  expect(errorCode(await till.sell())).toBeNull();
  const file = counter.counter.databaseFile;
  await counter.close();
  return file;
}

it('an immutable database file (chattr +i) is refused as read-only at start: status answers, nothing crashes, calls say STORAGE_READ_ONLY', async () => {
  const dataDir = join(temp.dir, 'immutable');
  const file = await tradedOnce(dataDir);
  setImmutable(file, true);
  try {
    expect(() => openSync(file, 'r+')).toThrow(/EPERM|EACCES/);
    const counter = await startCounter({ dataDir });
    try {
      const status = counter.counter.status();
      expect(status.state).toBe('refused');
      expect(status.refusal).toMatchObject({ reason: 'read-only', file });
      const answer = await counter.call('auth.signIn', { username: 'amina', secret: '1234' });
      expect(errorCode(answer)).toBe('STORAGE_READ_ONLY');
      expect((await counter.call('system.status', {})).ok).toBe(true);
    } finally {
      await counter.close();
    }
  } finally {
    setImmutable(file, false);
  }
  // Protection lifted, the same folder trades again.
  const again = await startCounter({ dataDir });
  try {
    expect(again.counter.status().state).toBe('ready');
  } finally {
    await again.close();
  }
}, 120_000);

it('a read-only data folder (tmpfs remounted ro) starts refused, the log on stderr and said so in the status, without crashing', async () => {
  const dataDir = join(disk.dir, 'data');
  const file = await tradedOnce(dataDir);
  disk.remountReadOnly();
  try {
    expect(() => writeFileSync(join(dataDir, 'probe'), 'x')).toThrow(/EROFS/);
    const counter = await startCounter({ dataDir });
    try {
      const status = counter.counter.status();
      expect(status.refusal).toMatchObject({ reason: 'read-only', file });
      counter.counter.logger.error('a line the read-only disk cannot take');
      await eventually('the log gave up the file', () => counter.counter.status().storage?.log === 'stderr', 30_000);
      expect(counter.counter.status().storage).toMatchObject({ log: 'stderr', logError: expect.stringMatching(/EROFS|read-only/i) });
      expect(errorCode(await counter.call('auth.signIn', { username: 'amina', secret: '1234' }))).toBe('STORAGE_READ_ONLY');
    } finally {
      await counter.close();
    }
  } finally {
    disk.remountWritable();
  }
}, 120_000);
