import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResponse } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import { openDatabase, type OpenedDatabase } from '../../../electron/services/db/open-database';
import { recordVerdict, type HeadOfficeVerdict } from '../../../electron/services/day-close/day-close-state.repository';
import { errorCode, startCounter, type CounterFixture } from '../../support/counter-fixture';
import { branchDatabaseAt, type SchemaAt } from '../../support/schema-at';

const DAY = 86_400_000;
const djf = (minor: number) => ({ minor, currency: 'DJF' });
const refusal = (response: CallResponse) => {
  if (response.ok) throw new Error('expected a refusal');
  return { code: response.error.code, rule: response.error.details?.rule, details: response.error.details };
};

function open(file: string): OpenedDatabase {
  const result = openDatabase(file);
  if (!result.ok) throw new Error(result.refusal.detail);
  return result.opened;
}

describe('migration 0008: head office verdict beside each day close', () => {
  let opened: SchemaAt;
  beforeAll(async () => {
    opened = await branchDatabaseAt('0007-mail');
    // A close booked by the previous version: it was never confirmed by head office.
    opened.sqlite
      .prepare('INSERT INTO day_closes (id, business_date, closed_by, at, first_seq, last_seq, last_hash, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run('close-old', '2026-01-05', 'hassan', '2026-01-05T18:00:00.000+03:00', 1, 4, 'a'.repeat(64), '{}');
    await opened.migrateTo('latest');
  });
  afterAll(() => opened.close());

  it('gives a close booked before the upgrade a state: waiting for head office', () => {
    expect(opened.sqlite.prepare('SELECT day_close_id, state, attempts FROM day_close_states').all()).toEqual([
      { day_close_id: 'close-old', state: 'awaiting-head-office', attempts: 0 },
    ]);
  });

  it('the database refuses what a bug must not do: a mismatch falling back to waiting, a confirmed close reopened, evidence edited', () => {
    const { sqlite } = opened;
    const mismatch: HeadOfficeVerdict = {
      outcome: 'mismatch',
      hashMatches: true,
      differences: [{ accountId: 'safe:DJF', branchDebits: 10, branchCredits: 0, headOfficeDebits: 17, headOfficeCredits: 0 }],
      headOfficeSeq: 4,
      comparisonId: 1,
    };
    recordVerdict(sqlite, 'close-old', mismatch, '2026-01-05T19:00:00.000+03:00', null);
    expect(() => sqlite.prepare("UPDATE day_close_states SET state = 'awaiting-head-office'").run()).toThrow(/resolved only by a comparison that matches/);
    // "behind" on a disputed close changes the words, never the state.
    recordVerdict(sqlite, 'close-old', { ...mismatch, outcome: 'behind', differences: [], headOfficeSeq: 2 }, '2026-01-05T19:01:00.000+03:00', 'hassan');
    expect(sqlite.prepare('SELECT state, attempts, detail FROM day_close_states').get()).toEqual({ state: 'mismatch', attempts: 2, detail: 'head office holds up to seq 2' });

    recordVerdict(sqlite, 'close-old', { ...mismatch, outcome: 'match', differences: [] }, '2026-01-05T19:02:00.000+03:00', 'hassan');
    expect(sqlite.prepare('SELECT state, differences FROM day_close_states').get()).toEqual({ state: 'confirmed', differences: '[]' });
    expect(() => sqlite.prepare("UPDATE day_close_states SET state = 'mismatch'").run()).toThrow(/confirmed by head office is final/);
    // A later mismatch on a confirmed close is kept as evidence but cannot reopen it.
    recordVerdict(sqlite, 'close-old', mismatch, '2026-01-05T19:03:00.000+03:00', null);
    expect(sqlite.prepare('SELECT state FROM day_close_states').get()).toEqual({ state: 'confirmed' });
    expect(sqlite.prepare('SELECT outcome, requested_by FROM day_close_checks ORDER BY id').all()).toEqual([
      { outcome: 'mismatch', requested_by: null },
      { outcome: 'behind', requested_by: 'hassan' },
      { outcome: 'match', requested_by: 'hassan' },
      { outcome: 'mismatch', requested_by: null },
    ]);
    expect(() => sqlite.prepare("UPDATE day_close_checks SET outcome = 'match'").run()).toThrow(/kept as received/);
    expect(() => sqlite.prepare('DELETE FROM day_close_checks').run()).toThrow(/kept as received/);
    expect(() => sqlite.prepare('DELETE FROM day_close_states').run()).toThrow(/never deleted/);
  });
});

describe('a day close through the contract, without a head office', () => {
  let t: CounterFixture;
  let offset = 0;
  let side: OpenedDatabase;
  const as = (username: string, secret: string) => t.signIn(username, secret);

  beforeAll(async () => {
    t = await startCounter({ clock: { now: () => new Date(Date.now() + offset) } });
    side = open(t.counter.databaseFile);
    const hassan = await as('hassan', '5678');
    await t.ok('safe.receiveCash', { operationId: uuid7(), amount: djf(100_000), reference: 'HO-1' }, hassan);
  });
  afterAll(async () => {
    await side?.db.destroy();
    await t?.close();
  });

  it('books the close at once and says plainly it waits for head office, and why', async () => {
    const hassan = await as('hassan', '5678');
    const closed = await t.ok('day.close', { operationId: uuid7(), safeCount: [{ denomination: 10000, quantity: 10 }] }, hassan);
    expect(closed.headOffice).toMatchObject({ dayCloseId: closed.id, state: 'awaiting-head-office', waitingFor: 'no-head-office', lastSeq: closed.lastSeq, decidedAt: null });
    const preview = await t.ok('day.preview', {}, hassan);
    expect(preview).toMatchObject({ alreadyClosed: true, headOffice: { state: 'awaiting-head-office' }, blockedBy: null });
    expect(preview.unconfirmed.map((c) => c.dayCloseId)).toEqual([closed.id]);
    // Compare now without a head office: nothing to ask, the close keeps waiting, nothing breaks.
    expect(await t.ok('day.compareNow', {}, hassan)).toMatchObject([{ dayCloseId: closed.id, state: 'awaiting-head-office', waitingFor: 'no-head-office' }]);
    const fatouma = await as('fatouma', '2468');
    expect((await t.ok('day.closes', {}, fatouma))[0]?.headOffice?.state).toBe('awaiting-head-office');
    const amina = await as('amina', '1234');
    expect(errorCode(await t.call('day.compareNow', {}, amina))).toBe('FORBIDDEN_ROLE');
    expect(errorCode(await t.call('day.compareNow', {}, fatouma))).toBe('FORBIDDEN_ROLE');
  });

  it('a close still waiting does not hold the next day (offline first)', async () => {
    offset += DAY;
    const hassan = await as('hassan', '5678');
    const second = await t.ok('day.close', { operationId: uuid7(), safeCount: [{ denomination: 10000, quantity: 10 }] }, hassan);
    expect(second.headOffice?.state).toBe('awaiting-head-office');
    expect((await t.ok('day.preview', {}, hassan)).unconfirmed).toHaveLength(2);
  });

  it('a close head office disputes refuses the next one until a comparison matches', async () => {
    const hassan = await as('hassan', '5678');
    const [latest] = await t.ok('day.closes', { limit: 1 }, hassan);
    const differences = [{ accountId: 'safe:DJF', branchDebits: 100_000, branchCredits: 0, headOfficeDebits: 100_007, headOfficeCredits: 0 }];
    recordVerdict(side.sqlite, latest!.id, { outcome: 'mismatch', hashMatches: true, differences, headOfficeSeq: latest!.lastSeq, comparisonId: 9 }, 'now', null);

    offset += DAY;
    const boss = await as('hassan', '5678');
    const preview = await t.ok('day.preview', {}, boss);
    expect(preview.blockedBy).toMatchObject({ dayCloseId: latest!.id, state: 'mismatch', waitingFor: null, hashMatches: true, differences });
    const count = [{ denomination: 10000, quantity: 10 }];
    const refused = refusal(await t.call('day.close', { operationId: uuid7(), safeCount: count }, boss));
    expect(refused).toMatchObject({ code: 'RULE_BROKEN', rule: 'day-close-blocked', details: { dayCloseId: latest!.id, businessDate: latest!.businessDate, differences } });
    // Nothing of the refused close was kept, and the refusal is in the audit trail.
    expect(await t.ok('day.closes', {}, boss)).toHaveLength(2);
    const audit = await t.ok('audit.list', { limit: 5, action: 'ledger.day-close' }, boss);
    expect(audit[0]).toMatchObject({ outcome: 'refused', details: { rule: 'day-close-blocked' } });
    // Trading goes on meanwhile.
    await t.ok('safe.receiveCash', { operationId: uuid7(), amount: djf(5_000), reference: 'HO-2' }, boss);

    recordVerdict(side.sqlite, latest!.id, { outcome: 'match', hashMatches: true, differences: [], headOfficeSeq: latest!.lastSeq, comparisonId: 10 }, 'later', 'hassan');
    const closed = await t.ok('day.close', { operationId: uuid7(), safeCount: [{ denomination: 5000, quantity: 1 }, ...count] }, boss);
    expect(closed.headOffice?.state).toBe('awaiting-head-office');
    expect((await t.ok('day.preview', {}, boss)).blockedBy).toBeNull();
  });
});
