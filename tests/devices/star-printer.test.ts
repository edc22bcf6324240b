// A Star receipt printer (Star Line Mode) over a real loopback TCP connection to the printer
// simulator: the configured model, not the library's defaults, decides every byte that differs
// from ESC/POS — code page, barcode, QR, image, cut, drawer pulse and the status request.
import { describe, expect, it } from 'vitest';
import type { Receipt } from '@shared/receipt';
import { DeviceManager } from '../../electron/services/devices/device-manager';
import { MemoryPrintJobStore } from '../../electron/services/devices/print-job-store';
import { findAsbFrame, readAsbHealth } from '../../electron/services/devices/protocols/star/asb';
import { PrinterNotReadyError, type ReceiptPrinter } from '../../electron/services/devices/receipt-printer';
import { waitUntil } from './helpers';
import { tokenizeStar, type StarToken } from './star-tokens';
import { expectRowsInOrder, useLoopbackPrinter } from './loopback-printer';

const TRACKING = 'https://poste.dj/suivi/RR123456785DJ?é=1';
const RECEIPT: Receipt = {
  demo: false,
  header: ['La Poste de Djibouti'],
  entries: [
    { kind: 'text', text: 'Reçu à Djibouti: colis, été, 10 €', large: true },
    { kind: 'text', text: 'بريد جيبوتي', align: 'right' },
    { kind: 'item', label: 'Colis recommandé', amount: '2 500 DJF' },
    { kind: 'total', label: 'TOTAL', amount: '2 500 DJF' },
    { kind: 'barcode', data: 'RR123456785DJ' },
    { kind: 'qr', data: TRACKING },
  ],
  footer: ['Merci de votre visite'],
};

/** PC858, the page Star's ESC GS t 4 selects. */
const cp858 = (s: string): Buffer =>
  Buffer.from([...s].map((ch) => ({ ç: 0x87, à: 0x85, é: 0x82, '€': 0xd5 })[ch] ?? ch.charCodeAt(0)));
const texts = (tokens: StarToken[]): Buffer[] => tokens.flatMap((t) => (t.op === 'text' ? [Buffer.from(t.bytes)] : []));
const indexOf = (tokens: StarToken[], test: (t: StarToken) => boolean): number => tokens.findIndex(test);

const loopback = useLoopbackPrinter();

const starPrinter = (codePage: 'PC858_EURO' | 'PC850_MULTILINGUAL' = 'PC858_EURO'): Promise<ReceiptPrinter> =>
  loopback.receiptPrinter({ model: 'star', codePage, columns: 48 }, 'TSP650');

