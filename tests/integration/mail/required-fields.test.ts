// Which label lines a service needs is tariff data, checked by the one shared schema: an ordinary
// letter goes without addresses, a registered item without its recipient is refused field by field,
// and an international parcel's CN22 content is queued for the receipt printer with the basket.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_REQUIRED } from '@shared/mail-item-rules';
import { uuid7 } from '@shared/uuid7';
import { djf, parisRecipient, sender, startMailCounter, type MailCounter } from './mail-counter';

let t: MailCounter;

beforeAll(async () => {
  t = await startMailCounter();
  await t.as(t.technician, 'devices.save', { id: 'receipt', name: 'Tickets', kind: 'receipt-printer', transport: { type: 'tcp', host: '127.0.0.1', port: 9 } });
});
afterAll(async () => {
  await t?.fixture.close();
});

const blank = (country: string) => ({ name: '', address: '', locality: '', country, phone: '' });
const weigh = (grams: number) => t.as(t.clerk, 'mail.weigh', { manualGrams: grams, reason: 'keyed for the test' });

describe('required label lines are tariff data', () => {
  it('the catalog says which lines each service needs', async () => {
    const catalog = await t.as(t.clerk, 'mail.catalog', {});
    expect(catalog.services.find((s) => s.code === 'LETTER')!.requiredFields).toEqual([]);
    expect(catalog.services.find((s) => s.code === 'REGISTERED')!.requiredFields).toEqual(['recipient.name', 'recipient.address']);
  });

  it('accepts an ordinary letter with no sender and no recipient', async () => {
    const weighing = await weigh(20);
    const result = await t.as(t.clerk, 'mail.accept', {
      operationId: uuid7(),
      sessionId: t.sessionId,
      items: [{ service: 'LETTER', destinationCountry: 'DJ', weighingId: weighing.id, sender: blank('DJ'), recipient: blank('DJ') }],
      tendered: djf(10_000),
    });
    expect(result.items).toHaveLength(1);
    expect(result.items[0]!.s10).toBeNull();
  });

  it('refuses a registered item without its recipient with one issue per empty field, and books nothing', async () => {
    const weighing = await weigh(40);
    const operationId = uuid7();
    const refusal = await t.refusal(t.clerk, 'mail.accept', {
      operationId,
      sessionId: t.sessionId,
      items: [{ service: 'REGISTERED', destinationCountry: 'DJ', weighingId: weighing.id, sender: blank('DJ'), recipient: blank('DJ') }],
      tendered: djf(10_000),
    });
    expect(refusal.code).toBe('INVALID_INPUT');
    expect(refusal.rule).toBe(FIELD_REQUIRED);
    expect(refusal.details.issues).toEqual([
      expect.objectContaining({ path: 'items.0.recipient.name', code: FIELD_REQUIRED }),
      expect.objectContaining({ path: 'items.0.recipient.address', code: FIELD_REQUIRED }),
    ]);
    const booked = await t.as(t.clerk, 'till.operations', { sessionId: t.sessionId, limit: 50 });
    expect(booked.some((operation) => operation.operationId === operationId)).toBe(false);
  });

  it('queues the CN22 with every customs line in the same transaction as the basket', async () => {
    const weighing = await weigh(1200);
    const customs = {
      category: 'gift' as const,
      lines: [
        { description: 'Coffee beans', quantity: 2, netWeightGrams: 900, valueMinor: 8000, hsCode: null, originCountry: 'ET' },
        { description: 'Woven basket', quantity: 1, netWeightGrams: 250, valueMinor: 3500, hsCode: null, originCountry: 'DJ' },
      ],
    };
    const result = await t.as(t.clerk, 'mail.accept', {
      operationId: uuid7(),
      sessionId: t.sessionId,
      items: [{ service: 'PARCEL', destinationCountry: 'FR', weighingId: weighing.id, sender, recipient: parisRecipient, customs }],
      tendered: djf(100_000),
    });
    const s10 = result.items[0]!.s10!;
    expect(result.items[0]!.customsForm).toBe('CN22');
    const db = new Database(t.fixture.counter.databaseFile, { readonly: true });
    try {
      const slips = db.prepare("SELECT payload FROM print_jobs WHERE reference = ? AND status = 'waiting'").all(`${s10}/CN`) as Array<{ payload: string }>;
      expect(slips).toHaveLength(1);
      const slip = slips[0]!.payload;
      expect(slip).toContain('CN22');
      expect(slip).toContain('Coffee beans');
      expect(slip).toContain('Woven basket');
    } finally {
      db.close();
    }
  });
});
