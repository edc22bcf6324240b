import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResponse } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import { HASSAN, startCounter, type Caller, type TestCounter } from './ledger/counter-session';

const djf = (minor: number) => ({ minor, currency: 'DJF' });

/** The refusal's code and its issues as `path: code`, the way a window reads them. */
function refusal(response: CallResponse) {
  if (response.ok) throw new Error(`expected a refusal, got ${JSON.stringify(response.result)}`);
  const issues = (response.error.details?.issues ?? []) as Array<{ path: string; code: string; limit?: number }>;
  return { code: response.error.code, issues: issues.map((issue) => `${issue.path}: ${issue.code}`) };
}

/**
 * The text attacks of issue 11, each through the router as a window would send it. Before the
 * rule, the NUL reference was booked and then stopped replication forever, a lone surrogate was
 * booked and then failed verify (SQLite stored U+FFFD, the hash was over the surrogate), and a
 * right-to-left override was booked and printed.
 */
describe('text hygiene at the contract', () => {
  let t: TestCounter;
  let hassan: Caller;
  let amina: Caller;
  let sessionId: string;

  beforeAll(async () => {
    t = await startCounter();
    hassan = await t.as('hassan');
    amina = await t.as('amina');
    await hassan.call('safe.receiveCash', { operationId: uuid7(), amount: djf(1_000_000), reference: 'HO-0001' });
    const opened = await hassan.call('till.open', { operationId: uuid7(), tillId: 'G1', clerk: 'amina', float: djf(50_000) });
    sessionId = opened.sessionId;
    const mine = await amina.call('till.mine', {});
    await amina.call('till.confirmReceipt', { operationId: uuid7(), pendingTransferId: mine!.pending[0]!.transferId });
  });
  afterAll(() => t.close());

  const sellRegistered = (reference: string) =>
    amina.try('sale.complete', { operationId: uuid7(), sessionId, lines: [{ productCode: 'REGISTERED-LOCAL', quantity: 1, reference }], tendered: djf(1_200) });

  it('refuses a NUL byte in a sale reference, naming the field', async () => {
    expect(refusal(await sellRegistered('RR00\u00000001DJ'))).toEqual({ code: 'INVALID_INPUT', issues: ['lines.0.reference: text-control-character'] });
  });

  it('refuses a lone surrogate in a reference and in a void reason', async () => {
    expect(refusal(await sellRegistered('RR\ud800X'))).toEqual({ code: 'INVALID_INPUT', issues: ['lines.0.reference: text-lone-surrogate'] });
    const sale = await amina.call('sale.complete', { operationId: uuid7(), sessionId, lines: [{ productCode: 'STAMP-LOCAL', quantity: 1 }], tendered: djf(100) });
    const voided = await amina.try('till.voidOperation', { operationId: uuid7(), targetOperationId: sale.operationId, reason: 'oops\udfff' }, HASSAN);
    expect(refusal(voided)).toEqual({ code: 'INVALID_INPUT', issues: ['reason: text-lone-surrogate'] });
  });

  it('refuses a right-to-left override (and an isolate) in a reference', async () => {
    expect(refusal(await sellRegistered('RR\u202e587654321DJ'))).toEqual({ code: 'INVALID_INPUT', issues: ['lines.0.reference: text-bidi-control'] });
    const safe = await hassan.try('safe.receiveCash', { operationId: uuid7(), amount: djf(10), reference: 'HO\u2067-0002' });
    expect(refusal(safe)).toEqual({ code: 'INVALID_INPUT', issues: ['reference: text-bidi-control'] });
  });

  it('says which field is too long and its limit', async () => {
    const response = await sellRegistered('R'.repeat(41));
    expect(refusal(response)).toEqual({ code: 'INVALID_INPUT', issues: ['lines.0.reference: too_big'] });
    expect(!response.ok && (response.error.details?.issues as Array<{ limit?: number }>)[0]?.limit).toBe(40);
  });

  it('refuses extra fields instead of dropping them', async () => {
    const extra = await amina.try('sale.complete', {
      operationId: uuid7(),
      sessionId,
      lines: [{ productCode: 'STAMP-LOCAL', quantity: 1, price: 1 }],
      tendered: djf(100),
      discount: 99,
    } as never);
    expect(refusal(extra).issues.sort()).toEqual([': unrecognized_keys', 'lines.0: unrecognized_keys']);
    const approval = await amina.try('till.paidOut', { operationId: uuid7(), sessionId, amount: djf(30_000), reasonCode: 'OFFICE-SUPPLIES' }, {
      ...HASSAN,
      role: 'supervisor',
    } as never);
    expect(refusal(approval).code).toBe('INVALID_INPUT');
  });

  it('stores and hashes the NFC form of what was typed, trimmed, and verify passes', async () => {
    const sale = await amina.call('sale.complete', {
      operationId: uuid7(),
      sessionId,
      lines: [{ productCode: 'REGISTERED-LOCAL', quantity: 1, reference: ' RR123456785DJ ' }],
      tendered: djf(1_200),
    });
    expect(sale.lines[0]?.reference).toBe('RR123456785DJ');
    // "trouvé" typed with a combining accent (e + U+0301) is kept as the single letter é.
    const paid = await amina.call('till.paidIn', { operationId: uuid7(), sessionId, amount: djf(5), reasonCode: 'FOUND-CASH', note: 'trouve\u0301 sous le comptoir' });
    const journal = await hassan.call('journal.query', { operationId: paid.operationId });
    expect(journal.map((entry) => entry.reason)).toContain('FOUND-CASH: trouv\u00e9 sous le comptoir');
    expect((await hassan.call('ledger.verify', {})).ok).toBe(true);
  });
});

describe('session and role come before the input shape', () => {
  let t: TestCounter;
  let amina: Caller;

  beforeAll(async () => {
    t = await startCounter();
    amina = await t.as('amina');
  });
  afterAll(() => t.close());

  const bad = { operationId: 'not-an-id', sessionId: '\u0000', lines: [], tendered: 'lots', sneaky: true };

  it('a caller without a session gets NO_SESSION, not the shape of the input', async () => {
    const response = await t.counter.route({ id: 'x1', method: 'sale.complete', input: bad });
    expect(refusal(response)).toEqual({ code: 'NO_SESSION', issues: [] });
    const forged = await t.counter.route({ id: 'x2', method: 'sale.complete', input: bad, session: 'forged' });
    expect(refusal(forged).code).toBe('NO_SESSION');
  });

  it('the wrong role gets FORBIDDEN_ROLE, not the shape of the input', async () => {
    expect(refusal(await amina.try('safe.receiveCash', bad as never)).code).toBe('FORBIDDEN_ROLE');
  });

  it('methods that need no session still check their input', async () => {
    const signIn = await t.counter.route({ id: 'x3', method: 'auth.signIn', input: { username: 'amina\u202e', secret: '1234' } });
    expect(refusal(signIn)).toEqual({ code: 'INVALID_INPUT', issues: ['username: text-bidi-control'] });
    expect(refusal(await t.counter.route({ id: 'x4', method: 'system.status', input: { sneaky: true } })).code).toBe('INVALID_INPUT');
  });
});
