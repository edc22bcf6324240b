import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { systemClock } from '../../electron/services/clock';
import { DemoHeadOffice } from '../../electron/services/headoffice/demo-head-office';
import { HeadOfficeApi } from '../../electron/services/headoffice/head-office-api';
import { dayCloseSummary } from '../../electron/services/replication/day-close-summary';
import { ReplicationJob } from '../../electron/services/replication/replication-job';
import { verifyLedger } from '../../electron/services/ledger/verify-ledger';
import { openTestBranchLedger } from '../support/branch-ledger';
import { startCounter } from '../support/counter-fixture';
import { eventually } from '../support/replication-checks';
import { makeTempDir } from '../support/temp-dir';

const temp = makeTempDir('repl-pglite-');
afterAll(() => temp.remove());

it('the embedded PGlite head office runs the same schema and functions: push, resend, pull, day close', async () => {
  const demo = await DemoHeadOffice.open(join(temp.dir, 'ho'), 'DEMO1');
  const branch = await openTestBranchLedger(temp.dir);
  try {
    const job = new ReplicationJob({ sqlite: branch.opened.sqlite, clock: systemClock, mode: 'demo', connect: async () => demo.connection(), batchSize: 30 });
    branch.sell(100);
    expect(await job.syncNow()).toMatchObject({ mode: 'demo', state: 'online', ackedSeq: 100, unsynced: 0 });
    const api = new HeadOfficeApi(demo.connection());
    const rows = branch.transfers();
    // The job pushed lean (HO migration 0013), its values as plain parameters: PGlite takes them too.
    expect(await api.offersLeanPush()).toBe(true);
    expect(await new HeadOfficeApi(demo.connection(), 'DEMO1', 'lean').push({ sent_at: new Date().toISOString(), transfers: rows.slice(60, 100) })).toMatchObject({ status: 'ok', acked_seq: 100, inserted: 0, duplicates: 40 });
    // A resend on PGlite answers the same and inserts nothing; a tampered row is refused there too.
    expect(await api.push({ sent_at: new Date().toISOString(), transfers: rows.slice(40, 70) })).toMatchObject({ status: 'ok', acked_seq: 100, inserted: 0 });
    const tampered = rows.slice(95, 100).map((r, i) => (i === 0 ? { ...r, reason: 'edited' } : r));
    expect((await api.push({ sent_at: new Date().toISOString(), transfers: tampered })).status).toBe('tampered');
    const held = await api.transfersAfter(0, 5000);
    expect(held.map((r) => r.hash)).toEqual(rows.map((r) => r.hash));
    // The branch's S10 ranges, the demo's SAMPLE savings products, KYC tiers and savings number range,
    // and its SAMPLE money-order tariff and order number range.
    const kinds = (await api.pull(0)).items.map((i) => i.kind);
    expect(kinds.filter((kind) => kind === 's10-range')).toHaveLength(2);
    expect(new Set(kinds)).toEqual(new Set(['s10-range', 'savings-product', 'kyc-tier', 'savings-range', 'money-order-tariff', 'money-order-range']));
    expect(await api.compareDayClose(dayCloseSummary(branch.opened.sqlite, '2025-01-01'))).toMatchObject({ outcome: 'match', hash_matches: true });
    expect(verifyLedger(branch.opened.sqlite).ok).toBe(true);
    await job.stop();
  } finally {
    await branch.close();
    await demo.close();
  }
});

it('with no head office configured, the counter runs the demo head office and says so', async () => {
  const dataDir = join(temp.dir, 'counter');
  // Start from the demo head office made above: PGlite's first start (initdb in WebAssembly) is the slow part.
  cpSync(join(temp.dir, 'ho'), join(dataDir, 'head-office-demo'), { recursive: true });
  // headOffice undefined: the counter's own default, not the fixture's `mode: 'none'`.
  const fixture = await startCounter({ dataDir, headOffice: undefined, replicationStartDelayMs: 0 });
  try {
    expect(fixture.counter.status().headOffice.mode).toBe('demo');
    await eventually('the demo head office answered', () => fixture.counter.status().headOffice.state === 'online', 120_000);
    expect(fixture.counter.status().headOffice).toMatchObject({ mode: 'demo', state: 'online', lastError: null, unsynced: 0 });
    const token = await fixture.signIn('ismail', '9012');
    const link = await fixture.ok('replication.link', {}, token);
    expect(link.connection.host).toMatch(/PGlite/);
    expect(link.connection.secretProtection).toBe('none');
  } finally {
    await fixture.close();
  }
});
