import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { uuid7 } from '@shared/uuid7';
import { startCounter } from '../support/counter-fixture';
import { eventually } from '../support/replication-checks';
import { makeTempDir } from '../support/temp-dir';

const CLI = join(import.meta.dirname, '..', '..', 'electron', 'services', 'cli', 'ledger.ts');
const temp = makeTempDir('backup-rotation-');
afterAll(() => temp.remove());

/** A clock the test moves a minute before each backup: every backup gets its own name. */
function steppingClock() {
  let at = Date.parse('2026-12-01T08:00:00Z');
  return { now: () => new Date(at), step: () => (at += 60_000) };
}
const backupsIn = (folder: string) => readdirSync(folder).filter((name) => name.startsWith('ledger-')).sort();

it('keeps N verified backups in the data folder and the second folder, newest last, and says when the second folder fails', async () => {
  const dataDir = join(temp.dir, 'rotation');
  const usb = join(temp.dir, 'usb');
  const clock = steppingClock();
  const counter = await startCounter({ dataDir, clock, backup: { secondFolder: usb, keep: 2 } });
  try {
    const technician = await counter.signIn('ismail', '9012');
    const runs = [];
    for (let i = 0; i < 3; i++) {
      clock.step();
      runs.push(await counter.ok('backup.now', {}, technician));
    }
    expect(runs.flatMap((r) => r.folders.map((f) => f.problem))).toEqual([null, null, null, null, null, null]);
    const newest = runs[2]!.folders.map((f) => f.backup!.file.split('/').pop()!);
    for (const folder of [join(dataDir, 'backups'), usb]) {
      expect(backupsIn(folder)).toHaveLength(2);
      expect(backupsIn(folder).at(-1)).toBe(newest[0]);
    }
    expect(counter.counter.status().storage).toMatchObject({ lastBackupAt: expect.any(String), backupError: null });

    // The USB disk pulled out (its path now a plain file): the data folder's copy is still taken.
    rmSync(usb, { recursive: true });
    writeFileSync(usb, 'not a folder');
    clock.step();
    const run = await counter.ok('backup.now', {}, technician);
    expect(run.folders[0]).toMatchObject({ problem: null });
    expect(run.folders[1]).toMatchObject({ folder: usb, backup: null, problem: expect.stringMatching(/EEXIST|ENOTDIR|not a directory|exists/i) });
    expect(counter.counter.status().storage?.backupError).toContain(usb);
  } finally {
    await counter.close();
  }
}, 120_000);

it('a day close takes a backup', async () => {
  const dataDir = join(temp.dir, 'day-close');
  const counter = await startCounter({ dataDir });
  try {
    const hassan = await counter.signIn('hassan', '5678');
    await counter.ok('safe.receiveCash', { operationId: uuid7(), amount: { minor: 20_000, currency: 'DJF' }, reference: 'HO-1' }, hassan);
    const balance = (await counter.ok('safe.status', {}, hassan)).balance.minor;
    await counter.ok('day.close', { operationId: uuid7(), safeCount: [{ denomination: 10000, quantity: balance / 10000 }] }, hassan);
    await eventually('the day close backup is written', () => backupsIn(join(dataDir, 'backups')).length === 1, 30_000);
  } finally {
    await counter.close();
  }
}, 120_000);

it('a backup altered after it was taken fails its check: never listed as usable, never restored; the command line restores the older good one', async () => {
  const dataDir = join(temp.dir, 'tampered');
  const clock = steppingClock();
  const counter = await startCounter({ dataDir, clock });
  const file = counter.counter.databaseFile;
  let tampered: string;
  try {
    const technician = await counter.signIn('ismail', '9012');
    const hassan = await counter.signIn('hassan', '5678');
    await counter.ok('safe.receiveCash', { operationId: uuid7(), amount: { minor: 5_000, currency: 'DJF' }, reference: 'HO-1' }, hassan);
    await counter.ok('backup.now', {}, technician);
    await counter.ok('safe.receiveCash', { operationId: uuid7(), amount: { minor: 7_000, currency: 'DJF' }, reference: 'HO-2' }, hassan);
    clock.step();
    tampered = (await counter.ok('backup.now', {}, technician)).folders[0]!.backup!.file;
  } finally {
    await counter.close();
  }
  // Someone edits an amount in the newest copy, getting round the trigger.
  const copy = new Database(tampered);
  copy.exec('DROP TRIGGER IF EXISTS ledger_transfers_no_update');
  for (const { name } of copy.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'ledger_transfers'").all() as Array<{ name: string }>) {
    copy.exec(`DROP TRIGGER "${name}"`);
  }
  copy.exec('UPDATE ledger_transfers SET amount = amount + 100 WHERE seq = (SELECT max(seq) FROM ledger_transfers)');
  copy.close();
  rmSync(file);

  const refused = await startCounter({ dataDir });
  try {
    const list = await refused.ok('backup.list', {});
    expect(list.unusable).toEqual([{ file: tampered, problem: expect.stringContaining('ledger verify') }]);
    expect(list.backups).toHaveLength(1);
    const answer = await refused.call('backup.restore', { file: tampered, username: 'ismail', secret: '9012' });
    expect(answer.ok ? null : answer.error.code).toBe('NOT_FOUND');
  } finally {
    await refused.close();
  }

  const cli = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'restore', '--data-dir', dataDir], { encoding: 'utf8' });
  expect(cli.status, cli.stderr).toBe(0);
  expect(cli.stdout).toContain(`UNUSABLE ${tampered}`);
  expect(cli.stdout).toMatch(/RESTORED .* \(last seq \d+\)/);
  const restored = await startCounter({ dataDir });
  try {
    expect(restored.counter.status().state).toBe('ready');
    const technician = await restored.signIn('ismail', '9012');
    expect((await restored.ok('ledger.verify', {}, technician)).ok).toBe(true);
    const audit = await restored.ok('audit.list', { limit: 1, action: 'backup.restored' }, technician);
    expect(audit[0]).toMatchObject({ actor: 'command line', outcome: 'ok' });
  } finally {
    await restored.close();
  }
}, 120_000);

it('takes backups on its own at the configured interval while the counter runs', async () => {
  const dataDir = join(temp.dir, 'interval');
  // A tenth of a second as hours: the timer, not a call, writes the backup.
  const counter = await startCounter({ dataDir, backup: { everyHours: 0.1 / 3600, keep: 3 } });
  try {
    await eventually('a timed backup is written', () => counter.counter.status().storage?.lastBackupAt !== null, 30_000);
    expect(backupsIn(join(dataDir, 'backups')).length).toBeGreaterThanOrEqual(1);
  } finally {
    await counter.close();
  }
}, 120_000);
