// Voiding a mail acceptance within the session, through the router: supervisor approval,
// reversing transfers with the reason in the journal and on the Z report, S10 numbers kept
// issued and never reused, a cancellation event per item, waiting labels and receipt cancelled,
// and a void receipt printed on a loopback TCP printer once it is switched on.
import Database from 'better-sqlite3';
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
let db: Database.Database;

const count = (sql: string, ...params: unknown[]): number => (db.prepare(sql).get(...params) as { n: number }).n;
const refusal = (response: CallResponse) => (response.ok ? null : { code: response.error.code, rule: response.error.details?.rule });
/** Every text run the receipt printer was sent, as Latin-1 (the test's own ESC/POS tokenizer). */
const printedText = (): string =>
  receiptPrinter.jobs.flatMap((job) => tokenize(job.bytes)).flatMap((token) => (token.op === 'text' ? [Buffer.from(token.bytes).toString('latin1')] : [])).join('\n');

type Accepted = Output<'mail.accept'>;
const acceptBasket = async (): Promise<Accepted> => {
  const letter = await t.as(t.clerk, 'mail.weigh', { manualGrams: 20, reason: 'letter too light for the scale' });
  const parcel = await t.as(t.clerk, 'mail.weigh', { manualGrams: 1200, reason: 'scale busy' });
  const stamps = (await t.as(t.clerk, 'mail.catalog', {})).products.find((p) => p.code === 'STAMP-INTL')!;
  return t.as(t.clerk, 'mail.accept', {
    operationId: uuid7(),
    sessionId: t.sessionId,
    items: [
      { service: 'REGISTERED', destinationCountry: 'DJ', weighingId: letter.id, options: ['AR'], sender, recipient: { ...sender, name: 'Ayan Hassan' } },
      { service: 'PARCEL', destinationCountry: 'FR', weighingId: parcel.id, sender, recipient: parisRecipient, customs: completeCustoms },
    ],
    products: [{ ean: stamps.ean, quantity: 2 }],
    tendered: djf(50_000),
  });
};

beforeAll(async () => {
  // Both printers switched off: the basket's labels and receipt wait in the queue.
  const receiptPort = await receiptPrinter.start();
  const labelPort = await labelPrinter.start();
  await receiptPrinter.stop();
  await labelPrinter.stop();
  t = await startMailCounter({ deviceTiming: { ...FAST_DEVICES, printTickMs: 50 } });
  await t.as(t.technician, 'devices.save', { id: 'receipt', name: 'Tickets', kind: 'receipt-printer', transport: { type: 'tcp', host: '127.0.0.1', port: receiptPort } });
  await t.as(t.technician, 'devices.save', { id: 'label', name: 'Étiquettes', kind: 'label-printer', protocol: 'zpl', transport: { type: 'tcp', host: '127.0.0.1', port: labelPort } });
  db = new Database(t.fixture.counter.databaseFile);
  db.pragma('busy_timeout = 5000');
});

afterAll(async () => {
  db?.close();
  await t?.fixture.close();
  await receiptPrinter.stop();
  await labelPrinter.stop();
});

