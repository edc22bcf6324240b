import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { uuid7 } from '@shared/uuid7';
import type { HeadOfficeSettings } from '../../electron/services/replication/head-office-settings';
import { errorCode } from '../support/counter-fixture';
import { startTestHeadOffice, type TestHeadOffice } from '../support/head-office';
import { startHost, type HostFixture } from '../support/host-fixture';
import { postgresServer } from '../support/postgres';
import { eventually } from '../support/replication-checks';
import { makeTempDir } from '../support/temp-dir';
import { openDemoTill } from '../support/trading-day';

/**
 * The whole way back from a lost disk file, against a real PostgreSQL head
 * office: the branch trades and replicates, a backup is taken, it trades on
 * (head office holds everything), the database file is deleted. The counter
 * refuses, a technician restores the backup, and the transfers made after the
 * backup come back from head office before the next sale takes its number.
 */
const BRANCH = 'DJ-DEMO';
const temp = makeTempDir('storage-restore-ho-');
let ho: TestHeadOffice;
let headOffice: HeadOfficeSettings;

beforeAll(async () => {
  ho = await startTestHeadOffice();
  const { role } = await ho.addBranch(BRANCH);
  const server = await postgresServer();
  headOffice = { mode: 'configured', host: server.host, port: server.port, database: ho.database.name, user: role, sslmode: 'disable', caFile: null, certFile: null, keyFile: null };
}, 120_000);
afterAll(async () => {
  await ho?.close();
  temp.remove();
}, 120_000);

const start = () => startHost({ dataDir: temp.dir, headOffice, replicationStartDelayMs: 0 });

async function ledgerHead(counter: HostFixture): Promise<{ lastSeq: number; lastHash: string }> {
  const technician = await counter.signIn('ismail', '9012');
  const report = await counter.ok('ledger.verify', {}, technician);
  expect(report.checks.filter((check) => !check.ok)).toEqual([]);
  return { lastSeq: report.lastSeq, lastHash: report.lastHash };
}

const headOfficeSeq = async () =>
  Number((await ho.staff.query<{ n: string }>('SELECT coalesce(max(seq), 0) AS n FROM ho.transfers WHERE branch_code = $1', [BRANCH])).rows[0]!.n);

it('a deleted database is restored from its backup and the newer transfers come back from head office', async () => {
  const first = await start();
  let before: { lastSeq: number; lastHash: string };
  let backupSeq: number;
  try {
    const till = await openDemoTill(first);
    for (let i = 0; i < 3; i++) expect(errorCode(await till.sell())).toBeNull();
    const technician = await first.signIn('ismail', '9012');
    backupSeq = (await first.ok('backup.now', {}, technician)).folders[0]!.backup!.lastSeq;
    for (let i = 0; i < 5; i++) expect(errorCode(await till.sell())).toBeNull();
    before = await ledgerHead(first);
    expect(before.lastSeq).toBeGreaterThan(backupSeq);
    await eventually('head office holds every transfer', async () => (await headOfficeSeq()) === before.lastSeq, 60_000);
  } finally {
    await first.close();
  }
  const file = first.host.current.databaseFile;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });

  const counter = await start();
  try {
    expect(counter.host.current.status().refusal).toMatchObject({ reason: 'missing' });
    const backup = (await counter.ok('backup.list', {})).backups[0]!;
    expect(backup.lastSeq).toBe(backupSeq);
    expect((await counter.call('backup.restore', { file: backup.file, username: 'hassan', secret: '5678' })).ok).toBe(true);
    expect(counter.host.current.status().state).toBe('ready');

    // Replication's restored-backup path: head office is ahead, so it sends back what the backup lacks.
    await eventually('the transfers after the backup came back', async () => (await ledgerHead(counter)).lastSeq === before.lastSeq, 60_000);
    expect(await ledgerHead(counter)).toEqual(before);

    const amina = await counter.signIn('amina', '1234');
    const mine = await counter.ok('till.mine', {}, amina);
    const sale = await counter.call('sale.complete', { operationId: uuid7(), sessionId: mine!.sessionId, lines: [{ productCode: 'STAMP-LOCAL', quantity: 1 }], tendered: { minor: 1_000, currency: 'DJF' } }, amina);
    expect(sale.ok ? null : sale.error).toBeNull();
    const after = await ledgerHead(counter);
    expect(after.lastSeq).toBeGreaterThan(before.lastSeq);
    await eventually('head office took the new sale', async () => (await headOfficeSeq()) === after.lastSeq, 60_000);
  } finally {
    await counter.close();
  }
}, 240_000);
