import Database from 'better-sqlite3';
import type { Input } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCounter, type CounterFixture } from '../../support/counter-fixture';
import { startTestHeadOffice, type TestHeadOffice } from '../../support/head-office';
import { postgresServer } from '../../support/postgres';
import { allocateNumbers, publishProduct, TEST_PRODUCT } from '../../support/savings-world';
import { FaultyProxy } from '../../support/tcp-proxy';
import { openDemoTill, type OpenTill } from '../../support/trading-day';

/** Opening, deposits and withdrawals at the window against a real head office, through the router. */
let ho: TestHeadOffice;
let proxy: FaultyProxy;
let fixture: CounterFixture;
let till: OpenTill;
let supervisor: string;

const djf = (minor: number) => ({ minor, currency: 'DJF' });
const customer = (documentNumber: string): Input<'customers.register'> => ({
  customerId: uuid7(),
  familyName: 'Houssein',
  givenNames: 'Fatouma Ali',
  birthDate: '1988-04-12',
  document: { type: 'identity-card', number: documentNumber, country: 'DJI', expiry: '2030-01-31' },
  phone: '77123456',
  kycTier: 'basic',
});
async function syncOnline() {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    if ((await fixture.ok('replication.syncNow', {}, till.clerk)).state === 'online') return;
  }
  throw new Error('the link did not come back');
}
const branchDb = () => new Database(fixture.counter.databaseFile, { readonly: true });

beforeAll(async () => {
  ho = await startTestHeadOffice();
  const role = (await ho.addBranch('DJ-DEMO')).role;
  await publishProduct(ho.staff);
  await allocateNumbers(ho.staff, 'DJ-DEMO', 20);
  await ho.staff.query(`SELECT ho.publish_item('kyc-tier', 'basic', NULL, '{"rank":1,"name":{"fr":"Base","en":"Basic","ar":"أساسي"},"currency":"DJF","limits":{}}'::jsonb, 'hq')`);
  const server = await postgresServer();
  proxy = new FaultyProxy(server.host, server.port);
  await proxy.start();
  fixture = await startCounter({
    headOffice: { mode: 'configured', host: '127.0.0.1', port: proxy.port, database: ho.database.name, user: role, sslmode: 'disable', caFile: null, certFile: null, keyFile: null },
    replicationStartDelayMs: 0,
    // The resolver asks quickly in tests; production backs off from a second.
    counterpartyTiming: { tickMs: 50, retry: { baseMs: 20, maxMs: 200 } },
  });
  till = await openDemoTill(fixture);
  supervisor = await fixture.signIn('hassan', '5678');
  await syncOnline();
}, 180_000);
afterAll(async () => {
  await fixture?.close();
  await proxy?.stop();
  await ho?.close();
}, 120_000);

/** A customer registered here and an account opened for her with 20,000 Fdj, credited at head office. */
async function openedAccount(documentNumber: string): Promise<{ accountNumber: string; document: { type: 'identity-card'; number: string } }> {
  const registered = await fixture.ok('customers.register', customer(documentNumber), till.clerk);
  const opened = await fixture.ok(
    'savings.open',
    { operationId: uuid7(), sessionId: till.sessionId, customerId: registered.id, productCode: TEST_PRODUCT.code, openingDeposit: djf(20_000), tendered: djf(20_000) },
    till.clerk,
  );
  await syncOnline();
  await fixture.ok('replication.syncNow', {}, till.clerk);
  return { accountNumber: opened.account.accountNumber, document: { type: 'identity-card', number: documentNumber } };
}

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
