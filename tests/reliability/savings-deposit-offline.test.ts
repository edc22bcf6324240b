// A deposit taken at the window while the link is down, pushed when it returns, the push's reply
// lost once and the batch sent again: a real counter through the router, a real PostgreSQL head
// office behind the loopback proxy. Head office credits the account exactly once.
import { uuid7 } from '@shared/uuid7';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { accountAtHeadOffice, djf, startSavingsCounter, startSavingsHeadOffice, type SavingsCounter, type SavingsHeadOffice } from '../support/savings-counter';

let world: SavingsHeadOffice;
let counter: SavingsCounter;

beforeAll(async () => {
  world = await startSavingsHeadOffice();
  counter = await startSavingsCounter(world);
}, 180_000);
afterAll(async () => {
  await counter?.close();
  await world?.close();
}, 120_000);

it('an offline deposit is credited exactly once after reconnection, though the first push’s reply was lost', async () => {
  const { accountNumber } = await counter.openedAccount('DJ400001');
  const { fixture, till } = counter;
  const { proxy, ho } = world;

  proxy.setDown(true);
  let dropped: Promise<void> | null = null;
  try {
    for (let i = 0; i < 20 && fixture.counter.status().headOffice?.state === 'online'; i += 1) await fixture.call('replication.syncNow', {}, till.clerk);
    expect(fixture.counter.status().headOffice?.state).not.toBe('online');
    const deposited = await fixture.ok('savings.deposit', { operationId: uuid7(), sessionId: till.sessionId, accountNumber, amount: djf(7_000) }, till.clerk);
    expect(deposited.credited).toBe('when-link-returns');
    expect((await fixture.ok('savings.account', { accountNumber }, till.clerk)).waitingDeposits).toEqual(djf(7_000));
  } finally {
    // The link returns; head office takes the first push and its answer is lost on the way back.
    dropped = proxy.dropNextReplyTo('ho.push');
    proxy.setDown(false);
  }
  await dropped;
  const db = counter.branchDb();
  const transferId = db.prepare("SELECT id FROM ledger_transfers WHERE code = 'savings-deposit' AND reference = ? ORDER BY seq DESC LIMIT 1").pluck().get(accountNumber) as string;
  db.close();
  // Head office committed the batch (and credited the account) though the branch never heard so.
  const lines = () => ho.staff.query<{ n: string }>("SELECT count(*) AS n FROM ho.savings_lines WHERE transfer_id = $1 AND kind = 'deposit'", [transferId]);
  expect(Number((await lines()).rows[0]!.n)).toBe(1);

  // The branch sends the same batch again: duplicates, nothing credited twice.
  await counter.syncAll();
  expect(Number((await lines()).rows[0]!.n)).toBe(1);
  expect(Number((await ho.staff.query<{ n: string }>('SELECT count(*) AS n FROM ho.transfers WHERE id = $1', [transferId])).rows[0]!.n)).toBe(1);
  expect(await accountAtHeadOffice(ho, accountNumber)).toEqual({ balance: 27_000, held: 0 });
  expect(await fixture.ok('savings.account', { accountNumber }, till.clerk)).toMatchObject({ live: true, balance: djf(27_000), waitingDeposits: djf(0) });
  expect((await ho.staff.query('SELECT ho.savings_check_balances() AS r')).rows[0]).toEqual({ r: [] });
  expect((await ho.staff.query("SELECT kind FROM ho.alarms WHERE kind LIKE 'savings-%'")).rows).toEqual([]);
});
