import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { uuid7 } from '@shared/uuid7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '@shared/contract';
import { makeMoneyOrderNumber } from '@shared/money-order-number';
import { makeSalt, secretHash } from '../../../electron/services/money-orders/secret';
import { TEST_TARIFF } from '../../support/money-order-world';
import { djf, startMoneyOrdersCounter, startMoneyOrdersWorld, type MoneyOrdersCounter, type MoneyOrdersWorld } from '../../support/money-orders-counter';
import { eventually } from '../../support/savings-counter';

/**
 * Paying, cancelling and reimbursing money orders through the counterparty frame, head office's
 * lock as the reservation: two counters at two branches against one real head office, replies lost
 * on purpose in the loopback proxy. Cash leaves the drawer only on a durable confirmation.
 */
let world: MoneyOrdersWorld;
let a: MoneyOrdersCounter;
let b: MoneyOrdersCounter;
const secrets: string[] = [];
const APPROVAL = { username: 'hassan', secret: '5678' };
const PAYEE_PASSPORT = { type: 'passport' as const, number: 'P7654321', country: 'DJI' };

beforeAll(async () => {
  world = await startMoneyOrdersWorld(['DJ-DEMO', 'DJ-B']);
  a = await startMoneyOrdersCounter(world, 'DJ-DEMO');
  b = await startMoneyOrdersCounter(world, 'DJ-B');
  await a.cashIn(200_000);
  await b.cashIn(200_000);
}, 240_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
  await world?.close();
}, 120_000);

/** An order issued at A to a payee named with a passport, head office holding it at once. */
async function issuedAtA(amount = 12_000): Promise<Output<'moneyOrders.issue'>> {
  const issued = await a.issue(amount, { payee: { name: 'HASSAN OMAR', document: PAYEE_PASSPORT } });
  secrets.push(issued.secret!);
  return issued;
}

const payAt = (counter: MoneyOrdersCounter, number: string, secret: string, over: Record<string, unknown> = {}) =>
  counter.fixture.call('moneyOrders.pay', { operationId: uuid7(), sessionId: counter.till.sessionId, number, secret, document: PAYEE_PASSPORT, ...over }, counter.till.clerk);

const result = (response: Awaited<ReturnType<typeof payAt>>): Output<'moneyOrders.pay'> => {
  if (!response.ok) throw new Error(`${response.error.code} ${response.error.message}`);
  return response.result as Output<'moneyOrders.pay'>;
};

const headOffice = async (number: string) =>
  (await world.ho.staff.query<{ status: string; settled_branch: string | null }>('SELECT status, settled_branch FROM ho.money_orders WHERE number = $1', [number])).rows[0];

const transfers = (counter: MoneyOrdersCounter, number: string) => {
  const db = counter.branchDb();
  try {
    return db.prepare('SELECT code, flags, amount FROM ledger_transfers WHERE reference = ? ORDER BY seq').all(number);
  } finally {
    db.close();
  }
};

