import { makeMoneyOrderNumber } from '@shared/money-order-number';
import { uuid7 } from '@shared/uuid7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrinterServer } from '../../../electron/services/devices/simulators/printer-server';
import { eventually } from '../../support/savings-counter';
import { djf, startMoneyOrdersCounter, startMoneyOrdersWorld, type MoneyOrdersCounter, type MoneyOrdersWorld } from '../../support/money-orders-counter';

/**
 * Issuing money orders at the window against a real head office (PostgreSQL behind loopback
 * proxies), two counters at two branches: one ledger operation, the register record that carries
 * the order to head office, payable at once online, after transmission when issued offline.
 */
let world: MoneyOrdersWorld;
let a: MoneyOrdersCounter;
let b: MoneyOrdersCounter;

beforeAll(async () => {
  world = await startMoneyOrdersWorld(['DJ-DEMO', 'DJ-B']);
  a = await startMoneyOrdersCounter(world, 'DJ-DEMO');
  b = await startMoneyOrdersCounter(world, 'DJ-B');
}, 240_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
  await world?.close();
}, 120_000);

const headOfficeStatus = async (number: string) =>
  (await world.ho.staff.query<{ status: string; branch_code: string }>('SELECT status, branch_code FROM ho.money_orders WHERE number = $1', [number])).rows[0];

