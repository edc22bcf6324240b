import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { errorCode, startCounter } from '../support/counter-fixture';
import { eventually } from '../support/replication-checks';
import { mountSmallDisk, type SmallDisk } from '../support/small-disk';
import { makeTempDir } from '../support/temp-dir';
import { openDemoTill } from '../support/trading-day';

/**
 * The full disk: a 3 MB tmpfs holding the whole data folder (database,
 * WAL, logs). Before, sales answered INTERNAL and the log stream's ENOSPC then
 * ended the process; here the same process refuses with STORAGE_FULL, keeps
 * running, and trades again once space is freed.
 */
const temp = makeTempDir('storage-full-');
let disk: SmallDisk;

beforeAll(() => {
  disk = mountSmallDisk(join(temp.dir, 'disk'));
});
afterAll(() => {
  disk?.unmount();
  temp.remove();
});

it('a full disk refuses a sale with STORAGE_FULL, the process lives on, and the same process sells again once space returns', async () => {
  const counter = await startCounter({ dataDir: join(disk.dir, 'data'), logRetryMs: 50 });
  try {
    const till = await openDemoTill(counter);
    expect(errorCode(await till.sell())).toBeNull();
    expect(counter.counter.status().storage).toMatchObject({ log: 'file', logError: null });

    const filler = disk.fill();
    // The WAL's last page may still hold a sale or two: sell until the disk refuses.
    const codes: Array<string | null> = [];
    for (let i = 0; i < 500 && codes.at(-1) !== 'STORAGE_FULL'; i++) codes.push(errorCode(await till.sell()));
    expect(codes.at(-1)).toBe('STORAGE_FULL');
    expect(codes.filter((code) => code !== null && code !== 'STORAGE_FULL')).toEqual([]);
    // Every refusal is logged; the log file cannot take it and the lines go to stderr, said in the status.
    await eventually('the log moved to stderr', async () => {
      await till.sell();
      return counter.counter.status().storage?.log === 'stderr';
    }, 30_000);
    expect(counter.counter.status().storage?.logError).toMatch(/ENOSPC|no space/i);

    rmSync(filler);
    const after = await till.sell();
    expect(after.ok ? null : after.error).toBeNull();
    await eventually('the log file is back', async () => {
      counter.counter.logger.info('space is back');
      return counter.counter.status().storage?.log === 'file';
    }, 30_000);

    // Nothing half-booked: the refused sales left no gap and no bad row.
    const technician = await counter.signIn('ismail', '9012');
    const report = await counter.ok('ledger.verify', {}, technician);
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report.ok).toBe(true);
  } finally {
    await counter.close();
  }
}, 120_000);

it('a counter started on a full disk is refused as disk-full (STORAGE_FULL, no restore offered), and trades after space is freed and it restarts', async () => {
  const dataDir = join(disk.dir, 'start-full');
  const first = await startCounter({ dataDir });
  expect(errorCode(await (await openDemoTill(first)).sell())).toBeNull();
  await first.close();
  const filler = disk.fill();
  try {
    const counter = await startCounter({ dataDir });
    try {
      expect(counter.counter.status().refusal).toMatchObject({ reason: 'disk-full' });
      expect(errorCode(await counter.call('auth.signIn', { username: 'amina', secret: '1234' }))).toBe('STORAGE_FULL');
      const restore = await counter.call('backup.restore', { file: join(dataDir, 'backups', 'x.sqlite'), username: 'ismail', secret: '9012' });
      expect(restore.ok ? null : restore.error.details).toMatchObject({ rule: 'restore-cannot-help' });
    } finally {
      await counter.close();
    }
  } finally {
    rmSync(filler);
  }
  const again = await startCounter({ dataDir });
  try {
    expect(again.counter.status().state).toBe('ready');
    const amina = await again.signIn('amina', '1234');
    const mine = await again.ok('till.mine', {}, amina);
    expect(mine?.status).toBe('open');
  } finally {
    await again.close();
  }
}, 120_000);
