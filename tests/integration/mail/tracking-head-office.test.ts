import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeS10 } from '@shared/s10';
import { uuid7 } from '@shared/uuid7';
import { startCounter, type CounterFixture } from '../../support/counter-fixture';
import { startTestHeadOffice, type TestHeadOffice } from '../../support/head-office';
import { postgresServer } from '../../support/postgres';
import { FaultyProxy } from '../../support/tcp-proxy';

/** Tracking lookup at the window: local events plus head office's, online and offline, through the router. */
let ho: TestHeadOffice;
let proxy: FaultyProxy;
let fixture: CounterFixture;
let clerk: string;

const ITEM = makeS10('RR', 12345678, 'DJ');
const NEVER_HANDLED_HERE = makeS10('CP', 7, 'DJ');
const later = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const recordAtHeadOffice = (id: string, s10: string, code: string, office: string, at: string) =>
  ho.staff.query('SELECT ho.record_tracking_event($1, $2, $3, $4, $5, NULL)', [id, s10, code, at, office]);
const lookup = (s10: string) => fixture.ok('tracking.lookup', { s10 }, clerk);
/** After an outage the first exchange may still find the old, cut connection: the job reconnects on the next. */
async function syncOnline() {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const status = await fixture.ok('replication.syncNow', {}, clerk);
    if (status.state === 'online') return status;
  }
  throw new Error('the link did not come back');
}

beforeAll(async () => {
  ho = await startTestHeadOffice();
  const role = (await ho.addBranch('DJ-DEMO')).role;
  const server = await postgresServer();
  proxy = new FaultyProxy(server.host, server.port);
  await proxy.start();
  fixture = await startCounter({
    headOffice: { mode: 'configured', host: '127.0.0.1', port: proxy.port, database: ho.database.name, user: role, sslmode: 'disable', caFile: null, certFile: null, keyFile: null },
    replicationStartDelayMs: 0,
  });
  clerk = await fixture.signIn('amina', '1234');
}, 120_000);
afterAll(async () => {
  await fixture?.close();
  await proxy?.stop();
  await ho?.close();
}, 120_000);

it('sends counter events once, brings back what head office recorded for the item, and shows it offline as last received', async () => {
  const local = await fixture.ok('tracking.record', { eventId: uuid7(), s10: ITEM, code: 'EMG' }, clerk);
  expect(local).toMatchObject({ source: 'counter', recordedBy: 'DJ-DEMO' });
  await fixture.ok('replication.syncNow', {}, clerk);
  expect(await fixture.ok('replication.syncNow', {}, clerk)).toMatchObject({ state: 'online', trackingUnsynced: 0 });
  const held = await ho.staff.query<{ id: string; branch_code: string }>('SELECT id, branch_code FROM ho.tracking_events');
  expect(held.rows).toEqual([{ id: local.id, branch_code: 'DJ-DEMO' }]);

  await recordAtHeadOffice('ho-emj-1', ITEM, 'EMJ', 'FRCDGA', later(1));
  await fixture.ok('replication.syncNow', {}, clerk);
  proxy.setDown(true);

  const offline = await lookup(ITEM);
  expect(offline.headOffice.state).toBe('offline');
  expect(offline.headOffice.lastReceivedAt).not.toBeNull();
  expect(offline.events.map((e) => [e.code, e.source, e.recordedBy, e.office])).toEqual([
    ['EMG', 'counter', 'DJ-DEMO', 'DJ-DEMO'],
    ['EMJ', 'head-office', null, 'FRCDGA'],
  ]);

  // Recorded during the outage: on screen at once, and counted apart from the ledger on the status bar.
  await fixture.ok('tracking.record', { eventId: uuid7(), s10: ITEM, code: 'EMH', note: 'nobody home' }, clerk);
  expect((await lookup(ITEM)).events.map((e) => e.code)).toEqual(['EMG', 'EMH', 'EMJ']);
  expect(fixture.counter.status().headOffice).toMatchObject({ unsynced: 0, trackingUnsynced: 1 });

  proxy.setDown(false);
  expect(await syncOnline()).toMatchObject({ state: 'online', trackingUnsynced: 0 });
  const after = await ho.staff.query<{ code: string }>("SELECT code FROM ho.tracking_events WHERE branch_code = 'DJ-DEMO' ORDER BY position");
  expect(after.rows.map((r) => r.code)).toEqual(['EMG', 'EMH']);
});

it('asks head office for an item this branch never handled, and keeps the answer for a lookup without the link', async () => {
  await recordAtHeadOffice('ho-emd-7', NEVER_HANDLED_HERE, 'EMD', 'DJJIBB', later(2));
  await syncOnline();
  const stored = () => fixture.ok('tracking.lookup', { s10: NEVER_HANDLED_HERE }, clerk);
  // Not an item of this branch: the background pull did not bring it.
  proxy.setDown(true);
  expect(await stored()).toMatchObject({ events: [], headOffice: { state: 'offline' } });
  proxy.setDown(false);
  await syncOnline();

  const online = await stored();
  expect(online.headOffice.state).toBe('received');
  expect(online.events.map((e) => [e.code, e.source, e.recordedBy])).toEqual([['EMD', 'head-office', null]]);

  proxy.setDown(true);
  const offline = await stored();
  expect(offline.headOffice.state).toBe('offline');
  expect(offline.events.map((e) => e.code)).toEqual(['EMD']);
  proxy.setDown(false);
});
