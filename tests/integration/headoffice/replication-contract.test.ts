import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CounterStatus, EventMessage } from '@shared/contract';
import { startCounter, errorCode, type CounterFixture } from '../../support/counter-fixture';
import { postgresServer } from '../../support/postgres';
import { startTestHeadOffice, type TestHeadOffice } from '../../support/head-office';
import { eventually } from '../../support/replication-checks';

let ho: TestHeadOffice;
let fixture: CounterFixture;
const events: EventMessage[] = [];

beforeAll(async () => {
  ho = await startTestHeadOffice();
  const role = (await ho.addBranch('DJ-DEMO')).role;
  const server = await postgresServer();
  fixture = await startCounter({
    headOffice: { mode: 'configured', host: server.host, port: server.port, database: ho.database.name, user: role, sslmode: 'disable', caFile: null, certFile: null, keyFile: null },
    replicationStartDelayMs: 0,
  });
  fixture.counter.subscribe((message) => events.push(message));
}, 120_000);
afterAll(async () => {
  await fixture?.close();
  await ho?.close();
}, 120_000);

it('shows the configured link on the status bar and pushes a status event when it comes online', async () => {
  await eventually('the link is online', () => fixture.counter.status().headOffice.state === 'online', 30_000);
  expect(fixture.counter.status().headOffice).toMatchObject({ mode: 'configured', state: 'online', unsynced: 0, lastError: null });
  expect(events.some((e) => e.event === 'status.changed' && (e.payload as CounterStatus).headOffice.state === 'online')).toBe(true);
});

it('lets a clerk see the status and sync now, but not the technician view or corrections', async () => {
  const clerk = await fixture.signIn('amina', '1234');
  expect(await fixture.ok('replication.status', {}, clerk)).toMatchObject({ mode: 'configured', state: 'online', recovering: false });
  expect(await fixture.ok('replication.syncNow', {}, clerk)).toMatchObject({ state: 'online', unsynced: 0 });
  expect(errorCode(await fixture.call('replication.link', {}, clerk))).toBe('FORBIDDEN_ROLE');
  expect(errorCode(await fixture.call('corrections.list', {}, clerk))).toBe('FORBIDDEN_ROLE');
  expect(errorCode(await fixture.call('corrections.acknowledge', { id: 'x' }, clerk))).toBe('FORBIDDEN_ROLE');
  expect(errorCode(await fixture.call('replication.status', {}))).toBe('NO_SESSION');
});

it('gives the technician both cursors, the connection and where the password is kept', async () => {
  const tech = await fixture.signIn('ismail', '9012');
  const link = await fixture.ok('replication.link', {}, tech);
  expect(link).toMatchObject({ ackedSeq: link.localSeq, headOfficeSeq: link.localSeq, connection: { database: ho.database.name, sslmode: 'disable', secretProtection: 'none' } });
});

it('shows a head-office correction to the supervisor, books it only when acknowledged, and replicates it back', async () => {
  await ho.staff.query(
    `SELECT ho.publish_item('correction', 'corr-demo-1', 'DJ-DEMO', $1::jsonb, 'audit')`,
    [JSON.stringify({ author: 'auditor.nadia', reason: 'float booked twice', debit_account_id: 'suspense:DJF', credit_account_id: 'head-office:DJF', amount: 500, currency: 'DJF' })],
  );
  const supervisor = await fixture.signIn('hassan', '5678');
  await fixture.ok('replication.syncNow', {}, supervisor);
  const listed = await fixture.ok('corrections.list', {}, supervisor);
  expect(listed).toMatchObject([{ id: 'corr-demo-1', acknowledgedBy: null, bookedSeq: null, amount: 500 }]);
  const before = (await fixture.ok('replication.status', {}, supervisor)).localSeq;

  const acknowledged = await fixture.ok('corrections.acknowledge', { id: 'corr-demo-1' }, supervisor);
  expect(acknowledged).toMatchObject({ acknowledgedBy: 'hassan', bookedSeq: before + 1 });
  expect(errorCode(await fixture.call('corrections.acknowledge', { id: 'no-such' }, supervisor))).toBe('NOT_FOUND');
  const synced = await fixture.ok('replication.syncNow', {}, supervisor);
  expect(synced).toMatchObject({ ackedSeq: before + 1, unsynced: 0 });
  const held = await ho.staff.query<{ operator: string; approver: string }>(
    "SELECT operator, approver FROM ho.transfers WHERE branch_code = 'DJ-DEMO' AND operation_id = 'corr-demo-1'",
  );
  expect(held.rows).toEqual([{ operator: 'head-office:auditor.nadia', approver: 'hassan' }]);
});

it('compares the day with head office: a match, with the summary it sent', async () => {
  const supervisor = await fixture.signIn('hassan', '5678');
  const compared = await fixture.ok('replication.compareDayClose', { businessDate: '2026-01-01' }, supervisor);
  expect(compared).toMatchObject({ outcome: 'match', hashMatches: true, differences: [] });
  const recorded = await ho.staff.query<{ outcome: string }>("SELECT outcome FROM ho.day_close_comparisons WHERE branch_code = 'DJ-DEMO'");
  expect(recorded.rows).toEqual([{ outcome: 'match' }]);
});
