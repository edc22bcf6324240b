import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuid7 } from '@shared/uuid7';
import { djf, startMailCounter, type MailCounter } from './mail-counter';

let t: MailCounter;
beforeAll(async () => {
  t = await startMailCounter();
});
afterAll(() => t?.fixture.close());

describe('e-commerce pickup', () => {
  it('hands over a parcel with cash on delivery: identity recorded, COD payable credited, delivery event, once', async () => {
    const waiting = await t.as(t.clerk, 'pickup.list', { status: 'waiting' });
    expect(waiting.map((p) => p.barcode).sort()).toEqual(['ESQ000100001', 'ESQ000100002', 'SHP000300003']);
    expect(JSON.stringify(waiting)).not.toContain('482913'); // the pickup code never goes back to the window
    const parcel = await t.as(t.clerk, 'pickup.find', { code: 'ESQ000100001' });
    expect(parcel).toMatchObject({ recipientName: 'Fatouma Ali', amountToCollect: djf(12500), dueForReturn: false });

    const base = { sessionId: t.sessionId, parcelId: parcel.id, idDocument: { type: 'national-id' as const, number: 'DJ-123456' } };
    expect(await t.refusal(t.clerk, 'pickup.handOver', { ...base, operationId: uuid7(), pickupCode: '000000', tendered: djf(20000) })).toMatchObject({ code: 'RULE_BROKEN', rule: 'wrong-pickup-code' });
    expect(await t.refusal(t.clerk, 'pickup.handOver', { ...base, operationId: uuid7(), pickupCode: '482913' })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await t.refusal(t.clerk, 'pickup.handOver', { ...base, operationId: uuid7(), pickupCode: '482913', tendered: djf(10000) })).toMatchObject({ code: 'INVALID_INPUT' });

    const operationId = uuid7();
    const request = { ...base, operationId, pickupCode: '482913', tendered: djf(15000) };
    const done = await t.as(t.clerk, 'pickup.handOver', request);
    expect(done).toMatchObject({ collected: djf(12500), change: djf(2500), parcel: { status: 'delivered' }, replayed: false });
    expect(done.receipt.entries).toContainEqual({ kind: 'barcode', data: 'ESQ000100001' });
    // The document checked, in the branch's language (French at the demo branch), never its code.
    expect(done.receipt.entries).toContainEqual({ kind: 'text', text: 'Pièce d’identité vérifiée: Carte nationale d’identité' });
    expect((await t.as(t.clerk, 'pickup.handOver', request)).replayed).toBe(true);
    expect(await t.refusal(t.clerk, 'pickup.handOver', { ...request, operationId: uuid7() })).toMatchObject({ code: 'CONFLICT', rule: 'already-delivered' });

    const db = new Database(t.fixture.counter.databaseFile, { readonly: true });
    try {
      expect(db.prepare('SELECT id_document_type, id_document_number, delivered_by FROM pickup_parcels WHERE id = ?').get(parcel.id)).toEqual({ id_document_type: 'national-id', id_document_number: 'DJ-123456', delivered_by: 'amina' });
      expect(db.prepare('SELECT credits_posted FROM ledger_accounts WHERE id = ?').get('cod-payable:E-Suuq:DJF')).toEqual({ credits_posted: 12500 });
      expect(db.prepare('SELECT count(*) AS n FROM ledger_transfers WHERE operation_id = ?').get(operationId)).toEqual({ n: 1 });
    } finally {
      db.close();
    }
    expect((await t.as(t.clerk, 'tracking.lookup', { s10: 'ESQ000100001' }).catch((e: Error) => e.message))).toMatch(/INVALID_INPUT/);

    // The Z report shows the cash taken for the marketplace — not a sale — and its lines add up to the cash expected.
    const z = await t.as(t.supervisor, 'till.zReport', { sessionId: t.sessionId });
    expect(z.cashMovements.collectedOnDelivery).toEqual([{ marketplace: 'E-Suuq', count: 1, amount: djf(12500) }]);
    expect(z.payments).toEqual([{ method: 'cash', count: 0, amount: djf(0) }]);
    const sum = (lines: Array<{ amount: { minor: number } }>) => lines.reduce((total, line) => total + line.amount.minor, 0);
    const cash = z.cashMovements;
    const fromTheLines = cash.float.minor + cash.topUps.minor - cash.drops.minor + sum(cash.paidIn) - sum(cash.paidOut) + sum(cash.collectedOnDelivery) + sum(z.payments) - cash.returnedToSafe.minor;
    expect(fromTheLines).toBe(z.expectedCash.minor);
    expect(z.expectedCash).toEqual(djf(20_000 + 12_500));
  });

  it('lists parcels not collected in time for return, and records the return', async () => {
    const due = await t.as(t.clerk, 'pickup.list', { status: 'due-for-return' });
    expect(due.map((p) => p.barcode)).toEqual(['SHP000300003']);
    expect(await t.refusal(t.clerk, 'pickup.markReturned', { parcelId: 'ESQ-2025-0002' })).toMatchObject({ rule: 'not-due-for-return' });
    expect((await t.as(t.clerk, 'pickup.markReturned', { parcelId: due[0]!.id })).status).toBe('returned');
    expect(await t.as(t.clerk, 'pickup.list', { status: 'due-for-return' })).toEqual([]);
  });
});
