import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WatermarkFile } from '../../electron/services/replication/watermark';
import { openTestBranchLedger } from '../support/branch-ledger';
import { startTestHeadOffice, type TestHeadOffice } from '../support/head-office';
import { expectConverged } from '../support/replication-checks';
import { branchUrl, makeJob } from '../support/replication-world';
import { makeTempDir } from '../support/temp-dir';

let ho: TestHeadOffice;
const temp = makeTempDir('repl-restore-');

beforeAll(async () => {
  ho = await startTestHeadOffice();
}, 120_000);
afterAll(async () => {
  await ho?.close();
  temp.remove();
}, 120_000);

/** Trades, backs up at seq 10, trades on to seq 30 (all sent), then restores the old backup. */
async function restoredBranch(code: string, withWatermark: boolean) {
  const dir = join(temp.dir, code);
  const { role } = await ho.addBranch(code);
  const url = branchUrl(ho.database.urlAs, role);
  const watermark = withWatermark ? new WatermarkFile(dir, code) : null;
  const first = await openTestBranchLedger(makeDir(dir), undefined);
  first.sell(10);
  const job = makeJob({ sqlite: first.opened.sqlite, url, watermark });
  await job.syncNow();
  await first.opened.sqlite.backup(join(dir, 'backup.sqlite'));
  first.sell(20);
  expect((await job.syncNow()).ackedSeq).toBe(30);
  await job.stop();
  await first.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${first.file}${suffix}`, { force: true });
  copyFileSync(join(dir, 'backup.sqlite'), first.file);
  const restored = await openTestBranchLedger(dir);
  expect(restored.lastSeq()).toBe(10);
  return { restored, url, watermark };
}

function makeDir(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

it('8. restored from an older backup: refuses to reuse sequence numbers, recovers the missing rows from head office', async () => {
  const { restored, url, watermark } = await restoredBranch('RST1', true);
  // The watermark beside the database already knows head office holds seq 30: no sale may take seq 11.
  const job = makeJob({ sqlite: restored.opened.sqlite, url, watermark });
  expect(job.status().recovering).toBe(true);
  let refusal: unknown;
  try {
    restored.sell(1);
  } catch (error) {
    refusal = error;
  }
  // A refusal the clerk's screen can translate, not an INTERNAL error.
  expect(refusal).toMatchObject({ code: 'RULE_BROKEN', details: { rule: 'recovering-from-head-office' } });
  expect(restored.lastSeq()).toBe(10);

  const after = await job.syncNow();
  expect(after).toMatchObject({ localSeq: 30, ackedSeq: 30, recovering: false, lastError: null });
  restored.sell(5);
  expect(restored.transfers()[30]!.seq).toBe(31);
  expect((await job.syncNow()).ackedSeq).toBe(35);
  await job.stop();
  await expectConverged(ho.staff, 'RST1', restored.opened.sqlite);
  await restored.close();
});

it('8b. without the watermark, the first contact with head office notices it is ahead and recovers before trading', async () => {
  const { restored, url } = await restoredBranch('RST2', false);
  const job = makeJob({ sqlite: restored.opened.sqlite, url });
  expect((await job.syncNow())).toMatchObject({ localSeq: 30, ackedSeq: 30, recovering: false });
  restored.sell(3);
  expect((await job.syncNow()).ackedSeq).toBe(33);
  await job.stop();
  await expectConverged(ho.staff, 'RST2', restored.opened.sqlite);
  await restored.close();
});