describe('Star receipt printer over TCP', () => {
  it('sends Star Line Mode: PC858 accents, Arabic as ESC k image, Code 128, a complete QR, cut, ESC BEL drawer pulse', async () => {
    const printer = await starPrinter();
    await printer.print(RECEIPT);
    await printer.openDrawer();
    await waitUntil(() => loopback.server.jobs.length >= 2, 3000, 'receipt and drawer jobs');
    const tokens = tokenizeStar(loopback.server.captured);

    // Health is asked the Star way; Epson's DLE EOT and ESC p never reach a Star.
    expect(tokens[0]).toEqual({ op: 'ESC ACK SOH' });
    expect(loopback.server.captured.includes(Buffer.of(0x10, 0x04))).toBe(false);
    expect(loopback.server.captured.includes(Buffer.of(0x1b, 0x70))).toBe(false);

    // ESC GS t 4 (Star's number for PC858) before the first accented byte.
    const pageAt = indexOf(tokens, (t) => t.op === 'ESC GS t' && t.page === 4);
    const accentAt = indexOf(tokens, (t) => t.op === 'text' && Buffer.from(t.bytes).includes(0x87));
    expect(pageAt).toBeGreaterThanOrEqual(0);
    expect(accentAt).toBeGreaterThan(pageAt);
    expect(texts(tokens).some((t) => t.includes(cp858('Reçu à Djibouti: colis, été, 10 €')))).toBe(true);
    expect(texts(tokens).some((t) => t.includes(cp858('Colis recommandé')))).toBe(true);

    // Arabic: never code-page text, a fine-density bit image 576 dots (72 bytes) wide instead.
    expect(texts(tokens).some((t) => t.includes(Buffer.from('بريد', 'utf8')))).toBe(false);
    const bands = tokens.filter((t) => t.op === 'ESC k');
    expect(bands.length).toBeGreaterThan(0);
    expect(bands.every((t) => t.op === 'ESC k' && t.widthBytes === 72)).toBe(true);
    expect(bands.reduce((sum, t) => sum + (t.op === 'ESC k' ? t.blackBits : 0), 0)).toBeGreaterThan(200);

    // Code 128 (n1 = '6') with the number printed under it.
    expect(tokens).toContainEqual({ op: 'ESC b', type: 0x36, hri: 2, mode: 0x32, height: 80, data: 'RR123456785DJ' });

    // The QR data command carries the URL byte for byte (UTF-8 length, not characters), then prints.
    const qrAt = indexOf(tokens, (t) => t.op === 'QR data');
    expect(tokens[qrAt]).toEqual({ op: 'QR data', data: TRACKING });
    expect(tokens[qrAt + 1]).toEqual({ op: 'QR print' });
    // No stray text carries the URL (node-thermal-printer's own Star QR would print it as text).
    expect(texts(tokens).some((t) => t.includes(Buffer.from('poste.dj')))).toBe(false);

    // Feed to the cutter and cut (ESC d 2), after the QR: nothing prints after the paper is cut.
    const cutAt = indexOf(tokens, (t) => t.op === 'ESC d' && (t.n === 2 || t.n === 3));
    expect(cutAt).toBeGreaterThan(qrAt);

    // Drawer: pulse width set (200 ms on, 200 ms delay), then BEL drives external device 1.
    const pulseAt = indexOf(tokens, (t) => t.op === 'ESC BEL');
    expect(tokens[pulseAt]).toEqual({ op: 'ESC BEL', onMs: 200, delayMs: 200 });
    expect(tokens[pulseAt + 1]).toEqual({ op: 'BEL' });
    expect(pulseAt).toBeGreaterThan(cutAt);
  });

  it('the simulator reads a Star job back into the lines the preview shows', async () => {
    const printer = await starPrinter();
    await printer.print(RECEIPT);
    await printer.openDrawer();
    await waitUntil(() => loopback.server.jobs.length >= 2, 3000, 'receipt and drawer jobs');
    expect(loopback.server.jobs.map((job) => job.language)).toEqual(['star', 'star']);
    const transcript = loopback.server.jobs.flatMap((job) => job.transcript);
    expectRowsInOrder(transcript, RECEIPT);
    expect(transcript).toContain('[barcode Code 128: RR123456785DJ]');
    expect(transcript).toContain(`[QR: ${TRACKING}]`);
    // The Arabic line's 24-row bands read back as one image the width of the paper.
    expect(transcript.filter((line) => /^\[image 576x\d+ dots\]$/.test(line))).toHaveLength(1);
    expect(transcript).toContain('[cut]');
    expect(loopback.server.jobs[1]?.transcript).toEqual(['[drawer pulse device 1 200/200 ms]']);
  });

  it('a Star has no PC850: the 850 setting prints through PC858, so accents stay right', async () => {
    const printer = await starPrinter('PC850_MULTILINGUAL');
    await printer.print({ demo: false, header: [], entries: [{ kind: 'text', text: 'Dépôt été' }], footer: [] });
    await waitUntil(() => loopback.server.jobs.length >= 1, 3000, 'receipt job');
    const tokens = tokenizeStar(loopback.server.captured);
    expect(tokens.filter((t) => t.op === 'ESC GS t')).toEqual([{ op: 'ESC GS t', page: 4 }]);
    expect(texts(tokens).some((t) => t.includes(Buffer.from([0x44, 0x82, 0x70, 0x93, 0x74])))).toBe(true);
  });

  it('asks ESC ACK SOH: refuses to print with paper out, reads cover and drawer, prints once paper is back', async () => {
    const printer = await starPrinter();
    loopback.server.set({ paperOut: true });
    await expect(printer.print(RECEIPT)).rejects.toBeInstanceOf(PrinterNotReadyError);
    await expect(printer.print(RECEIPT)).rejects.toThrow(/out of paper/);
    expect(loopback.server.jobs).toHaveLength(0);
    loopback.server.set({ paperOut: false, coverOpen: true, drawerOpen: true });
    expect(await printer.readHealth()).toMatchObject({ coverOpen: true, drawerOpen: true, paperOut: false, problem: 'printer cover open' });
    loopback.server.set({ coverOpen: false, drawerOpen: false });
    expect(await printer.readHealth()).toMatchObject({ online: true, coverOpen: false, drawerOpen: false, problem: '' });
    await printer.print(RECEIPT);
    await waitUntil(() => loopback.server.jobs.length === 1, 3000, 'job after paper is back');
  });

  it('the model in the device configuration drives the DeviceManager: test page and drawer go out in Star Line Mode', async () => {
    const manager = new DeviceManager({ jobStore: new MemoryPrintJobStore(), printTickMs: 50 });
    loopback.track(manager);
    await manager.start([
      { id: 'receipt', name: 'Star', kind: 'receipt-printer', model: 'star', transport: { type: 'tcp', host: '127.0.0.1', port: loopback.server.port } },
      { id: 'drawer', name: 'Tiroir', kind: 'cash-drawer', printerId: 'receipt' },
    ]);
    await manager.testPrint('receipt');
    await manager.openDrawer('drawer');
    await waitUntil(() => loopback.server.jobs.length >= 2, 3000, 'test page and drawer');
    const tokens = tokenizeStar(loopback.server.captured);
    expect(tokens.some((t) => t.op === 'ESC b' && t.data === 'RR123456785DJ')).toBe(true);
    expect(tokens.some((t) => t.op === 'QR data')).toBe(true);
    expect(tokens.filter((t) => t.op === 'ESC BEL')).toHaveLength(1);
    expect(loopback.server.captured.includes(Buffer.of(0x1b, 0x70))).toBe(false);
  });
});

