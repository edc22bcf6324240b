// The Z report on the receipt printer, through the router: a real till day on a real SQLite file,
// the report queued in the durable print queue, and the bytes a loopback TCP printer received
// decoded by the test's own ESC/POS tokenizer. A printer that is off never loses the report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalCredentials, CallResponse, Input, MethodName, Output } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import { PrinterServer } from '../../../electron/services/devices/simulators/printer-server';
import { tokenize } from '../../devices/escpos-tokens';
import { waitUntil } from '../../devices/helpers';
import { startCounter, type CounterFixture } from '../../support/counter-fixture';

const djf = (minor: number) => ({ minor, currency: 'DJF' });
const HASSAN: ApprovalCredentials = { username: 'hassan', secret: '5678' };
const FAST = { initialMs: 50, maxMs: 200, factor: 2, jitter: 0 };

/** The PC858 letters a French Z report uses; anything else outside ASCII shows as '?'. */
const PC858: Record<number, string> = { 0x82: 'é', 0x85: 'à', 0x87: 'ç', 0x88: 'ê', 0x8a: 'è', 0x8c: 'î', 0x90: 'É', 0x93: 'ô', 0xd4: 'È' };
/** The printed lines of ESC/POS bytes: text runs decoded, commands dropped. */
const printedLines = (bytes: Buffer): string[] =>
  tokenize(bytes)
    .flatMap((t) => (t.op === 'text' ? t.bytes.map((b) => (b < 0x80 ? String.fromCharCode(b) : (PC858[b] ?? '?'))).join('') : '\n'))
    .join('')
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '');

const code = (response: CallResponse): string | null => (response.ok ? null : response.error.code);

