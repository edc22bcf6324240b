import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestBranchLedger, type TestBranchLedger } from '../support/branch-ledger';
import { startTestHeadOffice, type TestHeadOffice } from '../support/head-office';
import { postgresServer } from '../support/postgres';
import { eventually, expectConverged } from '../support/replication-checks';
import { branchUrl, makeJob } from '../support/replication-world';
import { FaultyProxy } from '../support/tcp-proxy';
import { makeTempDir } from '../support/temp-dir';

let ho: TestHeadOffice;
let branch: TestBranchLedger;
let proxy: FaultyProxy;
const temp = makeTempDir('repl-outage-');

beforeAll(async () => {
  ho = await startTestHeadOffice();
  const server = await postgresServer();
  proxy = new FaultyProxy(server.host, server.port);
  await proxy.start();
  branch = await openTestBranchLedger(temp.dir);
}, 120_000);
afterAll(async () => {
  await proxy?.stop();
  await branch?.close();
  await ho?.close();
  temp.remove();
}, 120_000);

it('6. head office down for thousands of operations: the counter keeps trading, the backlog drains in order', async () => {
  const { role } = await ho.addBranch('OUT1');
  const job = makeJob({ sqlite: branch.opened.sqlite, url: branchUrl(ho.database.urlAs, role, proxy.port), batchSize: 500 });
  job.start();
  branch.sell(20);
  await eventually('the first sales reached head office', () => job.status().ackedSeq === 20);

  proxy.setDown(true);
  // An hour of a busy counter: every sale commits locally while the job keeps failing and retrying.
  for (let chunk = 0; chunk < 30; chunk += 1) {
    branch.sell(100);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await eventually('the job noticed head office is down', () => job.status().state === 'offline');
  const during = job.status();
  expect(during.unsynced).toBe(3000);
  expect(during.lastError).toMatch(/unreachable|broke|refused|did not answer/);
  expect(during.ackedSeq).toBe(20);

  proxy.setDown(false);
  // Drained, and the exchange that drained it finished (it pulls reference data after pushing).
  await eventually('the backlog drained', () => job.status().unsynced === 0 && job.status().state === 'online', 120_000);
  expect(job.status()).toMatchObject({ state: 'online', lastError: null, ackedSeq: 3020 });
  await job.stop();

  // Received in branch order: a later seq never arrived before an earlier one.
  const order = await ho.staff.query<{ out_of_order: string }>(
    `SELECT count(*) AS out_of_order FROM (
       SELECT received_at < lag(received_at) OVER (ORDER BY seq) AS earlier FROM ho.transfers WHERE branch_code = 'OUT1') s
     WHERE earlier`,
  );
  expect(order.rows[0]!.out_of_order).toBe('0');
  await expectConverged(ho.staff, 'OUT1', branch.opened.sqlite);
});
