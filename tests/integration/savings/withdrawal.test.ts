import { uuid7 } from '@shared/uuid7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CounterFixture } from '../../support/counter-fixture';
import { djf, startSavingsCounter, startSavingsHeadOffice, type SavingsCounter, type SavingsHeadOffice } from '../../support/savings-counter';
import type { FaultyProxy } from '../../support/tcp-proxy';
import type { TestHeadOffice } from '../../support/head-office';
import type { OpenTill } from '../../support/trading-day';

/** Opening, deposits and withdrawals at the window against a real head office, through the router. */
let world: SavingsHeadOffice;
let counter: SavingsCounter;
let ho: TestHeadOffice;
let proxy: FaultyProxy;
let fixture: CounterFixture;
let till: OpenTill;
let supervisor: string;

const syncOnline = () => counter.syncOnline();
const branchDb = () => counter.branchDb();
const openedAccount = (documentNumber: string) => counter.openedAccount(documentNumber);

beforeAll(async () => {
  world = await startSavingsHeadOffice();
  ({ ho, proxy } = world);
  counter = await startSavingsCounter(world);
  ({ fixture, till } = counter);
  supervisor = await fixture.signIn('hassan', '5678');
}, 180_000);
afterAll(async () => {
  await counter?.close();
  await world?.close();
}, 120_000);

