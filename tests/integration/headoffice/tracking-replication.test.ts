import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeS10 } from '@shared/s10';
import { uuid7 } from '@shared/uuid7';
import { TRACKING_PUSH_COLUMNS } from '../../../electron/services/headoffice/migrations/0003-tracking-events';
import type { SqlConnection } from '../../../electron/services/headoffice/sql-runner';
import { HeadOfficeTrackingApi } from '../../../electron/services/headoffice/tracking-api';
import { eventsOf, recordTrackingEvent } from '../../../electron/services/tracking/tracking-events';
import { openTestBranchLedger, type TestBranchLedger } from '../../support/branch-ledger';
import { startTestHeadOffice, type TestHeadOffice } from '../../support/head-office';
import { postgresServer } from '../../support/postgres';
import { expectConverged } from '../../support/replication-checks';
import { branchUrl, makeJob } from '../../support/replication-world';
import { FaultyProxy } from '../../support/tcp-proxy';
import { makeTempDir } from '../../support/temp-dir';

/** Items of the tests (valid S10 check digits). */
const ACCEPTED_AT_A = makeS10('RR', 12345678, 'DJ');
const ANNOUNCED_AT_A = makeS10('CP', 3, 'DJ');
const ELSEWHERE = makeS10('EE', 1, 'DJ');