describe('paying a money order at another branch', () => {
  it('pays once at B what A issued; head office settles it when B’s booking replicates; a second payment is refused “paid”', async () => {
    const order = await issuedAtA();
    const paid = result(await payAt(b, order.number, order.secret!));
    expect(paid).toMatchObject({ purpose: 'pay', outcome: 'paid', amount: djf(12_000), feeRefunded: djf(0), refusal: null, replayed: false });
    // Two-phase at B: the pending payout then its post; A's issue transfers are A's own.
    expect(transfers(b, order.number)).toEqual([
      { code: 'money-order-payout', flags: 1, amount: 12_000 },
      { code: 'money-order-payout', flags: 2, amount: 12_000 },
    ]);
    // Sent again (a reload): where it stands, nothing paid twice.
    const again = result(await b.fixture.call('moneyOrders.pay', { operationId: paid.operationId, sessionId: b.till.sessionId, number: order.number, secret: order.secret, document: PAYEE_PASSPORT }, b.till.clerk));
    expect(again).toMatchObject({ outcome: 'paid', replayed: true });
    const db = b.branchDb();
    expect(db.prepare('SELECT count(*) FROM print_jobs WHERE reference = ?').pluck().get(paid.operationId)).toBe(1);
    db.close();

    expect(await headOffice(order.number)).toEqual({ status: 'locked', settled_branch: null });
    await b.syncAll();
    expect(await headOffice(order.number)).toEqual({ status: 'paid', settled_branch: 'DJ-B' });
    const seen = await a.fixture.ok('moneyOrders.find', { number: order.number }, a.till.clerk);
    expect(seen).toMatchObject({ source: 'head-office', status: 'paid', paidBranch: 'DJ-B' });

    const second = result(await payAt(a, order.number, order.secret!));
    expect(second).toMatchObject({ outcome: 'refused', refusal: 'paid', refusalBranch: 'DJ-B' });
    expect(second.refusalAt).not.toBeNull();
    // Refused: the reservation at A voided, nothing left the drawer.
    expect(transfers(a, order.number).filter((t) => (t as { code: string }).code === 'money-order-payout')).toEqual([
      { code: 'money-order-payout', flags: 1, amount: 12_000 },
      { code: 'money-order-payout', flags: 4, amount: 12_000 },
    ]);
  });

  it('refuses a wrong secret and a document that is not the payee’s, paying nothing', async () => {
    const order = await issuedAtA();
    const wrong = order.secret === '00000000' ? '00000001' : '00000000';
    expect(result(await payAt(b, order.number, wrong))).toMatchObject({ outcome: 'refused', refusal: 'wrong-secret' });
    expect(result(await payAt(b, order.number, order.secret!, { document: { type: 'passport', number: 'P0000000', country: 'DJI' } }))).toMatchObject({ outcome: 'refused', refusal: 'wrong-document' });
    // Neither took the order: the right payee is paid after.
    expect(result(await payAt(b, order.number, order.secret!))).toMatchObject({ outcome: 'paid' });
  });

  it('says “being paid at B” while B’s lock is unanswered; B resolves by the same id and hands the cash over once', async () => {
    const order = await issuedAtA();
    // B's resolver will ask by the same id; its question waits in the proxy until A has tried.
    const asking = b.proxy.holdRequestsTo('money_order_operation');
    const dropped = b.proxy.dropNextReplyTo('money_order_lock');
    const waiting = result(await payAt(b, order.number, order.secret!));
    await dropped;
    expect(waiting.outcome).toBe('waiting');
    let db = b.branchDb();
    expect(db.prepare('SELECT count(*) FROM print_jobs WHERE reference = ?').pluck().get(`${waiting.operationId}/incident`)).toBe(1);
    expect(db.prepare("SELECT flags FROM ledger_transfers WHERE reference = ? AND code = 'money-order-payout'").pluck().all(order.number)).toEqual([1]);
    db.close();

    // Head office locked it for B: A is told where it is being paid.
    const elsewhere = result(await payAt(a, order.number, order.secret!));
    expect(elsewhere).toMatchObject({ outcome: 'refused', refusal: 'being-paid', refusalBranch: 'DJ-B' });

    asking.release();
    await b.syncOnline();
    // The resolver asks by the same id: confirmed, waiting in the list as "to pay" (it never opens the drawer).
    await eventually(async () => (await b.fixture.ok('counterparty.waiting', {}, b.till.clerk)).operations.some((o) => o.operationId === waiting.operationId && o.toHandOver), 'confirmed to hand over');
    const handed = await b.fixture.ok('counterparty.handOver', { operationId: waiting.operationId }, b.till.clerk);
    expect(handed).toMatchObject({ state: 'confirmed', toHandOver: false });
    const twice = await b.fixture.call('counterparty.handOver', { operationId: waiting.operationId }, b.till.clerk);
    expect(!twice.ok && twice.error.details?.rule).toBe('already-handed-over');
    const pressed = result(await b.fixture.call('moneyOrders.pay', { operationId: waiting.operationId, sessionId: b.till.sessionId, number: order.number, secret: order.secret, document: PAYEE_PASSPORT }, b.till.clerk));
    expect(pressed).toMatchObject({ outcome: 'paid', replayed: true });
    db = b.branchDb();
    expect(db.prepare("SELECT flags FROM ledger_transfers WHERE reference = ? AND code = 'money-order-payout'").pluck().all(order.number)).toEqual([1, 2]);
    expect(db.prepare('SELECT count(*) FROM print_jobs WHERE reference = ?').pluck().get(waiting.operationId)).toBe(1);
    db.close();
    await b.syncAll();
    expect(await headOffice(order.number)).toEqual({ status: 'paid', settled_branch: 'DJ-B' });
  });
});

