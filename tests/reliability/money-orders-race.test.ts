// Two windows acting on one money order at the same moment, at two branches against one real
// PostgreSQL head office: head office's row lock serves them one after the other, so exactly one
// pays (a payment, or a cancellation's refund) and the other is told where it is being paid. After
// both branches' bookings replicate, head office settled the order once, for the branch that paid.
import { uuid7 } from '@shared/uuid7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResponse, Output } from '@shared/contract';
import { djf, startMoneyOrdersCounter, startMoneyOrdersWorld, type MoneyOrdersCounter, type MoneyOrdersWorld } from '../support/money-orders-counter';

const ORDERS = 6;
const PASSPORT = { type: 'passport' as const, number: 'P1234567', country: 'DJI' };
let world: MoneyOrdersWorld;
let a: MoneyOrdersCounter;
let b: MoneyOrdersCounter;

beforeAll(async () => {
  world = await startMoneyOrdersWorld(['DJ-DEMO', 'DJ-B']);
  a = await startMoneyOrdersCounter(world, 'DJ-DEMO');
  b = await startMoneyOrdersCounter(world, 'DJ-B');
  await a.cashIn(500_000);
  await b.cashIn(500_000);
}, 240_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
  await world?.close();
}, 120_000);

const outcomeOf = (response: CallResponse): Output<'moneyOrders.pay'> => {
  if (!response.ok) throw new Error(`${response.error.code} ${response.error.message}`);
  return response.result as Output<'moneyOrders.pay'>;
};

const pay = (counter: MoneyOrdersCounter, number: string, secret: string) =>
  counter.fixture.call('moneyOrders.pay', { operationId: uuid7(), sessionId: counter.till.sessionId, number, secret, document: PASSPORT }, counter.till.clerk);

const postedPayouts = (counter: MoneyOrdersCounter, number: string, code: string) => {
  const db = counter.branchDb();
  try {
    return db.prepare('SELECT count(*) FROM ledger_transfers WHERE reference = ? AND code = ? AND flags = 2').pluck().get(number, code) as number;
  } finally {
    db.close();
  }
};

async function settledAtHeadOffice(number: string) {
  const { rows } = await world.ho.staff.query<{ status: string; settled_branch: string | null; settled_locks: string }>(
    `SELECT o.status, o.settled_branch, (SELECT count(*) FROM ho.money_order_locks l WHERE l.number = o.number AND l.status = 'settled') AS settled_locks
       FROM ho.money_orders o WHERE o.number = $1`,
    [number],
  );
  return rows[0]!;
}

const noDoublePayout = async () =>
  expect((await world.ho.staff.query("SELECT kind FROM ho.alarms WHERE kind LIKE 'money-order-%'")).rows).toEqual([]);

describe('one money order, two windows at once', () => {
  it(`two branches paying the same order at the same moment: exactly one pays, ${ORDERS} times`, async () => {
    for (let i = 0; i < ORDERS; i += 1) {
      const order = await a.issue(5_000 + i, { payee: { name: 'HASSAN OMAR', document: PASSPORT } });
      const [atA, atB] = (await Promise.all([pay(a, order.number, order.secret!), pay(b, order.number, order.secret!)])).map(outcomeOf);
      const outcomes = [atA!, atB!];
      expect(outcomes.filter((o) => o.outcome === 'paid')).toHaveLength(1);
      const loser = outcomes.find((o) => o.outcome !== 'paid')!;
      const winner = atA!.outcome === 'paid' ? a : b;
      // Being paid there — or already paid, when the winner's booking replicated first.
      expect(loser).toMatchObject({ outcome: 'refused', refusalBranch: winner.code });
      expect(['being-paid', 'paid']).toContain(loser.refusal);
      await a.syncAll();
      await b.syncAll();
      expect(await settledAtHeadOffice(order.number)).toEqual({ status: 'paid', settled_branch: winner.code, settled_locks: '1' });
      expect(postedPayouts(a, order.number, 'money-order-payout') + postedPayouts(b, order.number, 'money-order-payout')).toBe(1);
    }
    await noDoublePayout();
  }, 300_000);

  it(`a cancellation racing a payment: exactly one gives the cash out, and head office agrees, ${ORDERS} times`, async () => {
    const winners = new Set<string>();
    for (let i = 0; i < ORDERS; i += 1) {
      const document = `RACE${i}`;
      const sender = await a.customer(document);
      const order = await a.issue(6_000 + i, { senderId: sender.id, payee: { name: 'HASSAN OMAR', document: PASSPORT } });
      const cancel = a.fixture.call(
        'moneyOrders.cancel',
        { operationId: uuid7(), sessionId: a.till.sessionId, number: order.number, document: { type: 'identity-card', number: document, country: 'DJI' } },
        a.till.clerk,
        { username: 'hassan', secret: '5678' },
      );
      const [cancelled, paid] = (await Promise.all([cancel, pay(b, order.number, order.secret!)])).map(outcomeOf);
      expect([cancelled!.outcome, paid!.outcome].filter((o) => o === 'paid')).toHaveLength(1);
      const cancelWon = cancelled!.outcome === 'paid';
      winners.add(cancelWon ? 'cancel' : 'pay');
      const loser = cancelWon ? paid! : cancelled!;
      expect(loser).toMatchObject({ outcome: 'refused', refusalBranch: cancelWon ? 'DJ-DEMO' : 'DJ-B' });
      expect(['being-paid', cancelWon ? 'cancelled' : 'paid']).toContain(loser.refusal);
      await a.syncAll();
      await b.syncAll();
      expect(await settledAtHeadOffice(order.number)).toEqual(
        cancelWon ? { status: 'cancelled', settled_branch: 'DJ-DEMO', settled_locks: '1' } : { status: 'paid', settled_branch: 'DJ-B', settled_locks: '1' },
      );
      expect(postedPayouts(a, order.number, 'money-order-refund')).toBe(cancelWon ? 1 : 0);
      expect(postedPayouts(b, order.number, 'money-order-payout')).toBe(cancelWon ? 0 : 1);
    }
    await noDoublePayout();
    // Which side wins is the race's; either way exactly one did, every time.
    expect(winners.size).toBeGreaterThanOrEqual(1);
  }, 300_000);

  it('the branch that lost the race sees the order as it stands', async () => {
    const order = await a.issue(4_000, { payee: { name: 'HASSAN OMAR', document: PASSPORT } });
    outcomeOf(await pay(b, order.number, order.secret!));
    await b.syncAll();
    expect(await a.fixture.ok('moneyOrders.find', { number: order.number }, a.till.clerk)).toMatchObject({ status: 'paid', paidBranch: 'DJ-B', amount: djf(4_000) });
  });
});