/** Tracking events both ways between two branches and head office, on a real PostgreSQL. */
describe('tracking events replicate with the ledger', () => {
  let ho: TestHeadOffice;
  let proxy: FaultyProxy;
  let a: TestBranchLedger;
  let b: TestBranchLedger;
  let roleA: string;
  let roleB: string;
  let asB: SqlConnection;
  const temp = makeTempDir('ho-tracking-');

  const record = (branch: TestBranchLedger, office: string, s10: string, code: string, at = '2026-01-01T09:00:00+03:00', id = uuid7()) => {
    recordTrackingEvent(branch.opened.sqlite, { id, s10, code, at, office, operator: 'clerk1', operation_id: null, source: 'counter', note: 'secret note' });
    return id;
  };
  const held = async () =>
    (await ho.staff.query<{ id: string; branch_code: string | null; branch_seq: string | null; s10: string; code: string }>(
      'SELECT id, branch_code, branch_seq, s10, code FROM ho.tracking_events ORDER BY position',
    )).rows;

  beforeAll(async () => {
    ho = await startTestHeadOffice();
    const server = await postgresServer();
    proxy = new FaultyProxy(server.host, server.port);
    await proxy.start();
    roleA = (await ho.addBranch('TA')).role;
    roleB = (await ho.addBranch('TB')).role;
    a = await openTestBranchLedger(temp.dir, undefined, 'a.sqlite');
    b = await openTestBranchLedger(temp.dir, undefined, 'b.sqlite');
    asB = await ho.connectAs(roleB);
  }, 120_000);
  afterAll(async () => {
    await proxy?.stop();
    await a?.close();
    await b?.close();
    await ho?.close();
    temp.remove();
  }, 120_000);

  it('reach head office exactly once when the reply to a push is lost and the push is resent', async () => {
    a.sell(12);
    const ids = Array.from({ length: 30 }, (_, i) => record(a, 'TA', i === 0 ? ACCEPTED_AT_A : makeS10('RR', 20_000_000 + i, 'DJ'), 'EMA'));
    const sent: unknown[][][] = [];
    const job = makeJob({ sqlite: a.opened.sqlite, url: branchUrl(ho.database.urlAs, roleA, proxy.port) });
    expect(job.status().trackingUnsynced).toBe(30);

    const dropped = proxy.dropNextReplyTo('ho.push_tracking');
    const first = await job.syncNow();
    await dropped;
    // The ledger went first and was acknowledged; the tracking answer was lost after head office committed.
    expect(first).toMatchObject({ state: 'offline', ackedSeq: 12, unsynced: 0, trackingUnsynced: 30 });
    expect((await held()).map((e) => e.id)).toEqual(ids);

    // The very same batch again (what the job does next): nothing added, the same acknowledgement.
    const outbox = a.opened.sqlite
      .prepare(`SELECT ${TRACKING_PUSH_COLUMNS.map(([name]) => (name === 'seq' ? 'o.seq' : `e.${name}`)).join(', ')}
                  FROM tracking_outbox o JOIN tracking_events e ON e.id = o.event_id ORDER BY o.seq`)
      .raw(true)
      .all() as unknown[][];
    TRACKING_PUSH_COLUMNS.forEach((_, c) => sent.push([outbox.map((row) => row[c])]));
    const resend = await new HeadOfficeTrackingApi(await ho.connectAs(roleA)).push(sent.map(([column]) => column!));
    expect(resend).toMatchObject({ status: 'ok', acked_seq: 30, inserted: 0, duplicates: 30 });

    const after = await job.syncNow();
    expect(after).toMatchObject({ state: 'online', trackingUnsynced: 0, unsynced: 0, lastError: null });
    const rows = await held();
    expect(rows.map((e) => e.id)).toEqual(ids);
    expect(new Set(rows.map((e) => e.id)).size).toBe(30);
    expect(rows.every((e) => e.branch_code === 'TA')).toBe(true);
    expect(rows.map((e) => Number(e.branch_seq))).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const cursor = await ho.staff.query<{ acked_seq: string }>("SELECT acked_seq FROM ho.tracking_cursors WHERE branch_code = 'TA'");
    expect(Number(cursor.rows[0]!.acked_seq)).toBe(30);

    // Later events go in the next cycle, after the ledger batch, and only they.
    a.sell(2);
    record(a, 'TA', ACCEPTED_AT_A, 'EDA', '2026-01-01T15:00:00+03:00');
    expect(await job.syncNow()).toMatchObject({ state: 'online', ackedSeq: 14, trackingUnsynced: 0 });
    expect((await held()).length).toBe(31);
    await job.stop();
    await expectConverged(ho.staff, 'TA', a.opened.sqlite);
  });

  it("keeps a second branch's role away from the first branch's events except through the allowed functions", async () => {
    for (const statement of [
      'SELECT * FROM ho.tracking_events',
      'SELECT id, s10 FROM ho.tracking_events',
      "INSERT INTO ho.tracking_events (id, position, branch_code, branch_seq, s10, code, at, office) VALUES ('x', 999, 'TA', 1, 'x', 'EMA', 'x', 'x')",
      "UPDATE ho.tracking_events SET code = 'EMI'",
      'DELETE FROM ho.tracking_events',
      'UPDATE ho.tracking_cursors SET acked_seq = 0',
      'UPDATE ho.push_admission SET slots = 1',
      'SET ROLE ho_tracking_reader',
      `SELECT ho.record_tracking_event('${uuid7()}', '${ACCEPTED_AT_A}', 'EMI', '2026-01-01T10:00:00Z', 'TB', NULL)`,
    ]) {
      await expect(asB.query(statement), statement).rejects.toThrow(/permission denied/);
    }
    // A mistaken grant still shows B none of A's rows: row-level security filters by the session's branch.
    await ho.staff.query('GRANT SELECT ON ho.tracking_events TO ho_branch');
    try {
      expect((await asB.query<{ n: string }>('SELECT count(*) AS n FROM ho.tracking_events')).rows[0]!.n).toBe('0');
    } finally {
      await ho.staff.query('REVOKE SELECT ON ho.tracking_events FROM ho_branch');
    }

    const apiB = new HeadOfficeTrackingApi(asB);
    // B has handled none of A's items: its pull brings nothing, and moves past them.
    const pulled = await apiB.pull(0);
    expect(pulled.events).toEqual([]);
    // Past every event held (positions come from the writing transaction's id: see HO migration 0008).
    const newest = await ho.staff.query<{ top: string }>('SELECT max(position) AS top FROM ho.tracking_events');
    expect((await ho.staff.query<{ n: string }>('SELECT count(*) AS n FROM ho.tracking_events')).rows[0]!.n).toBe('31');
    expect(pulled.position).toBeGreaterThanOrEqual(Number(newest.rows[0]!.top));
    // Asked by number, an item's history shows where and when, never who handled it or the note.
    const history = await apiB.itemHistory(ACCEPTED_AT_A);
    expect(history.map((e) => [e.code, e.office, e.recorded_by])).toEqual([['EMA', 'TA', 'TA'], ['EDA', 'TA', 'TA']]);
    for (const event of history) expect(Object.keys(event).sort()).toEqual(['at', 'code', 'id', 'office', 'position', 'recorded_by', 's10']);
    // Only head-office staff (no branch) may ask for history as staff and record events there.
    await expect(ho.staff.query('SELECT ho.pull_tracking(0, 10)')).rejects.toThrow(/branch roles only/);
  });

  it("brings a branch the events recorded elsewhere for its items, marked with where they came from", async () => {
    await ho.staff.query("SELECT ho.publish_item('pickup-parcel', 'ESQ-1', 'TA', $1::jsonb, 'test')", [JSON.stringify({ barcode: ANNOUNCED_AT_A })]);
    const jobA = makeJob({ sqlite: a.opened.sqlite, url: branchUrl(ho.database.urlAs, roleA) });
    const jobB = makeJob({ sqlite: b.opened.sqlite, url: branchUrl(ho.database.urlAs, roleB) });
    await jobA.syncNow();

    const record = (id: string, s10: string, code: string, office: string) =>
      ho.staff.query('SELECT ho.record_tracking_event($1, $2, $3, $4, $5, NULL) AS position', [id, s10, code, '2026-01-02T05:00:00Z', office]);
    await record('ho-1', ACCEPTED_AT_A, 'EMC', 'DJJIBA');
    // Recorded twice (a resent report): kept once.
    expect((await record('ho-1', ACCEPTED_AT_A, 'EMC', 'DJJIBA')).rows[0]).toEqual({ position: null });
    await record('ho-2', ANNOUNCED_AT_A, 'EMD', 'DJJIBB');
    await record('ho-3', ELSEWHERE, 'EMD', 'DJJIBB');
    // Branch B hands A's item over: A learns it from head office.
    recordTrackingEvent(b.opened.sqlite, { id: 'b-emi', s10: ACCEPTED_AT_A, code: 'EMI', at: '2026-01-03T09:00:00+03:00', office: 'TB', operator: 'omar', operation_id: null, source: 'counter', note: null });
    await jobB.syncNow();

    expect(await jobA.syncNow()).toMatchObject({ state: 'online', trackingUnsynced: 0 });
    const views = eventsOf(a.opened.sqlite, ACCEPTED_AT_A);
    expect(views.map((e) => [e.code, e.source, e.recordedBy, e.office])).toEqual([
      ['EMA', 'counter', 'TA', 'TA'],
      ['EDA', 'counter', 'TA', 'TA'],
      ['EMC', 'head-office', null, 'DJJIBA'],
      ['EMI', 'head-office', 'TB', 'TB'],
    ]);
    // Who handed it over at B stays at B.
    expect(views.find((e) => e.code === 'EMI')!.operator).toBeNull();
    expect(eventsOf(a.opened.sqlite, ANNOUNCED_AT_A).map((e) => [e.code, e.source])).toEqual([['EMD', 'head-office']]);
    // Items that do not concern A do not come, and nothing received is sent back.
    expect(eventsOf(a.opened.sqlite, ELSEWHERE)).toEqual([]);
    expect((await held()).filter((e) => e.branch_code === 'TA')).toHaveLength(31);
    // B pulls only what concerns B: A's own events of the item B handed over.
    await jobB.syncNow();
    expect(eventsOf(b.opened.sqlite, ACCEPTED_AT_A).map((e) => [e.code, e.source, e.recordedBy])).toEqual([
      ['EMA', 'head-office', 'TA'],
      ['EDA', 'head-office', 'TA'],
      ['EMC', 'head-office', null],
      ['EMI', 'counter', 'TB'],
    ]);
    await jobA.stop();
    await jobB.stop();
  });
});
