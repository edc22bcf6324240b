// Reprints at the counter, through the router: the receipt of a basket, and the parcel label of
// one item by its S10 (typed with spaces or scanned), audited, pointing back to the first print;
// on loopback TCP printers (ZPL labels, ESC/POS receipts decoded by the test's own tokenizer).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalCredentials, CallResponse, Output } from '@shared/contract';
import { spacedS10 } from '@shared/s10';
import { uuid7 } from '@shared/uuid7';
import { PrinterServer } from '../../../electron/services/devices/simulators/printer-server';
import { tokenize } from '../../devices/escpos-tokens';
import { waitUntil } from '../../devices/helpers';
import { completeCustoms, djf, FAST_DEVICES, parisRecipient, sender, startMailCounter, type MailCounter } from './mail-counter';

const HASSAN: ApprovalCredentials = { username: 'hassan', secret: '5678' };
const receiptPrinter = new PrinterServer();
const labelPrinter = new PrinterServer();
let t: MailCounter;

const refusal = (response: CallResponse) => (response.ok ? null : { code: response.error.code, rule: response.error.details?.rule });
const labelsOf = (s10: string): number => labelPrinter.jobs.filter((job) => job.language === 'zpl' && job.bytes.toString('utf8').includes(s10)).length;
/** Code 128 barcodes the receipt printer was sent for this item (the data carries its code set prefix). */
const receiptBarcodesOf = (s10: string): number =>
  receiptPrinter.jobs.flatMap((job) => tokenize(job.bytes)).filter((token) => token.op === 'GS k' && token.data.endsWith(s10)).length;

const acceptBasket = async (): Promise<Output<'mail.accept'>> => {
  const letter = await t.as(t.clerk, 'mail.weigh', { manualGrams: 20, reason: 'letter too light for the scale' });
  const parcel = await t.as(t.clerk, 'mail.weigh', { manualGrams: 1200, reason: 'scale busy' });
  return t.as(t.clerk, 'mail.accept', {
    operationId: uuid7(),
    sessionId: t.sessionId,
    items: [
      { service: 'REGISTERED', destinationCountry: 'DJ', weighingId: letter.id, sender, recipient: { ...sender, name: 'Ayan Hassan' } },
      { service: 'PARCEL', destinationCountry: 'FR', weighingId: parcel.id, sender, recipient: parisRecipient, customs: completeCustoms },
    ],
    tendered: djf(50_000),
  });
};

beforeAll(async () => {
  await receiptPrinter.start();
  await labelPrinter.start();
  t = await startMailCounter({ deviceTiming: { ...FAST_DEVICES, printTickMs: 50 } });
  await t.as(t.technician, 'devices.save', { id: 'receipt', name: 'Tickets', kind: 'receipt-printer', transport: { type: 'tcp', host: '127.0.0.1', port: receiptPrinter.port } });
  await t.as(t.technician, 'devices.save', { id: 'label', name: 'Étiquettes', kind: 'label-printer', protocol: 'zpl', transport: { type: 'tcp', host: '127.0.0.1', port: labelPrinter.port } });
});

afterAll(async () => {
  await t?.fixture.close();
  await receiptPrinter.stop();
  await labelPrinter.stop();
});

describe('reprints', () => {
  let basket: Output<'mail.accept'>;
  let parcelS10: string;

  it('reprints the label of one item, typed with spaces, audited and marked as a copy of the first', async () => {
    basket = await acceptBasket();
    parcelS10 = basket.items[1]!.s10!;
    await waitUntil(() => labelsOf(parcelS10) === 1 && labelsOf(basket.items[0]!.s10!) === 1, 30_000, 'both labels printed');

    expect(await t.as(t.clerk, 'mail.reprint', { s10: spacedS10(parcelS10) })).toEqual({ queued: 1 });
    await waitUntil(() => labelsOf(parcelS10) === 2, 30_000, 'the label printed again');
    expect(labelsOf(basket.items[0]!.s10!)).toBe(1);
    const zpl = labelPrinter.jobs.at(-1)!.transcript.join('\n');
    expect(zpl).toContain('Claire Martin');

    const jobs = (await t.as(t.clerk, 'print.jobs', { limit: 20 })).jobs.filter((job) => job.reference === parcelS10);
    const first = jobs.find((job) => job.reprintOf === null)!;
    expect(jobs.filter((job) => job.reprintOf === first.id)).toEqual([expect.objectContaining({ kind: 'label', deviceId: 'label' })]);
    const audit = await t.as(t.supervisor, 'audit.list', { action: 'mail.reprint.label', limit: 5 });
    expect(audit[0]).toMatchObject({ actor: 'amina', subject: parcelS10, outcome: 'ok', details: { printer: 'label', reprintOf: first.id } });
  });

  it('without a label printer, the copy comes out of the receipt printer', async () => {
    await t.as(t.technician, 'devices.remove', { id: 'label' });
    const before = receiptBarcodesOf(parcelS10);
    expect(await t.as(t.clerk, 'mail.reprint', { s10: parcelS10 })).toEqual({ queued: 1 });
    await waitUntil(() => receiptBarcodesOf(parcelS10) === before + 1, 30_000, 'the label on the receipt printer');
  });

  it('still reprints the receipt of a basket, as a copy of the first', async () => {
    expect(await t.as(t.supervisor, 'mail.reprint', { operationId: basket.operationId })).toEqual({ queued: 1 });
    const jobs = (await t.as(t.clerk, 'print.jobs', { limit: 20 })).jobs.filter((job) => job.reference === basket.operationId);
    expect(jobs).toHaveLength(2);
    expect(jobs.find((job) => job.reprintOf !== null)!.reprintOf).toBe(jobs.find((job) => job.reprintOf === null)!.id);
    expect((await t.as(t.supervisor, 'audit.list', { action: 'mail.reprint', limit: 5 }))[0]).toMatchObject({ actor: 'hassan', subject: basket.operationId });
  });

  it('refuses a wrong check digit, an item this branch never accepted, and an item whose acceptance was voided', async () => {
    const wrongDigit = parcelS10.slice(0, 10) + String((Number(parcelS10[10]) + 1) % 10) + parcelS10.slice(11);
    expect(refusal(await t.fixture.call('mail.reprint', { s10: wrongDigit }, t.clerk))).toEqual({ code: 'INVALID_INPUT', rule: 's10-check-digit' });
    expect(refusal(await t.fixture.call('mail.reprint', { s10: 'RR123456785DJ' }, t.clerk))).toEqual({ code: 'NOT_FOUND', rule: 'unknown-item' });
    expect(refusal(await t.fixture.call('mail.reprint', { s10: parcelS10, operationId: basket.operationId }, t.clerk))).toMatchObject({ code: 'INVALID_INPUT' });

    const voided = await t.fixture.call('till.voidOperation', { operationId: uuid7(), targetOperationId: basket.operationId, reason: 'wrong destination' }, t.clerk, HASSAN);
    expect(voided.ok).toBe(true);
    expect(refusal(await t.fixture.call('mail.reprint', { s10: parcelS10 }, t.clerk))).toEqual({ code: 'RULE_BROKEN', rule: 'acceptance-voided' });
  });
});