describe('Z report on the receipt printer', () => {
  const printer = new PrinterServer();
  let t: CounterFixture;
  let hassan: string;
  let amina: string;
  let sessionId: string;
  const as = async <M extends MethodName>(session: string, method: M, input: Input<M>): Promise<Output<M>> => t.ok(method, input, session);

  beforeAll(async () => {
    await printer.start();
    t = await startCounter({ deviceTiming: { linkBackoff: FAST, printBackoff: FAST, printTickMs: 50 } });
    const technician = await t.signIn('ismail', '9012');
    await as(technician, 'devices.save', { id: 'receipt', name: 'Imprimante tickets', kind: 'receipt-printer', transport: { type: 'tcp', host: '127.0.0.1', port: printer.port } });
    hassan = await t.signIn('hassan', '5678');
    amina = await t.signIn('amina', '1234');

    // A short till day: float 50 000, one sale of 450, counted 50 200: 250 short.
    await as(hassan, 'safe.receiveCash', { operationId: uuid7(), amount: djf(1_000_000), reference: 'HO-0001' });
    sessionId = (await as(hassan, 'till.open', { operationId: uuid7(), tillId: 'G1', clerk: 'amina', float: djf(50_000) })).sessionId;
    const mine = await as(amina, 'till.mine', {});
    await as(amina, 'till.confirmReceipt', { operationId: uuid7(), pendingTransferId: mine!.pending[0]!.transferId });
    await as(amina, 'sale.complete', {
      operationId: uuid7(),
      sessionId,
      lines: [{ productCode: 'STAMP-LOCAL', quantity: 3 }, { productCode: 'ENVELOPE-A4', quantity: 1 }],
      tendered: djf(1_000),
    });
    // The sale prints its own receipt and opens the drawer; what follows reads the Z report's paper alone.
    await waitUntil(() => printer.jobs.length === 2, 10_000, 'the sale receipt and the drawer pulse');
    printer.jobs.splice(0);
    printer.captured = Buffer.alloc(0);
  });
  afterAll(async () => {
    await t.close();
    await printer.stop();
  });

  it('is read by the same rules as on screen: a clerk only their own till, once counted', async () => {
    const early = await t.call('till.printZReport', { sessionId }, amina);
    expect(early.ok ? null : [early.error.code, early.error.details?.rule]).toEqual(['RULE_BROKEN', 'count-first']);
    const omar = await t.signIn('omar', '4321');
    expect(code(await t.call('till.printZReport', { sessionId }, omar))).toBe('FORBIDDEN_ROLE');
    const ismail = await t.signIn('ismail', '9012');
    expect(code(await t.call('till.printZReport', { sessionId }, ismail))).toBe('FORBIDDEN_ROLE');
    expect(code(await t.call('till.printZReport', { sessionId }))).toBe('NO_SESSION');
    expect(printer.jobs).toHaveLength(0);
  });

  it('prints the totals and the over/short lines the screen shows', async () => {
    const count = await as(amina, 'till.submitCount', { operationId: uuid7(), sessionId, counts: [{ denomination: 10000, quantity: 5 }, { denomination: 100, quantity: 2 }] });
    const closed = await t.call('till.close', { operationId: uuid7(), sessionId, countId: count.countId, explanation: 'pièce de 250 perdue' }, amina, HASSAN);
    expect(closed.ok).toBe(true);
    const z = await as(amina, 'till.zReport', { sessionId });
    expect(z.overShort.short).toEqual(djf(250));

    const job = await as(amina, 'till.printZReport', { sessionId });
    expect(job).toMatchObject({ kind: 'receipt', deviceId: 'receipt', reference: `z-report:${sessionId}` });
    await waitUntil(() => printer.jobs.length === 1, 10_000, 'Z report at the printer');

    const lines = printedLines(printer.captured);
    expect(lines).toContain('RAPPORT Z');
    expect(lines.some((line) => /^Caisse G1 - clôturée$/.test(line.trim()))).toBe(true);
    expect(lines).toContainEqual(expect.stringMatching(/^TOTAL VENTES \(Espèces 1\) +450 DJF$/));
    expect(lines).toContainEqual(expect.stringMatching(/^Fonds de caisse +50 000 DJF$/));
    expect(lines).toContainEqual(expect.stringMatching(/^Rendu au coffre +50 200 DJF$/));
    expect(lines).toContainEqual(expect.stringMatching(/^Comptage 1 .* amina +50 200 DJF$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ +attendu +50 450 DJF$/));
    expect(lines).toContainEqual(expect.stringMatching(/^Excédent +0 DJF$/));
    expect(lines).toContainEqual(expect.stringMatching(/^Manquant +250 DJF$/));
    expect(lines).toContainEqual(expect.stringMatching(/^En litige \(attente\) +0 DJF$/));
    expect(lines).toContain('Explication: pièce de 250 perdue');
    expect(lines).toContain('Approuvé par: hassan');
    expect(lines).toContainEqual(expect.stringMatching(/^ESPÈCES ATTENDUES +0 DJF$/));
    // Paper anchors the journal: the key's fingerprint and the chain head when printed.
    const verified = await as(hassan, 'ledger.verify', {});
    expect(lines).toContain(`Clé du journal: ${verified.signedBy}`);
    expect(lines).toContain(`Tête de chaîne: seq ${verified.lastSeq}`);
    expect(lines).toContain(verified.lastHash.slice(0, 32));
    expect(lines).toContain(verified.lastHash.slice(32));
    // The demo branch marks the paper; the cut comes last.
    expect(lines.filter((line) => line.trim() === '*** DEMO - SANS VALEUR ***')).toHaveLength(2);
    expect(tokenize(printer.captured).some((tok) => tok.op === 'GS V')).toBe(true);

    const audit = await as(hassan, 'audit.list', { limit: 20, action: 'till.zReport.print' });
    expect(JSON.stringify(audit)).toContain(sessionId);
  });

  it('waits in the queue while the printer is off, prints when it is back, and can be reprinted', async () => {
    await printer.stop();
    const printedBefore = printer.jobs.length;
    const job = await as(hassan, 'till.printZReport', { sessionId });
    expect(job.status).toBe('waiting');

    // The queue tries, fails on the dead link, and keeps the job.
    const find = async () => (await as(hassan, 'print.jobs', { limit: 20 })).jobs.find((j) => j.id === job.id);
    for (const deadline = Date.now() + 10_000; (await find())?.attempts === 0 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
    expect(await find()).toMatchObject({ status: 'waiting', lastError: expect.stringMatching(/offline|ECONNREFUSED|not connected/i) });
    expect(printer.jobs).toHaveLength(printedBefore);

    await printer.start();
    await waitUntil(() => printer.jobs.length === printedBefore + 1, 15_000, 'queued Z report printed once the printer is back');
    expect(printer.jobs.at(-1)?.transcript.join('\n')).toMatch(/Manquant +250 DJF/);
    for (const deadline = Date.now() + 5_000; (await find())?.status !== 'printed' && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
    expect(await find()).toMatchObject({ status: 'printed' });

    const copy = await as(hassan, 'print.reprint', { jobId: job.id });
    expect(copy).toMatchObject({ reprintOf: job.id, reference: `z-report:${sessionId}` });
    await waitUntil(() => printer.jobs.length === printedBefore + 2, 10_000, 'reprint');
  });
});