describe('voiding a mail acceptance within the session', () => {
  let basket: Accepted;
  let voided: Output<'till.voidOperation'>;
  let voidInput: { operationId: string; targetOperationId: string; reason: string };
  const s10s = () => basket.items.map((item) => item.s10!);

  it('is offered among the session\'s voidable operations and needs a supervisor', async () => {
    basket = await acceptBasket();
    expect(basket.printing).toEqual({ labels: 'label-printer', queued: 4 });
    // A basket is one payment, however many items and transfers it holds.
    expect((await t.as(t.supervisor, 'till.zReport', { sessionId: t.sessionId })).payments).toEqual([{ method: 'cash', count: 1, amount: basket.total }]);
    const operations = await t.as(t.clerk, 'till.operations', { sessionId: t.sessionId, limit: 20 });
    expect(operations.find((o) => o.operationId === basket.operationId)).toMatchObject({ kind: 'mail-acceptance', voidable: true, voidedBy: null });

    voidInput = { operationId: uuid7(), targetOperationId: basket.operationId, reason: 'customer changed their mind' };
    expect(refusal(await t.fixture.call('till.voidOperation', voidInput, t.clerk))).toMatchObject({ code: 'APPROVAL_REQUIRED' });
    expect(refusal(await t.fixture.call('till.voidOperation', voidInput, t.clerk, { username: 'hassan', secret: '0000' }))).toMatchObject({ code: 'APPROVAL_REFUSED' });
    expect(count('SELECT count(*) AS n FROM ledger_operations WHERE reverses_operation_id = ?', basket.operationId)).toBe(0);
  });

  it('reverses every transfer with the reason and the approver, in the journal and on the Z report', async () => {
    const stockBefore = (await t.as(t.clerk, 'mail.catalog', {})).products.find((p) => p.code === 'STAMP-INTL')!.stock;
    const response = await t.fixture.call('till.voidOperation', voidInput, t.clerk, HASSAN);
    expect(response.ok).toBe(true);
    voided = (response as { result: Output<'till.voidOperation'> }).result;
    // REGISTERED: postage (+AR); PARCEL: postage; stamps: one line. No insurance here.
    expect(voided).toMatchObject({ targetOperationId: basket.operationId, reversedTransfers: 3, amount: basket.total, approvedBy: 'hassan', reason: voidInput.reason });
    expect(voided.printing).toEqual({ queued: 1, cancelled: 4 });

    const journal = await t.as(t.supervisor, 'journal.query', { operationId: voidInput.operationId });
    expect(journal).toHaveLength(3);
    for (const entry of journal) expect(entry).toMatchObject({ code: 'void', reason: voidInput.reason, approvedBy: 'hassan', reversalOf: expect.stringContaining(basket.operationId) });
    // Accounts carry their code, which the journal screen names in the reader's language.
    for (const entry of journal) expect([entry.debit.code, entry.credit.code]).toEqual(['revenue', 'till-cash']);
    expect(journal.map((entry) => entry.reference).filter(Boolean).sort()).toEqual([...s10s()].sort());

    const z = await t.as(t.supervisor, 'till.zReport', { sessionId: t.sessionId });
    expect(z.voids.items).toEqual([expect.objectContaining({ operationId: voidInput.operationId, targetOperationId: basket.operationId, reason: voidInput.reason, approvedBy: 'hassan', amount: basket.total })]);
    expect(z.payments).toEqual([{ method: 'cash', count: 0, amount: djf(0) }]);
    // Each mail service and the stamps net out to nothing sold.
    for (const code of ['MAIL-REGISTERED', 'MAIL-PARCEL', 'STAMP-INTL']) expect(z.products.find((p) => p.productCode === code)).toMatchObject({ count: 0, net: djf(0) });
    expect((await t.as(t.clerk, 'mail.catalog', {})).products.find((p) => p.code === 'STAMP-INTL')!.stock).toBe(stockBefore + 2);
    expect((await t.as(t.supervisor, 'ledger.verify', {})).ok).toBe(true);
  });

  it('keeps the S10 numbers issued, never reuses them, and tells tracking the acceptance was cancelled', async () => {
    expect(count(`SELECT count(*) AS n FROM s10_issued WHERE s10 IN (?, ?)`, ...s10s())).toBe(2);
    expect(count(`SELECT count(*) AS n FROM mail_items WHERE operation_id = ?`, basket.operationId)).toBe(2);
    for (const s10 of s10s()) {
      const tracked = await t.as(t.clerk, 'tracking.lookup', { s10 });
      expect(tracked.events.map((event) => [event.code, event.note])).toEqual([['EMA', null], ['LOC-EMA-CANCELLED', voidInput.reason]]);
      expect(tracked.events[1]!.name.en).toMatch(/cancelled.*local code/i);
    }
    // The next basket gets new numbers from further along the same ranges.
    const next = await acceptBasket();
    expect(next.items.map((item) => item.s10)).not.toEqual(expect.arrayContaining(s10s()));
    expect(next.items.map((item) => Number(item.s10!.slice(2, 10)))).toEqual(s10s().map((s10) => Number(s10.slice(2, 10)) + 1));
    // A cancellation is written by a void only, never keyed in by a clerk.
    expect((await t.as(t.clerk, 'tracking.codes', {})).find((code) => code.code === 'LOC-EMA-CANCELLED')).toMatchObject({ atCounter: false });
  });

  it('cancels the labels and receipt still waiting; the void receipt prints once the printer is on', async () => {
    const jobs = (await t.as(t.clerk, 'print.jobs', { limit: 50 })).jobs;
    const mine = (reference: string) => jobs.filter((job) => job.reference === reference).map((job) => job.status);
    expect(mine(basket.operationId)).toEqual(['cancelled']);
    for (const s10 of s10s()) expect(mine(s10)).toEqual(['cancelled']);
    expect(mine(`${s10s()[1]}/CN`)).toEqual(['cancelled']);
    expect(jobs.find((job) => job.reference === voidInput.operationId)).toMatchObject({ kind: 'receipt' });

    await receiptPrinter.start();
    await labelPrinter.start();
    await waitUntil(() => printedText().includes(voidInput.operationId), 30_000, 'the void receipt at the printer');
    const text = printedText();
    expect(text).toContain('ANNULATION DE D');
    for (const s10 of s10s()) expect(text).toContain(spacedS10(s10));
    expect(text).toContain(voidInput.reason);
    // The cancelled basket receipt and labels never print; the second basket's do.
    await waitUntil(() => labelPrinter.jobs.length >= 2, 30_000, 'the second basket\'s labels');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const labelled = labelPrinter.jobs.flatMap((job) => job.transcript).join('\n');
    for (const s10 of s10s()) expect(labelled).not.toContain(s10);
    expect(receiptPrinter.jobs.filter((job) => tokenize(job.bytes).some((token) => token.op === 'GS k' && s10s().some((s10) => token.data.endsWith(s10))))).toEqual([]);
  });

  it('voids once: a retry answers the same void, a second void is refused', async () => {
    const again = await t.fixture.call('till.voidOperation', voidInput, t.clerk, HASSAN);
    expect(again.ok && again.result).toMatchObject({ operationId: voidInput.operationId, replayed: true, printing: { queued: 1, cancelled: 4 } });
    expect(count('SELECT count(*) AS n FROM print_jobs WHERE reference = ?', voidInput.operationId)).toBe(1);
    expect(refusal(await t.fixture.call('till.voidOperation', { ...voidInput, operationId: uuid7() }, t.clerk, HASSAN))).toEqual({ code: 'CONFLICT', rule: 'already-voided' });
    expect(count("SELECT count(*) AS n FROM tracking_events WHERE code = 'LOC-EMA-CANCELLED'")).toBe(2);
  });

  it('is refused once an item has moved on, and nothing is reversed', async () => {
    const other = await acceptBasket();
    await t.as(t.clerk, 'tracking.record', { eventId: uuid7(), s10: other.items[1]!.s10!, code: 'EDA', note: 'held' });
    const transfers = count('SELECT count(*) AS n FROM ledger_transfers');
    const response = await t.fixture.call('till.voidOperation', { operationId: uuid7(), targetOperationId: other.operationId, reason: 'too late' }, t.clerk, HASSAN);
    expect(refusal(response)).toEqual({ code: 'RULE_BROKEN', rule: 'item-moved-on' });
    expect(count('SELECT count(*) AS n FROM ledger_transfers')).toBe(transfers);
    expect(count("SELECT count(*) AS n FROM tracking_events WHERE code = 'LOC-EMA-CANCELLED'")).toBe(2);
  });
});