describe('postal savings against head office', () => {
  it('opens an account with its deposit, credits it once at head office, and pays a withdrawal head office held', async () => {
    const { accountNumber, document } = await openedAccount('DJ100001');
    const live = await fixture.ok('savings.account', { accountNumber }, till.clerk);
    expect(live).toMatchObject({ live: true, status: 'active', balance: djf(20_000), available: djf(20_000), waitingDeposits: djf(0) });

    const operationId = uuid7();
    const paid = await fixture.ok('savings.withdraw', { operationId, sessionId: till.sessionId, accountNumber, amount: djf(5_000), document }, till.clerk);
    expect(paid).toMatchObject({ outcome: 'paid', refusal: null, replayed: false });
    // Sent again (a reload): where it stands, nothing paid twice.
    expect(await fixture.ok('savings.withdraw', { operationId, sessionId: till.sessionId, accountNumber, amount: djf(5_000), document }, till.clerk)).toMatchObject({
      outcome: 'paid',
      replayed: true,
    });
    const db = branchDb();
    const rows = db.prepare("SELECT flags, amount FROM ledger_transfers WHERE code = 'savings-withdrawal' ORDER BY seq").all();
    expect(rows).toEqual([
      { flags: 1, amount: 5_000 },
      { flags: 2, amount: 5_000 },
    ]);
    // One receipt for the cash handed over, not a second one for the resend.
    expect(db.prepare('SELECT count(*) AS n FROM print_jobs WHERE reference = ?').get(operationId)).toMatchObject({ n: 1 });
    db.close();

    await fixture.ok('replication.syncNow', {}, till.clerk);
    const after = await fixture.ok('savings.account', { accountNumber }, till.clerk);
    expect(after).toMatchObject({ balance: djf(15_000), available: djf(15_000) });
  });

  it('refuses more than the available balance with head office’s reason, and voids the reservation', async () => {
    const { accountNumber, document } = await openedAccount('DJ100002');
    const refused = await fixture.ok('savings.withdraw', { operationId: uuid7(), sessionId: till.sessionId, accountNumber, amount: djf(19_900), document }, till.clerk);
    expect(refused.outcome).toBe('refused');
    expect(refused.refusal).toMatch(/below-minimum-balance|insufficient-available|above-daily-limit/);
    const db = branchDb();
    const flags = db.prepare("SELECT flags FROM ledger_transfers WHERE code = 'savings-withdrawal' AND reference = ? ORDER BY seq").pluck().all(accountNumber);
    expect(flags).toEqual([1, 4]);
    db.close();
  });

  it('refuses another person’s document and asks a supervisor above the threshold', async () => {
    const { accountNumber, document } = await openedAccount('DJ100003');
    const stranger = await fixture.call('savings.withdraw', { operationId: uuid7(), sessionId: till.sessionId, accountNumber, amount: djf(1_000), document: { type: 'identity-card', number: 'XX999' } }, till.clerk);
    expect(!stranger.ok && stranger.error.details?.rule).toBe('not-the-holder');
    const limit = (await fixture.ok('till.config', {}, till.clerk)).approvalAbove.paidOut;
    await fixture.ok('savings.deposit', { operationId: uuid7(), sessionId: till.sessionId, accountNumber, amount: djf(limit + 10_000) }, till.clerk);
    await fixture.ok('replication.syncNow', {}, till.clerk);
    const big = { operationId: uuid7(), sessionId: till.sessionId, accountNumber, amount: djf(limit + 1), document };
    const asked = await fixture.call('savings.withdraw', big, till.clerk);
    expect(!asked.ok && asked.error.code).toBe('APPROVAL_REQUIRED');
    const approved = await fixture.call('savings.withdraw', big, till.clerk, { username: 'hassan', secret: '5678' });
    expect(approved.ok && approved.result).toMatchObject({ outcome: 'paid' });
    void supervisor;
  });

  it('pays nothing when head office’s reply is lost: the withdrawal waits, then resolves by asking with the same id', async () => {
    const { accountNumber, document } = await openedAccount('DJ100004');
    const dropped = proxy.dropNextReplyTo('savings_reserve');
    const operationId = uuid7();
    const waiting = await fixture.ok('savings.withdraw', { operationId, sessionId: till.sessionId, accountNumber, amount: djf(2_000), document }, till.clerk);
    expect(waiting.outcome).toBe('waiting');
    await dropped;
    const db = branchDb();
    expect(db.prepare("SELECT flags FROM ledger_transfers WHERE code = 'savings-withdrawal' AND reference = ?").pluck().all(accountNumber)).toEqual([1]);
    // The incident receipt is queued; no cash receipt, no drawer.
    expect(db.prepare("SELECT count(*) FROM print_jobs WHERE reference = ?").pluck().get(`${operationId}/incident`)).toBe(1);
    db.close();
    await syncOnline();
    // Asked again by the same id (the resolver, or the clerk pressing again): head office held it
    // once, and the clerk's press pays it now.
    let view = await fixture.ok('savings.withdraw', { operationId, sessionId: till.sessionId, accountNumber, amount: djf(2_000), document }, till.clerk);
    for (let i = 0; i < 50 && view.outcome === 'waiting'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      view = await fixture.ok('savings.withdraw', { operationId, sessionId: till.sessionId, accountNumber, amount: djf(2_000), document }, till.clerk);
    }
    expect(view.outcome).toBe('paid');
    const paid = branchDb();
    expect(paid.prepare("SELECT flags FROM ledger_transfers WHERE code = 'savings-withdrawal' AND reference = ? ORDER BY seq").pluck().all(accountNumber)).toEqual([1, 2]);
    paid.close();
    const holds = await ho.staff.query<{ n: string }>('SELECT count(*) AS n FROM ho.savings_holds WHERE operation_id = $1', [operationId]);
    expect(Number(holds.rows[0]!.n)).toBe(1);
  });

  it('refuses a withdrawal with the reason in words while the link is down, and still takes deposits', async () => {
    const { accountNumber, document } = await openedAccount('DJ100005');
    proxy.setDown(true);
    try {
      for (let i = 0; i < 10 && fixture.counter.status().headOffice?.state === 'online'; i += 1) await fixture.call('replication.syncNow', {}, till.clerk);
      const refused = await fixture.call('savings.withdraw', { operationId: uuid7(), sessionId: till.sessionId, accountNumber, amount: djf(1_000), document }, till.clerk);
      expect(!refused.ok && refused.error.details?.rule).toBe('withdrawal-needs-head-office');
      const deposited = await fixture.ok('savings.deposit', { operationId: uuid7(), sessionId: till.sessionId, accountNumber, amount: djf(3_000) }, till.clerk);
      expect(deposited.credited).toBe('when-link-returns');
      expect((await fixture.ok('savings.account', { accountNumber }, till.clerk)).waitingDeposits).toEqual(djf(3_000));
    } finally {
      proxy.setDown(false);
    }
    await syncOnline();
    await fixture.ok('replication.syncNow', {}, till.clerk);
    expect(await fixture.ok('savings.account', { accountNumber }, till.clerk)).toMatchObject({ balance: djf(23_000), waitingDeposits: djf(0) });
  });
});