describe('issuing a money order', () => {
  it('books amount and fee in one operation, gives the secret once, and is payable at once anywhere when online', async () => {
    const sender = await a.customer('ISS0001');
    const operationId = uuid7();
    const input = { operationId, sessionId: a.till.sessionId, kind: 'domestic' as const, senderId: sender.id, payee: { name: 'AHMED ROBLEH' }, amount: djf(15_000), tendered: djf(20_000) };
    const issued = await a.fixture.ok('moneyOrders.issue', input, a.till.clerk);
    expect(issued).toMatchObject({ amount: djf(15_000), fee: djf(800), total: djf(15_800), tendered: djf(20_000), change: djf(4_200), payable: 'now', replayed: false, kind: 'domestic' });
    expect(issued.secret).toMatch(/^\d{8}$/);
    expect(issued.number).toMatch(/^\d{12}$/);
    expect(issued.spacedNumber).toBe(`${issued.number.slice(0, 4)} ${issued.number.slice(4, 8)} ${issued.number.slice(8)}`);
    // The papers on screen never show the secret; the voucher carries the number in a QR.
    expect(JSON.stringify(issued.receipt)).not.toContain(issued.secret!);
    expect(JSON.stringify(issued.voucher)).not.toContain(issued.secret!);
    expect(issued.voucher.entries).toContainEqual({ kind: 'qr', data: issued.number });

    // Head office has it already: the register stream was pushed right after the commit.
    expect(await headOfficeStatus(issued.number)).toEqual({ status: 'available', branch_code: 'DJ-DEMO' });
    const seen = await b.fixture.ok('moneyOrders.find', { number: issued.spacedNumber }, b.till.clerk);
    expect(seen).toMatchObject({ source: 'head-office', status: 'available', issuingBranch: 'DJ-DEMO', amount: djf(15_000), fee: djf(800), payee: { name: 'AHMED ROBLEH' } });
    // The sender's document is shown by its last 4 characters only.
    expect(seen.sender.documentNumber).toBe('0001');

    const db = a.branchDb();
    const transfers = db.prepare('SELECT code, debit_account_id, credit_account_id, amount, reference, unique_reference FROM ledger_transfers WHERE operation_id = ? ORDER BY seq').all(operationId);
    expect(transfers).toEqual([
      { code: 'money-order-issue', debit_account_id: `till-cash:${a.till.sessionId}`, credit_account_id: 'money-orders-payable:DJF', amount: 15_000, reference: issued.number, unique_reference: issued.number },
      { code: 'money-order-fee', debit_account_id: `till-cash:${a.till.sessionId}`, credit_account_id: 'revenue:money-order-fees:DJF', amount: 800, reference: issued.number, unique_reference: null },
    ]);
    const record = db.prepare("SELECT record_id, payload FROM register_outbox WHERE kind = 'money-order' AND record_id = ?").get(issued.number) as { payload: string };
    const payload = JSON.parse(record.payload) as Record<string, unknown>;
    expect(payload).toMatchObject({ number: issued.number, operation_id: operationId, kind: 'domestic', issuing_branch: 'DJ-DEMO', amount: 15_000, fee: 800, international: null });
    expect(payload.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(record.payload).not.toContain(issued.secret!);
    // The sender's receipt and the voucher are two jobs of the print outbox.
    expect(db.prepare('SELECT reference FROM print_jobs WHERE reference IN (?, ?) ORDER BY reference').pluck().all(operationId, `${operationId}/voucher`)).toEqual([operationId, `${operationId}/voucher`]);
    db.close();

    // Sent again (a reload): the same order, nothing booked twice, and no secret.
    const again = await a.fixture.ok('moneyOrders.issue', input, a.till.clerk);
    expect(again).toMatchObject({ number: issued.number, replayed: true, secret: null });
    const issuedHere = await a.fixture.ok('moneyOrders.issued', { limit: 10, sessionId: a.till.sessionId }, a.till.clerk);
    expect(issuedHere.filter((o) => o.number === issued.number)).toEqual([expect.objectContaining({ operationId, transmitted: true, issuedBy: 'amina' })]);
  });

  it('issued offline: booked here, the branch copy says so, payable elsewhere only once transmitted', async () => {
    await a.linkDown();
    let issued;
    try {
      issued = await a.issue(8_000);
      expect(issued).toMatchObject({ payable: 'once-transmitted', fee: djf(300) });
      expect(issued.secret).toMatch(/^\d{8}$/);
      const copy = await a.fixture.ok('moneyOrders.find', { number: issued.number }, a.till.clerk);
      expect(copy).toMatchObject({ source: 'branch-copy', status: 'issued', transmitted: false });
      // At the other branch, head office does not know it yet.
      const unknown = await b.fixture.call('moneyOrders.find', { number: issued.number }, b.till.clerk);
      expect(!unknown.ok && unknown.error).toMatchObject({ code: 'NOT_FOUND', details: { rule: 'money-order-not-found' } });
      // Paying, cancelling, reimbursing need head office: refused in words, nothing booked.
      const refused = await a.fixture.call(
        'moneyOrders.pay',
        { operationId: uuid7(), sessionId: a.till.sessionId, number: issued.number, secret: issued.secret!, document: { type: 'passport', number: 'P1', country: 'DJI' } },
        a.till.clerk,
      );
      expect(!refused.ok && refused.error).toMatchObject({ code: 'RULE_BROKEN', details: { rule: 'money-order-needs-head-office' } });
    } finally {
      await a.linkUp();
    }
    await a.syncAll();
    expect(await headOfficeStatus(issued.number)).toEqual({ status: 'available', branch_code: 'DJ-DEMO' });
    expect(await b.fixture.ok('moneyOrders.find', { number: issued.number }, b.till.clerk)).toMatchObject({ source: 'head-office', status: 'available' });
    await a.linkDown();
    try {
      // Offline again, the branch's copy knows it reached head office.
      expect(await a.fixture.ok('moneyOrders.find', { number: issued.number }, a.till.clerk)).toMatchObject({ source: 'branch-copy', status: 'available', transmitted: true });
      const never = await a.fixture.call('moneyOrders.find', { number: makeMoneyOrderNumber(5_000_000) }, a.till.clerk);
      expect(!never.ok && never.error.details?.rule).toBe('money-order-unknown-offline');
    } finally {
      await a.linkUp();
    }
  });

  it('captures an outgoing international order with its IFS fields, transmitted by head office, not payable at a counter', async () => {
    const sender = await a.customer('ISS0003');
    const international = { destinationCountry: 'FR', payeeCurrency: 'EUR', purpose: 'Family support' };
    const issued = await a.issue(30_000, { kind: 'international-outgoing', senderId: sender.id, payee: { name: 'MARIE DURAND', document: { type: 'passport', number: '18AB12345', country: 'FRA' } }, international });
    expect(issued).toMatchObject({ kind: 'international-outgoing', secret: null, fee: djf(800) });
    expect(await headOfficeStatus(issued.number)).toEqual({ status: 'transmitted', branch_code: 'DJ-DEMO' });
    const seen = await b.fixture.ok('moneyOrders.find', { number: issued.number }, b.till.clerk);
    expect(seen).toMatchObject({ kind: 'international-outgoing', status: 'transmitted', international: { destinationCountry: 'FR', payeeCurrency: 'EUR', purpose: 'Family support' } });
  });

  it('refuses what cannot be issued, with the field or the rule', async () => {
    const sender = await a.customer('ISS0004');
    const base = { operationId: uuid7(), sessionId: a.till.sessionId, kind: 'domestic' as const, senderId: sender.id, payee: { name: 'HASSAN OMAR' }, amount: djf(10_000) };
    const call = (over: Record<string, unknown>, session = a.till.clerk) => a.fixture.call('moneyOrders.issue', { ...base, operationId: uuid7(), ...over }, session);
    const rule = async (over: Record<string, unknown>) => {
      const response = await call(over);
      return response.ok ? 'issued' : `${response.error.code}:${String(response.error.details?.rule ?? '')}`;
    };
    // Above the tariff's threshold the payee is named with a document.
    expect(await rule({ amount: djf(25_000) })).toBe('RULE_BROKEN:payee-document-required');
    expect(await rule({ amount: djf(500_001) })).toBe('RULE_BROKEN:money-order-above-maximum');
    expect(await rule({ amount: djf(0) })).toBe('INVALID_INPUT:amount-zero');
    expect(await rule({ amount: { minor: 1000, currency: 'EUR' } })).toBe('INVALID_INPUT:currency-mismatch');
    expect(await rule({ tendered: djf(10_000) })).toBe('INVALID_INPUT:tender-short');
    expect(await rule({ senderId: uuid7() })).toBe('RULE_BROKEN:unknown-customer');
    expect(await rule({ payee: { customerId: uuid7() } })).toBe('RULE_BROKEN:unknown-customer');
    expect(await rule({ international: { destinationCountry: 'FR', payeeCurrency: 'EUR', purpose: 'gift' } })).toBe('INVALID_INPUT:international-fields-domestic');
    expect(await rule({ kind: 'international-outgoing' })).toBe('INVALID_INPUT:international-fields-required');
    expect(await rule({ payee: { name: 'X', customerId: uuid7() } })).toBe('INVALID_INPUT:');
    expect(await rule({ payee: { name: 'HASSAN OMAR', document: { type: 'passport', number: '!!', country: 'DJI' } } })).toBe('INVALID_INPUT:document-number-format');
    // A payee from the register carries their document: allowed above the threshold.
    const payee = await a.customer('ISS0005');
    expect(await rule({ amount: djf(25_000), payee: { customerId: payee.id } })).toBe('issued');
    // The same id for another order is a conflict, never a second order.
    const first = await a.fixture.ok('moneyOrders.issue', base, a.till.clerk);
    const reused = await a.fixture.call('moneyOrders.issue', { ...base, amount: djf(9_000) }, a.till.clerk);
    expect(!reused.ok && reused.error).toMatchObject({ code: 'CONFLICT', details: { rule: 'operation-id-reused' } });
    expect(first.replayed).toBe(false);
  });

  it('prints the secret on the sender’s paper once: the stored job and a reprint hold asterisks instead', async () => {
    const printer = new PrinterServer();
    await printer.start();
    const printed: string[] = [];
    printer.on('job', (job) => printed.push(job.transcript.join('\n')));
    const technician = await a.fixture.signIn('ismail', '9012');
    try {
      await a.fixture.ok('devices.save', { id: 'receipt', name: 'Tickets', kind: 'receipt-printer', transport: { type: 'tcp', host: '127.0.0.1', port: printer.port } }, technician);
      const issued = await a.issue(5_000);
      const secret = issued.secret!;
      const jobs = () => {
        const db = a.branchDb();
        try {
          return db.prepare('SELECT id, status, payload FROM print_jobs WHERE reference = ?').all(issued.operationId) as Array<{ id: string; status: string; payload: string }>;
        } finally {
          db.close();
        }
      };
      await eventually(() => jobs()[0]?.status === 'printed', 'the sender’s receipt printed');
      await eventually(() => printed.some((text) => text.includes(issued.spacedNumber) && text.includes(secret)), 'the secret on paper');
      expect(jobs()[0]!.payload).not.toContain(secret);
      expect(jobs()[0]!.payload).toContain('********');
      const before = printed.length;
      await a.fixture.ok('print.reprint', { jobId: jobs()[0]!.id }, a.till.clerk);
      await eventually(() => printed.length > before && printed.slice(before).some((text) => text.includes(issued.spacedNumber)), 'the reprint on paper');
      expect(printed.slice(before).join('\n')).not.toContain(secret);
      // Once on paper, the secret is nowhere in the branch's database.
      const db = a.branchDb();
      const everywhere = db.prepare("SELECT group_concat(payload) FROM print_jobs").pluck().get() as string;
      db.close();
      expect(everywhere).not.toContain(secret);
    } finally {
      await a.fixture.ok('devices.remove', { id: 'receipt' }, technician).catch(() => undefined);
      await printer.stop();
    }
  });

  it('answers the tariff and a quote, and keeps each method to its roles', async () => {
    const tariff = await a.fixture.ok('moneyOrders.tariff', { key: 'domestic' }, a.till.clerk);
    expect(tariff).toMatchObject({ key: 'domestic', currency: 'DJF', validityDays: 90, payeeDocumentAbove: djf(20_000), maxAmount: djf(500_000), cancelRefundsFee: false });
    expect(tariff.bands[0]).toEqual({ upTo: djf(10_000), fee: djf(300) });
    const quote = await a.fixture.ok('moneyOrders.quote', { kind: 'domestic', amount: djf(20_001) }, a.till.clerk);
    expect(quote).toMatchObject({ fee: djf(800), total: djf(20_801), payeeDocumentRequired: true });
    const supervisor = await a.fixture.signIn('hassan', '5678');
    const auditor = await a.fixture.signIn('fatouma', '2468');
    const technician = await a.fixture.signIn('ismail', '9012');
    const code = async (method: string, input: unknown, session?: string) => {
      const response = await a.fixture.call(method, input, session);
      return response.ok ? 'ok' : response.error.code;
    };
    expect(await code('moneyOrders.quote', { kind: 'domestic', amount: djf(1_000) }, supervisor)).toBe('ok');
    expect(await code('moneyOrders.quote', { kind: 'domestic', amount: djf(1_000) }, auditor)).toBe('FORBIDDEN_ROLE');
    expect(await code('moneyOrders.find', { number: '000000000195' }, technician)).toBe('FORBIDDEN_ROLE');
    expect(await code('moneyOrders.incoming', {})).toBe('NO_SESSION');
    expect(await code('moneyOrders.issue', { operationId: uuid7(), sessionId: a.till.sessionId, kind: 'domestic', senderId: uuid7(), payee: { name: 'X Y' }, amount: djf(1_000) }, supervisor)).toBe('FORBIDDEN_ROLE');
    expect(await code('moneyOrders.find', { number: '0000 0000 0196' }, a.till.clerk)).toBe('INVALID_INPUT');
    expect(await code('moneyOrders.find', { number: '12' }, a.till.clerk)).toBe('INVALID_INPUT');
    expect(await code('moneyOrders.pay', { operationId: uuid7(), sessionId: a.till.sessionId, number: '000000000195', secret: '1234567', document: { type: 'passport', number: 'P1', country: 'DJI' } }, a.till.clerk)).toBe('INVALID_INPUT');
  });
});
