import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeS10 } from '@shared/s10';
import { uuid7 } from '@shared/uuid7';
import { connectPostgres } from '../../../electron/services/headoffice/postgres-connection';
import type { SqlConnection } from '../../../electron/services/headoffice/sql-runner';
import { HeadOfficeTrackingApi } from '../../../electron/services/headoffice/tracking-api';
import { startTestHeadOffice, type TestHeadOffice } from '../../support/head-office';

/**
 * Tracking positions come from the writer's transaction (HO migration 0008), with no
 * lock shared by branches. What the single stream row guaranteed must still hold: a
 * pull never steps over an event that commits later, and writers never wait on each other.
 */
const ITEM = makeS10('RR', 55_000_001, 'DJ');

let ho: TestHeadOffice;
let asA: SqlConnection;
let asB: SqlConnection;

beforeAll(async () => {
  ho = await startTestHeadOffice();
  const a = await ho.addBranch('HZA');
  const b = await ho.addBranch('HZB');
  asA = await ho.connectAs(a.role);
  asB = await ho.connectAs(b.role);
}, 120_000);
afterAll(async () => {
  await ho?.close();
}, 60_000);

/** One event as a branch outbox would push it, seq `seq`. */
const oneEvent = (branch: string, seq: number, code: string) => [
  [seq], [uuid7()], [ITEM], [code], ['2026-01-01T09:00:00+03:00'], [branch], ['clerk'], [null], [null],
];

it("never steps over an event still being written, and another writer's commit does not wait for it", async () => {
  const apiB = new HeadOfficeTrackingApi(asB, 'HZB');
  // B accepted the item: events recorded elsewhere for it concern B.
  expect((await apiB.push(oneEvent('HZB', 1, 'EMA'))).status).toBe('ok');
  const start = (await apiB.pull(0)).position;

  // A records the item's next step in a transaction that has not committed yet.
  const slowA = await connectPostgres({ connectionString: ho.database.urlAs((await ho.staff.query<{ role_name: string }>("SELECT role_name FROM ho.branches WHERE code = 'HZA'")).rows[0]!.role_name) });
  await slowA.query('BEGIN');
  await slowA.query(`SELECT ho.push_tracking($1::text, $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])`, ['HZA', ...oneEvent('HZA', 1, 'EMC')]);
  try {
    // Head office records a later step and commits at once: no lock of A's holds it back.
    const staffEvent = uuid7();
    const recorded = await ho.staff.query<{ position: string }>(
      'SELECT ho.record_tracking_event($1, $2, $3, $4, $5, NULL) AS position',
      [staffEvent, ITEM, 'EMD', '2026-01-02T05:00:00Z', 'EXCHANGE'],
    );
    expect(Number(recorded.rows[0]!.position)).toBeGreaterThan(start);

    // B's pull shows neither yet: the committed one is above A's unfinished transaction.
    const during = await apiB.pull(start);
    expect(during.events).toEqual([]);
    expect(during.position).toBeLessThan(Number(recorded.rows[0]!.position));

    await slowA.query('COMMIT');
    const after = await apiB.pull(during.position);
    expect(after.events.map((e) => [e.code, e.recorded_by])).toEqual([
      ['EMC', 'HZA'],
      ['EMD', null],
    ]);
    expect(after.events[1]!.id).toBe(staffEvent);
  } finally {
    await slowA.close();
  }
}, 60_000);

it('gives each transaction its own positions: two pushes in one transaction, and a staff series, never collide', async () => {
  await asA.query('BEGIN');
  try {
    const apiA = new HeadOfficeTrackingApi(asA, 'HZA');
    const first = await apiA.push(oneEvent('HZA', 10, 'EMJ'));
    const second = await apiA.push(oneEvent('HZA', 11, 'EMK'));
    expect([first.inserted, second.inserted]).toEqual([1, 1]);
  } finally {
    await asA.query('COMMIT');
  }
  await ho.staff.query('BEGIN');
  const positions: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const { rows } = await ho.staff.query<{ position: string }>('SELECT ho.record_tracking_event($1, $2, $3, $4, $5, NULL) AS position', [uuid7(), ITEM, 'EMJ', '2026-01-02T06:00:00Z', 'TRANSIT']);
    positions.push(Number(rows[0]!.position));
  }
  await ho.staff.query('COMMIT');
  expect(positions.map((p) => p - positions[0]!)).toEqual([0, 1, 2, 3, 4]);
  const { rows } = await ho.staff.query<{ n: string; distinct: string }>('SELECT count(*) AS n, count(DISTINCT position) AS distinct FROM ho.tracking_events');
  expect(rows[0]!.n).toBe(rows[0]!.distinct);
});