describe('an incoming international order', () => {
  it('is listed at the branch head office published it to, and paid there with the same lock', async () => {
    const first = await world.staff.nextFreeSerial();
    await world.staff.allocateRange(null, first, first + 9);
    const salt = makeSalt();
    const secret = '31415926';
    secrets.push(secret);
    const number = makeMoneyOrderNumber(first);
    await world.staff.receiveInternational({
      number,
      payeeBranch: 'DJ-B',
      sender: { name: 'JEAN MARTIN', country: 'FR' },
      payee: { name: 'HASSAN OMAR', document_type: 'passport', document_number: PAYEE_PASSPORT.number, document_country: 'DJI' },
      amount: 25_000,
      currency: 'DJF',
      exchangeReference: 'IFS-2026-000123',
      secretSalt: salt,
      secretHash: await secretHash(secret, salt),
      expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    await b.syncAll();
    await a.syncAll();
    const listed = await b.fixture.ok('moneyOrders.incoming', {}, b.till.clerk);
    expect(listed).toEqual([
      expect.objectContaining({ number, payeeBranch: 'DJ-B', amount: djf(25_000), exchangeReference: 'IFS-2026-000123', sender: { name: 'JEAN MARTIN', country: 'FR' } }),
    ]);
    // Published to B only: A does not list it.
    expect((await a.fixture.ok('moneyOrders.incoming', {}, a.till.clerk)).map((o) => o.number)).not.toContain(number);
    expect(result(await payAt(b, number, secret))).toMatchObject({ outcome: 'paid', amount: djf(25_000) });
    await b.syncAll();
    expect(await headOffice(number)).toEqual({ status: 'paid', settled_branch: 'DJ-B' });
  });
});

describe('cancelling and reimbursing', () => {
  it('cancels with a supervisor’s approval and the sender’s document, refunds the amount (the tariff keeps the fee), and then refuses payment', async () => {
    const sender = await a.customer('CANCEL01');
    const order = await a.issue(9_000, { senderId: sender.id });
    secrets.push(order.secret!);
    const input = { operationId: uuid7(), sessionId: b.till.sessionId, number: order.number, document: { type: 'identity-card' as const, number: 'CANCEL01', country: 'DJI' } };
    const asked = await b.fixture.call('moneyOrders.cancel', input, b.till.clerk);
    expect(!asked.ok && asked.error.code).toBe('APPROVAL_REQUIRED');
    const stranger = await b.fixture.call('moneyOrders.cancel', { ...input, operationId: uuid7(), document: { type: 'identity-card', number: 'SOMEONE', country: 'DJI' } }, b.till.clerk, APPROVAL);
    expect(stranger.ok && stranger.result).toMatchObject({ outcome: 'refused', refusal: 'wrong-document' });
    const cancelled = await b.fixture.call('moneyOrders.cancel', input, b.till.clerk, APPROVAL);
    expect(cancelled.ok && cancelled.result).toMatchObject({ purpose: 'cancel', outcome: 'paid', amount: djf(9_000), feeRefunded: djf(0), approver: 'hassan' });
    expect(transfers(b, order.number)).toEqual([
      { code: 'money-order-refund', flags: 1, amount: 9_000 },
      { code: 'money-order-refund', flags: 4, amount: 9_000 },
      { code: 'money-order-refund', flags: 1, amount: 9_000 },
      { code: 'money-order-refund', flags: 2, amount: 9_000 },
    ]);
    await b.syncAll();
    expect(await headOffice(order.number)).toEqual({ status: 'cancelled', settled_branch: 'DJ-B' });
    expect(result(await payAt(a, order.number, order.secret!))).toMatchObject({ outcome: 'refused', refusal: 'cancelled', refusalBranch: 'DJ-B' });
    const early = await a.fixture.call('moneyOrders.reimburse', { ...input, operationId: uuid7(), sessionId: a.till.sessionId }, a.till.clerk, APPROVAL);
    expect(early.ok && early.result).toMatchObject({ outcome: 'refused', refusal: 'cancelled' });
  });

  it('refunds the fee too when head office’s tariff says a cancellation does', async () => {
    await world.staff.publishTariff('domestic', { ...TEST_TARIFF, cancel_refunds_fee: true });
    await a.syncAll();
    await b.syncAll();
    const sender = await a.customer('CANCEL02');
    const order = await a.issue(9_000, { senderId: sender.id });
    secrets.push(order.secret!);
    const cancelled = await a.fixture.call(
      'moneyOrders.cancel',
      { operationId: uuid7(), sessionId: a.till.sessionId, number: order.number, document: { type: 'identity-card', number: 'CANCEL02', country: 'DJI' } },
      a.till.clerk,
      APPROVAL,
    );
    expect(cancelled.ok && cancelled.result).toMatchObject({ outcome: 'paid', amount: djf(9_000), feeRefunded: djf(300) });
    expect(transfers(a, order.number)).toEqual([
      { code: 'money-order-issue', flags: 0, amount: 9_000 },
      { code: 'money-order-fee', flags: 0, amount: 300 },
      { code: 'money-order-refund', flags: 1, amount: 9_000 },
      { code: 'money-order-fee-refund', flags: 1, amount: 300 },
      { code: 'money-order-refund', flags: 2, amount: 9_000 },
      { code: 'money-order-fee-refund', flags: 2, amount: 300 },
    ]);
    await world.staff.publishTariff('domestic', TEST_TARIFF);
    await a.syncAll();
    await b.syncAll();
  });

  it('an expired order is neither paid nor cancelled, and is reimbursed to its sender', async () => {
    const sender = await a.customer('EXPIRE01');
    const order = await a.issue(7_000, { senderId: sender.id });
    secrets.push(order.secret!);
    const document = { type: 'identity-card' as const, number: 'EXPIRE01', country: 'DJI' };
    const before = await a.fixture.call('moneyOrders.reimburse', { operationId: uuid7(), sessionId: a.till.sessionId, number: order.number, document }, a.till.clerk, APPROVAL);
    expect(before.ok && before.result).toMatchObject({ outcome: 'refused', refusal: 'not-expired' });
    // Its validity has run out (head office's clock decides: staff move the expiry into the past for the test).
    await world.ho.staff.query("UPDATE ho.money_orders SET expires_at = now() - interval '1 minute', issued_at = now() - interval '91 days' WHERE number = $1", [order.number]);
    expect(await b.fixture.ok('moneyOrders.find', { number: order.number }, b.till.clerk)).toMatchObject({ status: 'expired' });
    expect(result(await payAt(b, order.number, order.secret!))).toMatchObject({ outcome: 'refused', refusal: 'expired' });
    const cancel = await b.fixture.call('moneyOrders.cancel', { operationId: uuid7(), sessionId: b.till.sessionId, number: order.number, document }, b.till.clerk, APPROVAL);
    expect(cancel.ok && cancel.result).toMatchObject({ outcome: 'refused', refusal: 'expired' });
    const reimbursed = await b.fixture.call('moneyOrders.reimburse', { operationId: uuid7(), sessionId: b.till.sessionId, number: order.number, document }, b.till.clerk, APPROVAL);
    expect(reimbursed.ok && reimbursed.result).toMatchObject({ purpose: 'reimburse', outcome: 'paid', amount: djf(7_000), feeRefunded: djf(0), approver: 'hassan' });
    await b.syncAll();
    expect(await headOffice(order.number)).toEqual({ status: 'reimbursed', settled_branch: 'DJ-B' });
  });

  it('counts the till’s money orders in its Z report', async () => {
    const report = await b.fixture.ok('till.zReport', { sessionId: b.till.sessionId }, await b.fixture.signIn('hassan', '5678'));
    expect(report.moneyOrders.paid.count).toBeGreaterThanOrEqual(4);
    expect(report.moneyOrders.cancelled).toEqual({ count: 1, amount: djf(9_000) });
    expect(report.moneyOrders.reimbursed).toEqual({ count: 1, amount: djf(7_000) });
    expect(report.moneyOrders.issued).toEqual({ count: 0, amount: djf(0) });
    const atA = await a.fixture.ok('till.zReport', { sessionId: a.till.sessionId }, await a.fixture.signIn('hassan', '5678'));
    expect(atA.moneyOrders.issued.count).toBe((await a.fixture.ok('moneyOrders.issued', { limit: 200, sessionId: a.till.sessionId }, a.till.clerk)).length);
    expect(atA.moneyOrders.issued.count).toBe(6);
    expect(atA.moneyOrders.feesRefunded).toEqual({ count: 1, amount: djf(300) });
    expect(atA.moneyOrders.cancelled).toEqual({ count: 1, amount: djf(9_000) });
  });
});

describe('the secret', () => {
  it('is never in a log, an audit detail, or another answer; its hash neither', async () => {
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    for (const counter of [a, b]) {
      const logs = join(counter.fixture.dataDir, 'logs');
      const text = readdirSync(logs).map((file) => readFileSync(join(logs, file), 'utf8')).join('\n');
      const db = counter.branchDb();
      const audit = db.prepare('SELECT action, subject, details FROM audit_log').all().map((row) => JSON.stringify(row)).join('\n');
      const hashes = db.prepare("SELECT json_extract(payload, '$.secret_hash') FROM register_outbox WHERE kind = 'money-order'").pluck().all() as string[];
      const answers = JSON.stringify(await counter.fixture.ok('moneyOrders.issued', { limit: 200 }, counter.till.clerk));
      db.close();
      expect(text.length).toBeGreaterThan(0);
      for (const secret of secrets) {
        expect(text).not.toContain(secret);
        expect(audit).not.toContain(secret);
        expect(answers).not.toContain(secret);
      }
      for (const hash of hashes) {
        expect(text).not.toContain(hash);
        expect(audit).not.toContain(hash);
      }
    }
  });
});
