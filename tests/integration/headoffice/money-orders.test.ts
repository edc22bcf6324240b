import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuid7 } from '@shared/uuid7';
import { makeMoneyOrderNumber } from '@shared/money-order-number';
import { HeadOfficeApi } from '../../../electron/services/headoffice/head-office-api';
import { connectPostgres } from '../../../electron/services/headoffice/postgres-connection';
import {
  HeadOfficeMoneyOrdersApi,
  HeadOfficeMoneyOrdersStaff,
  MoneyOrderIncomingItem,
  MoneyOrderTariff,
  type MoneyOrderLockAnswer,
  type MoneyOrderLockRequest,
} from '../../../electron/services/headoffice/money-orders-api';
import type { SqlConnection } from '../../../electron/services/headoffice/sql-runner';
import { openTestBranchLedger, type TestBranchLedger } from '../../support/branch-ledger';
import { startTestHeadOffice, type TestHeadOffice } from '../../support/head-office';
import {
  makeSecret,
  MoneyOrderBookings,
  orderRecord,
  PAYEE_DOCUMENT,
  pushBookings,
  RegisterStream,
  SENDER_DOCUMENT,
  secretProof,
  TEST_TARIFF,
  type OrderRecord,
} from '../../support/money-order-world';
import { alarmsOf } from '../../support/savings-world';
import { makeTempDir } from '../../support/temp-dir';

/** Head office's money orders, end to end on a real PostgreSQL with real branch ledgers pushing. */
let ho: TestHeadOffice;
let staff: HeadOfficeMoneyOrdersStaff;
const links: Record<'MA' | 'MB' | 'MC', SqlConnection> = {} as never;
const apis: Record<'MA' | 'MB' | 'MC', HeadOfficeMoneyOrdersApi> = {} as never;
const ledgers: Record<'MA' | 'MB' | 'MC', TestBranchLedger> = {} as never;
const books: Record<'MA' | 'MB' | 'MC', MoneyOrderBookings> = {} as never;
let streamA: RegisterStream;
let streamB: RegisterStream;
const temp = makeTempDir('ho-money-orders-');
type Branch = 'MA' | 'MB' | 'MC';
const BRANCHES: Branch[] = ['MA', 'MB', 'MC'];

/** Serials allocated in beforeAll: MA 1–200, MB 201–300, head office (incoming) 9 000 000 001–9 000 000 100. */
let nextSerialA = 1;
const HEAD_OFFICE_FIRST = 9_000_000_001;

beforeAll(async () => {
  ho = await startTestHeadOffice();
  staff = new HeadOfficeMoneyOrdersStaff(ho.staff);
  for (const code of BRANCHES) {
    const { role } = await ho.addBranch(code);
    links[code] = await ho.connectAs(role);
    apis[code] = new HeadOfficeMoneyOrdersApi(links[code], code);
    ledgers[code] = await openTestBranchLedger(temp.dir, undefined, `${code}.sqlite`);
    books[code] = new MoneyOrderBookings(ledgers[code]);
    books[code].cashIn(5_000_000);
  }
  streamA = new RegisterStream(links.MA, 'MA');
  streamB = new RegisterStream(links.MB, 'MB');
  await staff.publishTariff('domestic', TEST_TARIFF);
  await staff.allocateRange('MA', 1, 200);
  await staff.allocateRange('MB', 201, 300);
  await staff.allocateRange(null, HEAD_OFFICE_FIRST, HEAD_OFFICE_FIRST + 99);
}, 120_000);
afterAll(async () => {
  for (const code of BRANCHES) await ledgers[code]?.close();
  await ho?.close();
  temp.remove();
}, 120_000);

/** An order issued at MA and pushed on its register stream: payable at once. */
async function issue(over: Parameters<typeof orderRecord>[3] = {}) {
  const secret = makeSecret();
  const record = orderRecord('MA', nextSerialA++, secret, over);
  expect(await streamA.push(record)).toMatchObject({ status: 'ok', inserted: 1 });
  return { record, secret, number: record.number };
}

const lockRequest = (number: string, over: Partial<MoneyOrderLockRequest> = {}): MoneyOrderLockRequest => ({
  operationId: uuid7(),
  pendingTransferId: `${uuid7()}/1`,
  number,
  purpose: 'pay',
  secretProof: null,
  document: null,
  holdSeconds: 300,
  ...over,
});

/** The frame's way: the pending transfer first (its id goes with the lock), then the lock. */
async function lockAt(branch: Branch, number: string, amount: number, over: Partial<MoneyOrderLockRequest> = {}) {
  const operationId = over.operationId ?? uuid7();
  const code = (over.purpose ?? 'pay') === 'pay' ? 'money-order-payout' : 'money-order-refund';
  const pendingTransferId = books[branch].pending(operationId, number, amount, code);
  const answer = await apis[branch].lock(lockRequest(number, { ...over, operationId, pendingTransferId }));
  return { operationId, pendingTransferId, answer, code } as const;
}

