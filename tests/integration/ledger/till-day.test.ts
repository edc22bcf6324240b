import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResponse } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import { HASSAN, startCounter, type Caller, type TestCounter } from './counter-session';

const djf = (minor: number) => ({ minor, currency: 'DJF' });
const refusal = (response: CallResponse) => {
  if (response.ok) throw new Error('expected a refusal');
  return { code: response.error.code, rule: response.error.details?.rule };
};

describe('a till day through the contract', () => {
  let t: TestCounter;
  let hassan: Caller;
  let amina: Caller;
  let omar: Caller;
  let sessionId: string;
  let saleId: string;

  beforeAll(async () => {
    t = await startCounter();
    hassan = await t.as('hassan');
    amina = await t.as('amina');
    omar = await t.as('omar');
    await hassan.call('safe.receiveCash', { operationId: uuid7(), amount: djf(1_000_000), reference: 'HO-0001' });
  });
  afterAll(() => t.close());

  it('only a supervisor opens a till; the float waits for the clerk', async () => {
    expect(refusal(await amina.try('till.open', { operationId: uuid7(), tillId: 'G1', clerk: 'amina', float: djf(50_000) })).code).toBe('FORBIDDEN_ROLE');
    const opened = await hassan.call('till.open', { operationId: uuid7(), tillId: 'G1', clerk: 'amina', float: djf(50_000) });
    sessionId = opened.sessionId;
    expect(opened.status).toBe('awaiting-float');
    expect(t.counter.status().tillsOpen).toBe(1);
    // The till is busy and so is the clerk.
    expect(refusal(await hassan.try('till.open', { operationId: uuid7(), tillId: 'G1', clerk: 'omar', float: djf(1) }))).toEqual({ code: 'CONFLICT', rule: 'till-busy' });
    expect(refusal(await hassan.try('till.open', { operationId: uuid7(), tillId: 'G2', clerk: 'amina', float: djf(1) }))).toEqual({ code: 'CONFLICT', rule: 'clerk-busy' });
    // No sale before the float is confirmed.
    const early = await amina.try('sale.complete', { operationId: uuid7(), sessionId, lines: [{ productCode: 'STAMP-LOCAL', quantity: 1 }], tendered: djf(100) });
    expect(refusal(early)).toEqual({ code: 'RULE_BROKEN', rule: 'till-state' });

    const mine = await amina.call('till.mine', {});
    expect(mine?.pending).toHaveLength(1);
    expect(mine?.pending[0]).toMatchObject({ kind: 'float', amount: djf(50_000), awaiting: 'clerk' });
    // Another clerk cannot confirm Amina's float.
    expect(refusal(await omar.try('till.confirmReceipt', { operationId: uuid7(), pendingTransferId: mine!.pending[0]!.transferId })).code).toBe('FORBIDDEN_ROLE');
    await amina.call('till.confirmReceipt', { operationId: uuid7(), pendingTransferId: mine!.pending[0]!.transferId });
    expect((await amina.call('till.mine', {}))?.status).toBe('open');
  });

  it('never shows the clerk the expected cash before the count', async () => {
    const mine = await amina.call('till.mine', {});
    expect(mine).not.toHaveProperty('expectedCash');
    expect(JSON.stringify(mine)).not.toContain('50000');
    expect(refusal(await amina.try('till.list', {})).code).toBe('FORBIDDEN_ROLE');
    expect(refusal(await amina.try('safe.status', {})).code).toBe('FORBIDDEN_ROLE');
    expect(refusal(await amina.try('journal.query', {})).code).toBe('FORBIDDEN_ROLE');
    expect(refusal(await amina.try('ledger.accounts', {})).code).toBe('FORBIDDEN_ROLE');
    expect(refusal(await amina.try('till.zReport', { sessionId }))).toEqual({ code: 'RULE_BROKEN', rule: 'count-first' });
    const list = await hassan.call('till.list', {});
    expect(list[0]?.expectedCash).toEqual(djf(50_000));
  });

  it('a sale posts once however many times it is sent, and gives change', async () => {
    saleId = uuid7();
    const input = { operationId: saleId, sessionId, lines: [{ productCode: 'STAMP-LOCAL', quantity: 3 }, { productCode: 'ENVELOPE-A4', quantity: 1 }], tendered: djf(1_000) };
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => amina.call('sale.complete', input)));
    expect(answers[0]).toMatchObject({ total: djf(450), change: djf(550), replayed: false });
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    expect(answers.every((a) => a.total.minor === 450 && a.operationId === saleId)).toBe(true);
    const journal = await hassan.call('journal.query', { operationId: saleId });
    expect(journal).toHaveLength(2);
    // The same id for another basket is refused, not booked.
    expect(refusal(await amina.try('sale.complete', { ...input, tendered: djf(500) }))).toEqual({ code: 'CONFLICT', rule: 'operation-id-reused' });
  });

  it('refuses bad amounts with a code a form can show', async () => {
    const paid = (minor: number, currency = 'DJF') =>
      amina.try('till.paidIn', { operationId: uuid7(), sessionId, amount: { minor, currency }, reasonCode: 'FOUND-CASH' });
    const issue = (response: CallResponse) => (response.ok ? null : (response.error.details?.issues as Array<{ code: string; path: string }>)[0]);
    expect(issue(await paid(0))).toMatchObject({ code: 'amount-zero', path: 'amount.minor' });
    expect(issue(await paid(-10))).toMatchObject({ code: 'amount-negative' });
    expect(issue(await paid(60_000_000))).toMatchObject({ code: 'amount-too-large' });
    expect(issue(await paid(10, 'EUR'))).toMatchObject({ code: 'currency-mismatch' });
    expect(refusal(await paid(10.5)).code).toBe('INVALID_INPUT');
    const short = await amina.try('sale.complete', { operationId: uuid7(), sessionId, lines: [{ productCode: 'STAMP-LOCAL', quantity: 1 }], tendered: djf(50) });
    expect(issue(short)).toMatchObject({ code: 'tender-short' });
  });

  it('a referenced item is sold once', async () => {
    const sell = () =>
      amina.try('sale.complete', { operationId: uuid7(), sessionId, lines: [{ productCode: 'REGISTERED-LOCAL', quantity: 1, reference: 'RR123456785DJ' }], tendered: djf(1_200) });
    expect((await sell()).ok).toBe(true);
    expect(refusal(await sell())).toEqual({ code: 'CONFLICT', rule: 'duplicate-reference' });
    const missing = await amina.try('sale.complete', { operationId: uuid7(), sessionId, lines: [{ productCode: 'REGISTERED-LOCAL', quantity: 1 }], tendered: djf(1_200) });
    expect(refusal(missing)).toEqual({ code: 'INVALID_INPUT', rule: 'reference-required' });
  });

  it('paid-out above the threshold needs a supervisor, and never more than the till holds', async () => {
    const input = { operationId: uuid7(), sessionId, amount: djf(30_000), reasonCode: 'OFFICE-SUPPLIES' };
    expect(refusal(await amina.try('till.paidOut', input)).code).toBe('APPROVAL_REQUIRED');
    expect(refusal(await amina.try('till.paidOut', input, { username: 'hassan', secret: '0000' })).code).toBe('APPROVAL_REFUSED');
    expect(refusal(await amina.try('till.paidOut', input, { username: 'omar', secret: '4321' })).code).toBe('APPROVAL_REFUSED');
    const paid = await amina.call('till.paidOut', input, HASSAN);
    expect(paid).toMatchObject({ approvedBy: 'hassan', kind: 'paid-out' });
    // The retry of a booked operation does not ask again.
    expect(await amina.call('till.paidOut', input)).toMatchObject({ replayed: true });
    const tooMuch = await amina.try('till.paidOut', { operationId: uuid7(), sessionId, amount: djf(900_000), reasonCode: 'OFFICE-SUPPLIES' }, HASSAN);
    expect(refusal(tooMuch)).toEqual({ code: 'RULE_BROKEN', rule: 'insufficient-funds' });
    expect(refusal(await amina.try('till.paidOut', { operationId: uuid7(), sessionId, amount: djf(100), reasonCode: 'LUNCH' }))).toEqual({ code: 'INVALID_INPUT', rule: 'unknown-reason' });
    await amina.call('till.paidIn', { operationId: uuid7(), sessionId, amount: djf(500), reasonCode: 'FOUND-CASH', note: 'under the counter' });
  });

  it('voids a sale with approval, once, visible in the journal', async () => {
    const input = { operationId: uuid7(), targetOperationId: saleId, reason: 'customer changed their mind' };
    expect(refusal(await amina.try('till.voidOperation', input)).code).toBe('APPROVAL_REQUIRED');
    expect(refusal(await omar.try('till.voidOperation', input, HASSAN)).code).toBe('FORBIDDEN_ROLE');
    const voided = await amina.call('till.voidOperation', input, HASSAN);
    expect(voided).toMatchObject({ amount: djf(450), reversedTransfers: 2, approvedBy: 'hassan' });
    expect(refusal(await amina.try('till.voidOperation', { ...input, operationId: uuid7() }, HASSAN))).toEqual({ code: 'CONFLICT', rule: 'already-voided' });
    const corrections = await hassan.call('journal.query', { correctionsOnly: true, tillId: 'G1' });
    expect(corrections).toHaveLength(2);
    expect(corrections[0]?.correction).toMatchObject({ by: 'amina', approvedBy: 'hassan', why: 'customer changed their mind' });
    expect(corrections.every((c) => c.reversalOf !== null)).toBe(true);
    const ops = await amina.call('till.operations', { sessionId });
    expect(ops.find((o) => o.operationId === saleId)).toMatchObject({ voidedBy: input.operationId, voidable: false });
  });

  it('a drop to the safe is in transit until a supervisor confirms; counting waits for it', async () => {
    const drop = await amina.call('till.transferToSafe', { operationId: uuid7(), sessionId, amount: djf(5_000) });
    expect(drop.pendingTransferId).not.toBeNull();
    const count = await amina.try('till.submitCount', { operationId: uuid7(), sessionId, counts: [{ denomination: 1000, quantity: 1 }] });
    expect(refusal(count)).toEqual({ code: 'RULE_BROKEN', rule: 'pending-transfers' });
    expect(refusal(await amina.try('till.confirmReceipt', { operationId: uuid7(), pendingTransferId: drop.pendingTransferId! })).code).toBe('FORBIDDEN_ROLE');
    await hassan.call('till.confirmReceipt', { operationId: uuid7(), pendingTransferId: drop.pendingTransferId! });
  });

  it('blind count, recount, close with a shortage: over/short and suspense, never silently charged', async () => {
    // Expected now: 50000 float + 1200 registered − 30000 paid out + 500 paid in − 5000 drop = 16700.
    const first = await amina.call('till.submitCount', { operationId: uuid7(), sessionId, counts: [{ denomination: 10000, quantity: 1 }, { denomination: 5000, quantity: 1 }] });
    expect(first).toMatchObject({ attempt: 1, counted: djf(15_000), expected: djf(16_700), difference: djf(-1_700), outcome: 'short' });
    // Counting stops trading.
    const sale = await amina.try('sale.complete', { operationId: uuid7(), sessionId, lines: [{ productCode: 'STAMP-LOCAL', quantity: 1 }], tendered: djf(100) });
    expect(refusal(sale)).toEqual({ code: 'RULE_BROKEN', rule: 'till-state' });
    const second = await amina.call('till.submitCount', {
      operationId: uuid7(),
      sessionId,
      counts: [{ denomination: 10000, quantity: 1 }, { denomination: 5000, quantity: 1 }, { denomination: 500, quantity: 3 }],
    });
    expect(second).toMatchObject({ attempt: 2, counted: djf(16_500), difference: djf(-200) });
    expect(refusal(await amina.try('till.submitCount', { operationId: uuid7(), sessionId, counts: [{ denomination: 7, quantity: 1 }] })).rule).toBe('unknown-denomination');

    const close = { operationId: uuid7(), sessionId, countId: second.countId, explanation: 'a 200 coin is missing, I dispute 50', disputedMinor: 50 };
    expect(refusal(await amina.try('till.close', close)).code).toBe('APPROVAL_REQUIRED');
    expect(refusal(await amina.try('till.close', { ...close, countId: first.countId }, HASSAN))).toEqual({ code: 'RULE_BROKEN', rule: 'not-latest-count' });
    expect(refusal(await amina.try('till.close', { ...close, explanation: undefined }, HASSAN))).toEqual({ code: 'INVALID_INPUT', rule: 'explanation-required' });
    expect(refusal(await amina.try('till.close', { ...close, disputedMinor: 300 }, HASSAN))).toEqual({ code: 'INVALID_INPUT', rule: 'dispute-too-large' });
    const closed = await amina.call('till.close', close, HASSAN);
    expect(closed).toMatchObject({ toOverShort: djf(150), toSuspense: djf(50), returnedToSafe: djf(16_500), approvedBy: 'hassan' });
    expect(t.counter.status().tillsOpen).toBe(0);
  });

  it('the Z report shows sales, voids, cash movements, counts and the shortage', async () => {
    const z = await amina.call('till.zReport', { sessionId });
    expect(z.status).toBe('closed');
    expect(z.products.find((p) => p.productCode === 'STAMP-LOCAL')).toMatchObject({ count: 0, gross: djf(300), voided: djf(300), net: djf(0) });
    expect(z.products.find((p) => p.productCode === 'REGISTERED-LOCAL')).toMatchObject({ count: 1, net: djf(1_200) });
    expect(z.payments).toEqual([{ method: 'cash', count: 1, amount: djf(1_200) }]);
    expect(z.cashMovements).toMatchObject({ float: djf(50_000), drops: djf(5_000), returnedToSafe: djf(16_500) });
    expect(z.cashMovements.paidOut).toEqual([{ reasonCode: 'OFFICE-SUPPLIES', count: 1, amount: djf(30_000) }]);
    expect(z.voids).toMatchObject({ count: 1, amount: djf(450) });
    expect(z.voids.items[0]).toMatchObject({ reason: 'customer changed their mind', approvedBy: 'hassan' });
    expect(z.counts.map((c) => c.attempt)).toEqual([1, 2]);
    expect(z.overShort).toEqual({ over: djf(0), short: djf(150), suspense: djf(50), explanation: 'a 200 coin is missing, I dispute 50', approvedBy: 'hassan' });
    expect(z.expectedCash).toEqual(djf(0));
    expect(refusal(await omar.try('till.zReport', { sessionId })).code).toBe('FORBIDDEN_ROLE');
  });

  it('day close: refused while a till is live, then one atomic summary, then the period is closed', async () => {
    const other = await hassan.call('till.open', { operationId: uuid7(), tillId: 'G2', clerk: 'omar', float: djf(10_000) });
    const blocked = await hassan.try('day.close', { operationId: uuid7(), safeCount: [{ denomination: 10000, quantity: 1 }] });
    expect(refusal(blocked)).toEqual({ code: 'RULE_BROKEN', rule: 'tills-open' });
    const preview = await hassan.call('day.preview', {});
    expect(preview.liveTills.map((s) => s.tillId)).toEqual(['G2']);
    expect(preview.pending).toHaveLength(1);
    await hassan.call('till.cancelPending', { operationId: uuid7(), pendingTransferId: preview.pending[0]!.transferId, reason: 'clerk went home ill' });
    expect((await hassan.call('till.list', { status: 'all' })).find((s) => s.sessionId === other.sessionId)?.status).toBe('closed');

    const safe = await hassan.call('safe.status', {});
    // Safe: 1,000,000 − 50,000 float + 5,000 drop + 16,500 returned = 971,500.
    expect(safe.balance).toEqual(djf(971_500));
    const closeId = uuid7();
    const count = [{ denomination: 10000, quantity: 97 }, { denomination: 500, quantity: 1 }];
    const noWhy = await hassan.try('day.close', { operationId: closeId, safeCount: count });
    expect(refusal(noWhy)).toEqual({ code: 'INVALID_INPUT', rule: 'explanation-required' });
    const summary = await hassan.call('day.close', { operationId: closeId, safeCount: count, explanation: 'counted twice, 1000 short' });
    expect(summary.safe).toMatchObject({ expected: djf(971_500), counted: djf(970_500), difference: djf(-1_000) });
    const verify = await hassan.call('ledger.verify', {});
    expect(verify.ok).toBe(true);
    expect(summary.lastSeq).toBe(verify.lastSeq);
    expect(summary.lastHash).toBe(verify.lastHash);
    // The close names the key that signed its chain head: the paper anchor of the day.
    expect(summary.keyFingerprint).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
    expect(summary.keyFingerprint).toBe(verify.signedBy);
    expect(summary.accounts.find((a) => a.accountId === 'suspense:DJF')).toMatchObject({ debitsPosted: 1_050 });
    // A lost reply: the retry returns the same summary.
    // (Head office's verdict is read at each answer: the demo head office may confirm the close in between.)
    const { headOffice: _first, ...booked } = summary;
    const { headOffice: _replay, ...replayed } = await hassan.call('day.close', { operationId: closeId, safeCount: count, explanation: 'counted twice, 1000 short' });
    expect(replayed).toEqual({ ...booked, replayed: true });
    expect(_first?.dayCloseId).toBe(summary.id);
    const again = await hassan.try('day.close', { operationId: uuid7(), safeCount: count, explanation: 'again' });
    expect(refusal(again)).toEqual({ code: 'RULE_BROKEN', rule: 'period-closed' });
    expect(await hassan.call('day.closes', {})).toHaveLength(1);
  });

  it('verify is answered to auditors and technicians, not clerks', async () => {
    const fatouma = await t.as('fatouma');
    const ismail = await t.as('ismail');
    expect((await fatouma.call('ledger.verify', {})).ok).toBe(true);
    expect((await ismail.call('ledger.verify', {})).ok).toBe(true);
    expect(refusal(await amina.try('ledger.verify', {})).code).toBe('FORBIDDEN_ROLE');
  });
});