describe('Star ASB frames', () => {
  it('finds a frame among other bytes by its header and length, and waits for the rest of it', () => {
    const frame = [0x23, 0x02, 0x20, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00];
    expect(findAsbFrame([0x90, ...frame.slice(0, 5)])).toBeNull();
    expect(findAsbFrame([0x90, ...frame])).toEqual({ start: 1, bytes: frame });
    // A 7-byte frame (header 0x0F) from an older model.
    expect(findAsbFrame([0x0f, 0x02, 0x08, 0x00, 0x00, 0x00, 0x00])?.bytes).toHaveLength(7);
  });

  it('reads cover, offline, drawer, paper end, near end and errors', () => {
    expect(readAsbHealth([0x23, 0x02, 0x00, 0, 0, 0, 0, 0, 0])).toMatchObject({ online: true, problem: '' });
    expect(readAsbHealth([0x23, 0x02, 0x28, 0, 0, 0, 0, 0, 0])).toMatchObject({ coverOpen: true, online: false, problem: 'printer cover open' });
    expect(readAsbHealth([0x23, 0x02, 0x08, 0, 0, 0x08, 0, 0, 0])).toMatchObject({ paperOut: true, problem: 'printer out of paper' });
    expect(readAsbHealth([0x23, 0x02, 0x00, 0, 0, 0x04, 0, 0, 0])).toMatchObject({ paperLow: true, problem: '' });
    expect(readAsbHealth([0x23, 0x02, 0x04, 0, 0, 0, 0, 0, 0])).toMatchObject({ drawerOpen: true });
    expect(readAsbHealth([0x23, 0x02, 0x08, 0x08, 0, 0, 0, 0, 0])).toMatchObject({ problem: 'printer error: switch it off and on' });
  });
});