/** Pay `order` at `branch`: lock with the payee's secret, post the payout, push it (lean, as the branch's job does). */
async function payAt(branch: Branch, order: { number: string; record: OrderRecord; secret: { secret: string; salt: string } }, document = null as MoneyOrderLockRequest['document']) {
  const locked = await lockAt(branch, order.number, order.record.amount, { secretProof: secretProof(order.secret.secret, order.secret.salt), document });
  expect(locked.answer).toMatchObject({ outcome: 'locked' });
  books[branch].post(locked.pendingTransferId, order.record.amount);
  expect(await pushBookings(links[branch], branch, ledgers[branch], ho.staff)).toMatchObject({ status: 'ok' });
  return locked;
}

const viewOf = async (number: string, branch: Branch = 'MB') => {
  const answer = await apis[branch].lookup(number);
  if (!answer.found) throw new Error(`order ${number} not found`);
  return answer;
};
const moneyOrderAlarms = () => alarmsOf(ho.staff, 'money-order-');
/** Until `count` sessions of this database wait on a lock (asked of PostgreSQL, not guessed from time). */
async function waitersOnLocks(count: number): Promise<void> {
  for (let tries = 0; ; tries += 1) {
    const { rows } = await ho.staff.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
    );
    if (rows[0]!.n >= count) return;
    if (tries > 1000) throw new Error(`${rows[0]!.n} of ${count} requests ever waited on the order's row`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
const proofOf = (order: { secret: { secret: string; salt: string } }) => secretProof(order.secret.secret, order.secret.salt);

describe('number ranges and tariffs', () => {
  it("publishes each branch its ranges and every branch the tariff; head office's own range to none", async () => {
    const pulledA = await new HeadOfficeApi(links.MA, 'MA').pull(0);
    expect(pulledA.items.map((i) => `${i.kind}:${i.key}`)).toEqual(['money-order-tariff:domestic', 'money-order-range:money-order:1']);
    expect(MoneyOrderTariff.parse(pulledA.items[0]!.body)).toEqual(TEST_TARIFF);
    expect(pulledA.items[1]!.body).toEqual({ first_serial: 1, last_serial: 200 });
    expect((await new HeadOfficeApi(links.MB, 'MB').pull(0)).items.map((i) => i.key)).toEqual(['domestic', 'money-order:201']);
    expect((await new HeadOfficeApi(links.MC, 'MC').pull(0)).items.map((i) => i.key)).toEqual(['domestic']);
  });

  it.each([
    ['overlapping a range', 'MC', 150, 250, /overlap the range 1 to 200 already allocated to MA/],
    ['reversed', 'MC', 500, 400, /is no range/],
    ['beyond ten digits', 'MC', 9_999_999_000, 10_000_000_000, /is no range/],
    ['for no such branch', 'ZZ', 500, 600, /no branch ZZ/],
  ])('refuses a range %s', async (_, branch, first, last, message) => {
    await expect(staff.allocateRange(branch, first, last)).rejects.toThrow(message);
  });

  it('refuses a tariff a branch could not apply', async () => {
    const publish = (body: unknown) => ho.staff.query("SELECT ho.money_order_publish_tariff('domestic', $1::jsonb)", [JSON.stringify(body)]);
    await expect(publish({ ...TEST_TARIFF, bands: [{ up_to: 50_000, fee: 800 }, { up_to: 10_000, fee: 300 }] })).rejects.toThrow(/rising ceilings/);
    await expect(publish({ ...TEST_TARIFF, max_amount: 600_000 })).rejects.toThrow(/inside the last band/);
    await expect(publish({ ...TEST_TARIFF, validity_days: 1.5 })).rejects.toThrow(/whole amounts/);
    await expect(publish({ ...TEST_TARIFF, cancel_refunds_fee: 'no' })).rejects.toThrow(/tariff is \{currency/);
    await expect(ho.staff.query("SELECT ho.money_order_publish_tariff('express', $1::jsonb)", [JSON.stringify(TEST_TARIFF)])).rejects.toThrow(/domestic or the international/);
  });
});

describe('issued orders arrive by the register stream', () => {
  it('inserts an order once: a resent batch, or the same record again, changes nothing', async () => {
    const { record, number } = await issue();
    expect(await viewOf(number)).toMatchObject({ status: 'available', amount: 15_000, fee: 800, issuing_branch: 'MA', kind: 'domestic' });
    expect(await streamA.resend(record)).toMatchObject({ status: 'ok', inserted: 0, duplicates: 1 });
    // The branch wrote the same record twice (a new sequence number, the same content): nothing happens.
    expect(await streamA.push(record)).toMatchObject({ status: 'ok', inserted: 1 });
    const { rows } = await ho.staff.query('SELECT count(*)::int AS n FROM ho.money_order_records_aside WHERE number = $1', [number]);
    expect(rows[0]).toEqual({ n: 0 });
    expect((await moneyOrderAlarms()).filter((a) => a.detail.includes(number))).toEqual([]);
  });

  it('keeps another content for a number it holds aside, with an alarm, and never overwrites the first', async () => {
    const { record, number } = await issue();
    expect(await streamA.push({ ...record, amount: 90_000 })).toMatchObject({ status: 'ok', inserted: 1 });
    expect((await viewOf(number)).amount).toBe(15_000);
    const aside = await ho.staff.query('SELECT branch_code, number, reason FROM ho.money_order_records_aside WHERE number = $1', [number]);
    expect(aside.rows).toEqual([{ branch_code: 'MA', number, reason: 'other-content-for-number' }]);
    expect((await moneyOrderAlarms()).filter((a) => a.detail.includes(number))).toEqual([
      expect.objectContaining({ kind: 'money-order-record-conflict', branch_code: 'MA', detail: expect.stringMatching(/the first is kept/) }),
    ]);
  });

  it.each([
    ["a number of another branch's range", () => orderRecord('MB', 150, makeSecret()), 'number-not-in-branch-range'],
    ['a wrong check digit', () => ({ ...orderRecord('MB', 250, makeSecret()), number: makeMoneyOrderNumber(250).slice(0, 10) + '00' }), 'bad-number'],
    ['a sender without a document', () => ({ ...orderRecord('MB', 251, makeSecret()), sender: { name: 'X', document_type: null } }), 'sender-incomplete'],
    ['an amount that is not a whole number', () => ({ ...orderRecord('MB', 252, makeSecret()), amount: 10.5 }), 'bad-amount'],
    ['an amount given as text', () => ({ ...orderRecord('MB', 253, makeSecret()), amount: 'lots' }), 'bad-amount'],
    ['an outgoing order without its international fields', () => orderRecord('MB', 254, makeSecret(), { kind: 'international-outgoing' }), 'international-incomplete'],
  ])('keeps aside, with an alarm, %s — and the push still goes through', async (_, make, reason) => {
    const record = make();
    expect(await streamB.push(record)).toMatchObject({ status: 'ok', inserted: 1 });
    const aside = await ho.staff.query<{ reason: string }>('SELECT reason FROM ho.money_order_records_aside WHERE branch_code = $1 AND number = $2', ['MB', record.number]);
    expect(aside.rows).toEqual([{ reason }]);
    expect((await apis.MB.lookup(record.number)).found).toBe(false);
    expect((await moneyOrderAlarms()).filter((a) => a.kind === 'money-order-record-invalid' && a.detail.includes(record.number))).toEqual([
      expect.objectContaining({ branch_code: 'MB', detail: expect.stringContaining(`(${reason})`) }),
    ]);
  });

  it("shows a branch the order without the secret's hash, the sender's document by its last four characters, the payee's in full", async () => {
    const named = await issue({ amount: 30_000, fee: 800, payee: { customer_id: null, name: 'HASSAN OMAR', ...PAYEE_DOCUMENT } });
    const view = await viewOf(named.number);
    expect(view).toMatchObject({
      sender: { name: 'ALI FATOUMA', document_type: 'identity-card', document_number_last4: '5678' },
      payee: { name: 'HASSAN OMAR', ...PAYEE_DOCUMENT },
      payee_document_required: true,
      secret_salt: named.secret.salt,
      secret_attempts_left: 5,
      locked_by_branch: null,
      paid_branch: null,
    });
    expect(JSON.stringify(view)).not.toContain(named.secret.hash);
    expect(JSON.stringify(view)).not.toContain('DJ0012345678');
    expect(Object.keys(view)).not.toContain('secret_hash');
    // Unnamed payee: a document only above the tariff's 20,000.
    expect((await viewOf((await issue({ amount: 20_000 })).number)).payee_document_required).toBe(false);
    expect((await viewOf((await issue({ amount: 20_001 })).number)).payee_document_required).toBe(true);
    expect(await apis.MB.lookup(makeMoneyOrderNumber(199))).toEqual({ found: false, number: makeMoneyOrderNumber(199) });
    expect(await apis.MB.lookup('not a number')).toEqual({ found: false, number: 'not a number' });
  });
});

describe('locking an order', () => {
  it('locks once per operation id: a repeat gets the first answer, even after the order changed; another request under the id is refused', async () => {
    const order = await issue();
    const locked = await lockAt('MB', order.number, 15_000, { secretProof: proofOf(order) });
    expect(locked.answer).toEqual({
      outcome: 'locked', operation_id: locked.operationId, number: order.number, purpose: 'pay', amount: 15_000, fee: 800,
      currency: 'DJF', refund_fee: false, held_until: expect.any(String),
    });
    const again = lockRequest(order.number, { operationId: locked.operationId, pendingTransferId: locked.pendingTransferId, secretProof: proofOf(order) });
    expect(await apis.MB.lock(again)).toEqual(locked.answer);
    expect((await viewOf(order.number, 'MC'))).toMatchObject({ status: 'locked', locked_by_branch: 'MB' });

    expect(await apis.MB.unlock(locked.operationId)).toMatchObject({ state: 'released', answer: locked.answer });
    expect((await viewOf(order.number)).status).toBe('available');
    // The lost reply's resend, after the unlock: still the first answer, and nothing locked again.
    expect(await apis.MB.lock(again)).toEqual(locked.answer);
    expect((await viewOf(order.number)).status).toBe('available');
    expect(await apis.MB.operation(locked.operationId)).toMatchObject({ state: 'released', answer: locked.answer });

    expect(await apis.MB.lock({ ...again, holdSeconds: 60 })).toMatchObject({ outcome: 'refused', reason: 'operation-id-reused' });
    expect(await apis.MB.operation(locked.operationId)).toMatchObject({ answer: locked.answer });

    // A refusal is kept as well: the same id keeps its refusal after the order became payable.
    const refusedId = uuid7();
    const wrongSecret = lockRequest(order.number, { operationId: refusedId, secretProof: secretProof('00000000', order.secret.salt) });
    const refusal = await apis.MC.lock(wrongSecret);
    expect(refusal).toMatchObject({ outcome: 'refused', reason: 'wrong-secret', attempts_left: 4 });
    expect(await apis.MC.lock(wrongSecret)).toEqual(refusal);
    expect((await viewOf(order.number)).secret_attempts_left).toBe(4);
  });

  it('gives an order to exactly one of two branches locking it at the same moment; the other is told where it is being paid', async () => {
    // Both requests are made to wait behind a row lock staff hold on the order, then let go together:
    // they meet inside head office for certain, not by luck of timing.
    const holder = await connectPostgres({ connectionString: ho.database.url });
    try {
      for (let round = 0; round < 4; round += 1) {
        const order = await issue();
        const proof = proofOf(order);
        await holder.query('BEGIN');
        await holder.query('SELECT 1 FROM ho.money_orders WHERE number = $1 FOR UPDATE', [order.number]);
        const both = Promise.all([
          apis.MB.lock(lockRequest(order.number, { secretProof: proof })),
          apis.MC.lock(lockRequest(order.number, { secretProof: proof })),
        ]);
        await waitersOnLocks(2);
        await holder.query('COMMIT');
        const [fromB, fromC] = await both;
        expect([fromB, fromC].filter((a) => a.outcome === 'locked'), `round ${round}`).toHaveLength(1);
        const winner = fromB.outcome === 'locked' ? 'MB' : 'MC';
        expect([fromB, fromC].find((a) => a.outcome === 'refused')).toMatchObject({ reason: 'being-paid', branch: winner, at: expect.any(String) });
        expect((await viewOf(order.number)).locked_by_branch).toBe(winner);
        const { rows } = await ho.staff.query('SELECT count(*)::int AS n FROM ho.money_order_locks WHERE number = $1', [order.number]);
        expect(rows[0]).toEqual({ n: 1 });
      }
    } finally {
      await holder.close();
    }
  });

  it("refuses a payee without the document the order names, or without any above the tariff's threshold", async () => {
    const named = await issue({ payee: { customer_id: null, name: 'HASSAN OMAR', ...PAYEE_DOCUMENT } });
    const pay = (document: MoneyOrderLockRequest['document']) => apis.MB.lock(lockRequest(named.number, { secretProof: proofOf(named), document }));
    expect(await pay(null)).toMatchObject({ reason: 'wrong-document' });
    expect(await pay({ ...PAYEE_DOCUMENT, document_number: 'P7654320' })).toMatchObject({ reason: 'wrong-document' });
    expect(await pay({ ...PAYEE_DOCUMENT, document_country: 'FRA' })).toMatchObject({ reason: 'wrong-document' });
    // As typed at the window: case, spaces and dashes do not count.
    expect(await pay({ document_type: 'PASSPORT', document_number: 'p765-4321', document_country: 'dji' })).toMatchObject({ outcome: 'locked' });

    const large = await issue({ amount: 25_000 });
    const payLarge = (document: MoneyOrderLockRequest['document']) => apis.MB.lock(lockRequest(large.number, { secretProof: proofOf(large), document }));
    expect(await payLarge(null)).toMatchObject({ reason: 'wrong-document' });
    expect(await payLarge({ document_type: 'passport', document_number: '', document_country: 'DJI' })).toMatchObject({ reason: 'wrong-document' });
    expect(await payLarge({ document_type: 'passport', document_number: 'X1', document_country: 'DJI' })).toMatchObject({ outcome: 'locked' });
    // A wrong document tells nothing of the secret, and costs no attempt.
    expect((await viewOf(named.number)).secret_attempts_left).toBe(5);
  });

  it('counts wrong secrets to five, then refuses even the right one until staff reset the count', async () => {
    const order = await issue();
    const wrong = secretProof('99999999', order.secret.salt);
    for (let left = 4; left >= 0; left -= 1) {
      expect(await apis.MB.lock(lockRequest(order.number, { secretProof: wrong }))).toMatchObject({ reason: 'wrong-secret', attempts_left: left });
    }
    expect(await apis.MC.lock(lockRequest(order.number, { secretProof: proofOf(order) }))).toMatchObject({ reason: 'secret-attempts-exceeded' });
    expect((await viewOf(order.number)).secret_attempts_left).toBe(0);
    expect(await staff.resetSecretAttempts(order.number, 'controller1')).toMatchObject({ secret_attempts_left: 5 });
    const reset = await ho.staff.query('SELECT secret_reset_by FROM ho.money_orders WHERE number = $1', [order.number]);
    expect(reset.rows).toEqual([{ secret_reset_by: 'controller1' }]);
    expect(await apis.MC.lock(lockRequest(order.number, { secretProof: proofOf(order) }))).toMatchObject({ outcome: 'locked' });
    await expect(staff.resetSecretAttempts(makeMoneyOrderNumber(198))).rejects.toThrow(/holds no money order/);
  });

  it('refuses to pay or cancel an expired order, and to reimburse one that is not', async () => {
    const day = 86_400_000;
    const expired = await issue({ issued_at: new Date(Date.now() - 100 * day).toISOString(), expires_at: new Date(Date.now() - 10 * day).toISOString() });
    expect((await viewOf(expired.number)).status).toBe('expired');
    expect(await apis.MB.lock(lockRequest(expired.number, { secretProof: proofOf(expired) }))).toMatchObject({ reason: 'expired' });
    expect(await apis.MA.lock(lockRequest(expired.number, { purpose: 'cancel', document: SENDER_DOCUMENT }))).toMatchObject({ reason: 'expired' });

    const current = await issue();
    expect(await apis.MA.lock(lockRequest(current.number, { purpose: 'reimburse', document: SENDER_DOCUMENT }))).toMatchObject({ reason: 'not-expired' });
    expect(await apis.MA.lock(lockRequest(current.number, { purpose: 'cancel', document: { ...SENDER_DOCUMENT, document_number: 'DJ0012345679' } }))).toMatchObject({
      reason: 'wrong-document',
    });
    expect(await apis.MA.lock(lockRequest(expired.number, { purpose: 'reimburse', document: null }))).toMatchObject({ reason: 'wrong-document' });
  });

  it('refuses bad requests in words, and an unknown number as not-found', async () => {
    expect(await apis.MB.lock(lockRequest(makeMoneyOrderNumber(197), { secretProof: 'ab'.repeat(32) }))).toMatchObject({ outcome: 'refused', reason: 'not-found' });
    const order = await issue();
    await expect(apis.MB.lock(lockRequest(order.number, { purpose: 'steal' as never }))).rejects.toThrow(/pay, cancel or reimburse/);
    await expect(apis.MB.lock(lockRequest(order.number, { secretProof: null }))).rejects.toThrow(/proof of the secret/);
    await expect(apis.MB.lock(lockRequest(order.number, { secretProof: proofOf(order), holdSeconds: 0 }))).rejects.toThrow(/1 s to 24 h/);
    await expect(apis.MB.lock(lockRequest(order.number, { secretProof: proofOf(order), pendingTransferId: '' }))).rejects.toThrow(/pending transfer/);
    const first = await apis.MB.lock(lockRequest(order.number, { secretProof: proofOf(order), pendingTransferId: 'one/1' }));
    expect(first.outcome).toBe('locked');
    await expect(apis.MB.lock(lockRequest(order.number, { secretProof: proofOf(order), pendingTransferId: 'one/1' }))).rejects.toThrow(/already stands for another lock/);
  });
});

describe('settlement by replication (the lean push)', () => {
  it("marks the order paid, with the branch and the time it booked, when the branch's payout arrives; a resend changes nothing", async () => {
    const order = await issue();
    const locked = await payAt('MB', order);
    const view = await viewOf(order.number, 'MA');
    expect(view).toMatchObject({ status: 'paid', paid_branch: 'MB', locked_by_branch: null });
    const booked = ledgers.MB.transfers().find((t) => t.pending_id === locked.pendingTransferId)!;
    expect(Date.parse(view.paid_at!)).toBe(Date.parse(booked.at));
    expect(await apis.MB.operation(locked.operationId)).toMatchObject({ state: 'settled', lock: { settled_transfer_id: booked.id } });
    // Asked to lock again (another branch, another clerk): paid, where and when.
    expect(await apis.MC.lock(lockRequest(order.number, { secretProof: proofOf(order) }))).toMatchObject({ reason: 'paid', branch: 'MB', at: view.paid_at });
    // The whole ledger again, in the older column form: held already, nothing applied twice.
    const all = await new HeadOfficeApi(links.MB).push({ sent_at: new Date().toISOString(), transfers: ledgers.MB.transfers() });
    expect(all).toMatchObject({ status: 'ok', inserted: 0 });
    expect((await moneyOrderAlarms()).filter((a) => a.detail.includes(order.number))).toEqual([]);
  });

  it('releases the lock when the branch voids its reservation: the order is payable again', async () => {
    const order = await issue();
    const locked = await lockAt('MB', order.number, 15_000, { secretProof: proofOf(order) });
    expect(locked.answer.outcome).toBe('locked');
    books.MB.void(locked.pendingTransferId, 15_000);
    expect(await pushBookings(links.MB, 'MB', ledgers.MB, ho.staff)).toMatchObject({ status: 'ok' });
    expect(await apis.MB.operation(locked.operationId)).toMatchObject({ state: 'released', answer: locked.answer });
    expect((await viewOf(order.number)).status).toBe('available');
    await payAt('MC', order);
    expect((await viewOf(order.number)).paid_branch).toBe('MC');
  });

  it('settles a cancellation by the sender and a reimbursement of an expired order, through the older column push too', async () => {
    const order = await issue();
    const cancel = await lockAt('MA', order.number, 15_000, { purpose: 'cancel', document: SENDER_DOCUMENT });
    expect(cancel.answer).toMatchObject({ outcome: 'locked', purpose: 'cancel', amount: 15_000, fee: 800, refund_fee: false });
    books.MA.post(cancel.pendingTransferId, 15_000, 'money-order-refund');
    expect(await pushBookings(links.MA, 'MA', ledgers.MA, ho.staff, 'columns')).toMatchObject({ status: 'ok' });
    expect(await viewOf(order.number)).toMatchObject({ status: 'cancelled', cancelled_branch: 'MA', cancelled_at: expect.any(String), paid_branch: null });
    expect(await apis.MB.lock(lockRequest(order.number, { secretProof: proofOf(order) }))).toMatchObject({ reason: 'cancelled', branch: 'MA' });

    const day = 86_400_000;
    const expired = await issue({ issued_at: new Date(Date.now() - 100 * day).toISOString(), expires_at: new Date(Date.now() - 10 * day).toISOString() });
    const reimburse = await lockAt('MB', expired.number, 15_000, { purpose: 'reimburse', document: SENDER_DOCUMENT });
    expect(reimburse.answer).toMatchObject({ outcome: 'locked', purpose: 'reimburse', refund_fee: false });
    books.MB.post(reimburse.pendingTransferId, 15_000, 'money-order-refund');
    expect(await pushBookings(links.MB, 'MB', ledgers.MB, ho.staff)).toMatchObject({ status: 'ok' });
    expect(await viewOf(expired.number)).toMatchObject({ status: 'reimbursed', reimbursed_branch: 'MB' });
    expect(await apis.MA.lock(lockRequest(expired.number, { purpose: 'reimburse', document: SENDER_DOCUMENT }))).toMatchObject({ reason: 'reimbursed', branch: 'MB' });
  });

  it('refunds the fee on a cancellation when the tariff in force when the order arrived says so', async () => {
    await staff.publishTariff('domestic', { ...TEST_TARIFF, cancel_refunds_fee: true });
    let number: string;
    try {
      number = (await issue()).number;
    } finally {
      await staff.publishTariff('domestic', TEST_TARIFF);
    }
    // Published again without the refund since: the order keeps the terms it arrived under.
    expect(await apis.MA.lock(lockRequest(number, { purpose: 'cancel', document: SENDER_DOCUMENT }))).toMatchObject({ outcome: 'locked', refund_fee: true });
  });

  it('applies a booking that arrives after its lock lapsed, with an alarm for review', async () => {
    const order = await issue();
    const locked = await lockAt('MB', order.number, 15_000, { secretProof: proofOf(order), holdSeconds: 1 });
    expect(locked.answer.outcome).toBe('locked');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await apis.MB.operation(locked.operationId)).toMatchObject({ state: 'expired' });
    expect((await viewOf(order.number)).status).toBe('available');
    books.MB.post(locked.pendingTransferId, 15_000);
    expect(await pushBookings(links.MB, 'MB', ledgers.MB, ho.staff)).toMatchObject({ status: 'ok' });
    expect(await viewOf(order.number)).toMatchObject({ status: 'paid', paid_branch: 'MB' });
    expect(await apis.MB.operation(locked.operationId)).toMatchObject({ state: 'settled' });
    expect((await moneyOrderAlarms()).filter((a) => a.detail.includes(order.number))).toEqual([
      expect.objectContaining({ kind: 'money-order-late-booking', branch_code: 'MB', detail: expect.stringMatching(/had lapsed.*applied all the same/) }),
    ]);
  });

  it('keeps a second payout of an order another lock settled, with a double-payout alarm, never overwriting the first', async () => {
    const order = await issue();
    const first = await lockAt('MB', order.number, 15_000, { secretProof: proofOf(order), holdSeconds: 1 });
    expect(first.answer.outcome).toBe('locked');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await payAt('MC', order);
    // MB's clerk paid on the lapsed lock all the same; its booking arrives afterwards.
    const late = books.MB.post(first.pendingTransferId, 15_000);
    expect(await pushBookings(links.MB, 'MB', ledgers.MB, ho.staff)).toMatchObject({ status: 'ok' });
    expect(await viewOf(order.number)).toMatchObject({ status: 'paid', paid_branch: 'MC' });
    expect(await apis.MB.operation(first.operationId)).toMatchObject({ state: 'settled' });
    const kept = await ho.staff.query('SELECT branch_code, transfer_id, number, amount::int AS amount, reason FROM ho.money_order_unapplied WHERE transfer_id = $1', [late]);
    expect(kept.rows).toEqual([{ branch_code: 'MB', transfer_id: late, number: order.number, amount: 15_000, reason: 'double-payout' }]);
    expect((await moneyOrderAlarms()).filter((a) => a.detail.includes(order.number))).toEqual([
      expect.objectContaining({ kind: 'money-order-double-payout', branch_code: 'MB', detail: expect.stringMatching(/already paid at branch MC/) }),
    ]);
    const held = await ho.staff.query('SELECT 1 FROM ho.transfers WHERE branch_code = $1 AND id = $2', ['MB', late]);
    expect(held.rows).toHaveLength(1);
  });

  it('keeps a payout head office granted no lock for, with an alarm', async () => {
    const order = await issue();
    const operationId = uuid7();
    const pending = books.MB.pending(operationId, order.number, 15_000);
    const paid = books.MB.post(pending, 15_000);
    expect(await pushBookings(links.MB, 'MB', ledgers.MB, ho.staff)).toMatchObject({ status: 'ok' });
    expect((await viewOf(order.number)).status).toBe('available');
    const kept = await ho.staff.query<{ reason: string }>('SELECT reason FROM ho.money_order_unapplied WHERE transfer_id = $1', [paid]);
    expect(kept.rows).toEqual([{ reason: 'no-lock' }]);
    expect((await moneyOrderAlarms()).filter((a) => a.detail.includes(paid))).toEqual([expect.objectContaining({ kind: 'money-order-unapplied' })]);
  });

  it('spends an id unlocked before its lock arrived: the late lock is refused, the order stays payable', async () => {
    const order = await issue();
    const operationId = uuid7();
    expect(await apis.MB.unlock(operationId)).toEqual({ operation_id: operationId, state: 'never-received', answer: null, lock: null });
    expect(await apis.MB.unlock(operationId)).toMatchObject({ state: 'never-received' });
    expect(await apis.MB.lock(lockRequest(order.number, { operationId, secretProof: proofOf(order) }))).toMatchObject({
      outcome: 'refused', reason: 'operation-id-reused', operation_id: operationId,
    });
    expect(await apis.MB.operation(operationId)).toMatchObject({ state: 'released', answer: null });
    expect((await viewOf(order.number)).status).toBe('available');
    expect(await apis.MB.operation(uuid7())).toMatchObject({ state: 'never-received', answer: null, lock: null });
  });
});

describe('international orders', () => {
  let serial = HEAD_OFFICE_FIRST;
  const incoming = (payeeBranch: string | null, secret = makeSecret()) => ({
    order: {
      number: makeMoneyOrderNumber(serial++),
      payeeBranch,
      sender: { name: 'JEAN DUPONT', country: 'FRA' },
      payee: { name: 'AMINA HOUSSEIN', document_type: 'identity-card', document_number: 'DJ998877', document_country: 'DJI' },
      amount: 45_000,
      currency: 'DJF',
      exchangeReference: `IFS-FR-${serial}`,
      secretSalt: secret.salt,
      secretHash: secret.hash,
      expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    },
    secret,
  });

  it("publishes an incoming order to the payee's branch without its secret's hash, and it is paid with the same lock", async () => {
    const { order, secret } = incoming('MB');
    const received = await staff.receiveInternational(order);
    expect(received).toMatchObject({ kind: 'international-incoming', issuing_branch: null, status: 'available', fee: 0, payee_branch: 'MB',
      international: { exchange_reference: order.exchangeReference, origin_country: 'FRA' } });
    // The same order again (the IFS link resent it): the same answer, not published twice.
    expect(await staff.receiveInternational(order)).toMatchObject({ number: order.number, version: received.version });
    await expect(staff.receiveInternational({ ...order, amount: 46_000 })).rejects.toThrow(/received already with other content/);

    const items = (await new HeadOfficeApi(links.MB, 'MB').pull(0)).items.filter((i) => i.kind === 'money-order-incoming');
    expect(items.map((i) => i.key)).toEqual([order.number]);
    expect(MoneyOrderIncomingItem.parse(items[0]!.body)).toMatchObject({ number: order.number, amount: 45_000, payee: order.payee });
    expect(JSON.stringify(items[0]!.body)).not.toContain(secret.hash);
    expect((await new HeadOfficeApi(links.MC, 'MC').pull(0)).items.filter((i) => i.kind === 'money-order-incoming')).toEqual([]);

    const pay = await lockAt('MB', order.number, 45_000, { secretProof: secretProof(secret.secret, secret.salt), document: PAYEE_DOCUMENT });
    expect(pay.answer).toMatchObject({ outcome: 'refused', reason: 'wrong-document' });
    books.MB.void(pay.pendingTransferId, 45_000);
    const paid = await lockAt('MB', order.number, 45_000, {
      secretProof: secretProof(secret.secret, secret.salt), document: { document_type: 'identity-card', document_number: 'DJ998877', document_country: 'DJI' },
    });
    expect(paid.answer).toMatchObject({ outcome: 'locked', amount: 45_000, fee: 0 });
    books.MB.post(paid.pendingTransferId, 45_000);
    expect(await pushBookings(links.MB, 'MB', ledgers.MB, ho.staff)).toMatchObject({ status: 'ok' });
    expect(await viewOf(order.number, 'MC')).toMatchObject({ status: 'paid', paid_branch: 'MB' });
    expect(await apis.MB.lock(lockRequest(order.number, { purpose: 'cancel', document: SENDER_DOCUMENT }))).toMatchObject({ reason: 'not-payable-here' });
  });

  it('publishes an order for no branch in particular to every branch; refuses a number outside head office ranges', async () => {
    const { order } = incoming(null);
    await staff.receiveInternational(order);
    for (const code of BRANCHES) {
      const keys = (await new HeadOfficeApi(links[code], code).pull(0)).items.filter((i) => i.kind === 'money-order-incoming').map((i) => i.key);
      expect(keys).toContain(order.number);
    }
    await expect(staff.receiveInternational({ ...incoming(null).order, number: makeMoneyOrderNumber(196) })).rejects.toThrow(/not a money order number from a head-office range/);
    await expect(staff.receiveInternational({ ...incoming('NOPE').order })).rejects.toThrow(/no branch NOPE/);
  });

  it('takes an outgoing order as transmitted: no counter pays or cancels it', async () => {
    const { number, secret } = await issue({ kind: 'international-outgoing', international: { destination_country: 'FRA', payee_currency: 'EUR', purpose: 'family support' } });
    expect(await viewOf(number)).toMatchObject({ status: 'transmitted', kind: 'international-outgoing', international: { destination_country: 'FRA' } });
    expect(await apis.MB.lock(lockRequest(number, { secretProof: secretProof(secret.secret, secret.salt) }))).toMatchObject({ reason: 'not-payable-here' });
    expect(await apis.MA.lock(lockRequest(number, { purpose: 'cancel', document: SENDER_DOCUMENT }))).toMatchObject({ reason: 'not-payable-here' });
  });
});

describe('branch roles', () => {
  it("refuses a branch speaking for another branch, and head-office staff speaking for any", async () => {
    const number = makeMoneyOrderNumber(1);
    await expect(new HeadOfficeMoneyOrdersApi(links.MB, 'MA').lookup(number)).rejects.toMatchObject({ code: '42501' });
    await expect(new HeadOfficeMoneyOrdersApi(links.MB, 'MA').lock(lockRequest(number, { secretProof: 'ab'.repeat(32) }))).rejects.toMatchObject({ code: '42501' });
    await expect(new HeadOfficeMoneyOrdersApi(ho.staff, 'MA').operation(uuid7())).rejects.toMatchObject({ code: '42501' });
  });

  it("keeps operation ids per branch: another branch using the same id neither reads, unlocks nor replays the first one's lock", async () => {
    const order = await issue();
    const locked = await lockAt('MB', order.number, 15_000, { secretProof: proofOf(order) });
    expect(locked.answer.outcome).toBe('locked');
    expect(await apis.MC.operation(locked.operationId)).toMatchObject({ state: 'never-received', answer: null, lock: null });
    expect(await apis.MC.unlock(locked.operationId)).toMatchObject({ state: 'never-received' });
    const replayed: MoneyOrderLockAnswer = await apis.MC.lock(lockRequest(order.number, { operationId: locked.operationId, secretProof: proofOf(order) }));
    expect(replayed).toMatchObject({ outcome: 'refused', reason: 'operation-id-reused' });
    expect(await apis.MB.operation(locked.operationId)).toMatchObject({ state: 'locked', answer: locked.answer });
    expect((await viewOf(order.number)).locked_by_branch).toBe('MB');
  });

  it.each([
    ['SELECT * FROM ho.money_orders'],
    ['SELECT * FROM ho.money_order_locks'],
    ['SELECT * FROM ho.money_order_operations'],
    ['SELECT * FROM ho.money_order_ranges'],
    ["UPDATE ho.money_orders SET status = 'available'"],
    ["SELECT ho.money_order_lock_for('MB', 'x', 'y/1', '000000000195', 'pay', 'ab', NULL, 60)"],
    ["SELECT ho.money_order_operation_for('MA', 'x')"],
    ["SELECT ho.money_order_allocate_range('MB', 5000, 6000)"],
    ["SELECT ho.money_order_publish_tariff('domestic', '{}'::jsonb)"],
    ["SELECT ho.money_order_reset_secret_attempts('000000000195')"],
    [`SELECT ho.money_order_receive_international('900000000100', NULL, '{}', '{}', 1, 'DJF', 'x', 'a', 'b', now())`],
    ["SELECT ho.money_order_apply_record('MB', 1, '000000000195', '{}'::jsonb)"],
  ])('refuses branch B the statement %s', async (statement) => {
    await expect(links.MB.query(statement)).rejects.toThrow(/permission denied/);
  });

  it('never writes a secret hash or proof into an answer or an alarm', async () => {
    const { rows } = await ho.staff.query<{ secret_hash: string }>('SELECT secret_hash FROM ho.money_orders');
    const alarms = JSON.stringify(await moneyOrderAlarms());
    const answers = JSON.stringify((await ho.staff.query('SELECT answer, request FROM ho.money_order_operations')).rows);
    for (const { secret_hash: hash } of rows) {
      expect(alarms).not.toContain(hash);
      expect(answers).not.toContain(hash);
    }
    expect(answers).not.toMatch(/proof/);
  });
});
