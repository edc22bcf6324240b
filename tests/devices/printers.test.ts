// Receipt and label printers over a real loopback TCP connection to the printer simulator.
import { describe, expect, it } from 'vitest';
import type { Receipt } from '@shared/receipt';
import { DeviceOfflineError } from '../../electron/services/devices/device';
import { LabelPrinter } from '../../electron/services/devices/label-printer';
import type { ParcelLabel } from '../../electron/services/devices/protocols/parcel-label';
import { PrinterNotReadyError, type ReceiptPrinter } from '../../electron/services/devices/receipt-printer';
import { tokenize, type Token } from './escpos-tokens';
import { waitUntil } from './helpers';
import { expectRowsInOrder, useLoopbackPrinter } from './loopback-printer';

const RECEIPT: Receipt = {
  demo: true,
  header: ['La Poste de Djibouti', 'Bureau de Plateau du Serpent'],
  entries: [
    { kind: 'text', text: 'Reçu à Djibouti: colis, été, 10 €' },
    { kind: 'text', text: 'بريد جيبوتي', align: 'right' },
    { kind: 'item', label: 'Colis recommandé 1,250 kg', amount: '2 500 DJF' },
    { kind: 'total', label: 'TOTAL', amount: '2 500 DJF' },
    { kind: 'barcode', data: 'RR123456785DJ' },
    { kind: 'qr', data: 'https://poste.dj/suivi/RR123456785DJ' },
  ],
  footer: ['Merci de votre visite'],
};

const LABEL: ParcelLabel = {
  s10: 'CP123456785DJ',
  service: 'Colis postal',
  weightGrams: 1250,
  sender: ['Amina Hassan', 'Rue de Venise, Djibouti'],
  recipient: ['Jean-Noël Mbemba', 'Av. de la Paix ^ ~ _', 'Brazzaville, Congo'],
  branch: 'Djibouti Plateau',
  postedOn: '22/11/2026',
  demo: false,
};

const texts = (tokens: Token[]): Buffer[] => tokens.flatMap((t) => (t.op === 'text' ? [Buffer.from(t.bytes)] : []));
const cp858 = (s: string): Buffer =>
  Buffer.from([...s].map((ch) => ({ ç: 0x87, à: 0x85, é: 0x82, '€': 0xd5 })[ch] ?? ch.charCodeAt(0)));

const loopback = useLoopbackPrinter();

const receiptPrinter = (): Promise<ReceiptPrinter> => loopback.receiptPrinter({ model: 'epson', codePage: 'PC858_EURO', columns: 48 });

describe('receipt printer over TCP', () => {
  it('sends French in PC858, Arabic as a raster image, Code 128, QR, a cut and the full 5-byte drawer pulse', async () => {
    const printer = await receiptPrinter();
    await printer.print(RECEIPT);
    await printer.openDrawer();
    await waitUntil(() => loopback.server.jobs.length >= 2, 3000, 'receipt and drawer jobs');

    const tokens = tokenize(loopback.server.captured);
    // Code page 19 (PC858) is selected before any accented byte.
    const pageAt = tokens.findIndex((t) => t.op === 'ESC t' && t.page === 19);
    const accentAt = tokens.findIndex((t) => t.op === 'text' && Buffer.from(t.bytes).includes(0x87));
    expect(pageAt).toBeGreaterThanOrEqual(0);
    expect(accentAt).toBeGreaterThan(pageAt);
    expect(texts(tokens).some((t) => t.includes(cp858('Reçu à Djibouti: colis, été, 10 €')))).toBe(true);
    // Arabic never goes out as code-page text: no Arabic UTF-8 bytes (0xD8/0xD9 lead bytes) in text runs.
    expect(texts(tokens).some((t) => t.includes(Buffer.from('بريد', 'utf8')))).toBe(false);
    const image = tokens.find((t) => t.op === 'GS v 0');
    expect(image).toMatchObject({ op: 'GS v 0', widthBytes: 72 });
    expect(image?.op === 'GS v 0' && image.blackBits).toBeGreaterThan(200);

    expect(tokens).toContainEqual({ op: 'GS k', type: 73, data: '{BRR123456785DJ' });
    expect(tokens).toContainEqual({ op: 'QR store', data: 'https://poste.dj/suivi/RR123456785DJ' });
    expect(tokens.some((t) => t.op === 'GS V' && t.m === 0)).toBe(true);
    const pulses = tokens.filter((t) => t.op === 'ESC p');
    expect(pulses).toEqual([{ op: 'ESC p', bytes: [0x1b, 0x70, 0x00, 0x19, 0xfa] }]);
    // The cut comes after the QR and the total: nothing is printed after the paper is cut.
    const cutAt = tokens.findIndex((t) => t.op === 'GS V');
    const qrAt = tokens.findIndex((t) => t.op === 'QR store');
    expect(cutAt).toBeGreaterThan(qrAt);
  });

  it('prints what the preview shows: every text row of the layout appears in order in the transcript', async () => {
    const printer = await receiptPrinter();
    await printer.print(RECEIPT);
    await waitUntil(() => loopback.server.jobs.length >= 1, 3000, 'receipt job');
    const transcript = loopback.server.jobs.flatMap((job) => job.transcript);
    expectRowsInOrder(transcript, RECEIPT);
    expect(transcript).toContain('[barcode Code 128: RR123456785DJ]');
    expect(transcript).toContain('[QR: https://poste.dj/suivi/RR123456785DJ]');
    expect(transcript.filter((line) => line.includes('DEMO'))).toHaveLength(2);
  });

  it('refuses to print when the printer reports paper out, and prints once paper is back', async () => {
    const printer = await receiptPrinter();
    loopback.server.set({ paperOut: true });
    await expect(printer.print(RECEIPT)).rejects.toBeInstanceOf(PrinterNotReadyError);
    await expect(printer.print(RECEIPT)).rejects.toThrow(/out of paper/);
    expect(printer.status.state).toBe('error');
    expect(loopback.server.jobs).toHaveLength(0);
    loopback.server.set({ paperOut: false });
    await printer.print(RECEIPT);
    await waitUntil(() => loopback.server.jobs.length === 1, 3000, 'job after paper is back');
    expect(printer.status.state).toBe('idle');
  });

  it('reads the cover and drawer sensors through DLE EOT', async () => {
    const printer = await receiptPrinter();
    loopback.server.set({ coverOpen: true, drawerOpen: true });
    expect(await printer.readHealth()).toMatchObject({ coverOpen: true, drawerOpen: true, paperOut: false, problem: 'printer cover open' });
    loopback.server.set({ coverOpen: false, drawerOpen: false });
    expect(await printer.readHealth()).toMatchObject({ coverOpen: false, drawerOpen: false, problem: '' });
  });

  it('goes offline within 2 s when the printer is switched off, refuses at once, and reconnects by itself', async () => {
    const printer = await receiptPrinter();
    expect(printer.status.power).toBe('online');
    await loopback.server.stop();
    await waitUntil(() => printer.status.power === 'offline', 2000, 'offline');
    await expect(printer.print(RECEIPT)).rejects.toBeInstanceOf(DeviceOfflineError);
    await loopback.server.start();
    await waitUntil(() => printer.status.power === 'online', 4000, 'back online');
    await printer.print(RECEIPT);
    await waitUntil(() => loopback.server.jobs.length === 1, 3000, 'job after reconnect');
  });
});

describe('label printer over TCP', () => {
  const labelPrinter = (language: 'zpl' | 'tspl'): Promise<LabelPrinter> =>
    loopback.open((transport) => new LabelPrinter({ id: 'l', kind: 'label-printer', name: 'Labels' }, transport, language));

  it('prints a 100×150 mm ZPL label with the S10 number as Code 128 and as text', async () => {
    const printer = await labelPrinter('zpl');
    await printer.printLabel(LABEL);
    await waitUntil(() => loopback.server.jobs.length === 1, 3000, 'label job');
    // The printer was asked first (~HS); the job itself is what follows.
    expect(loopback.server.captured.subarray(0, 3).toString('latin1')).toBe('~HS');
    const zpl = loopback.server.jobs[0]!.bytes.toString('utf8');
    expect(zpl.startsWith('^XA')).toBe(true);
    expect(zpl.trimEnd().endsWith('^XZ')).toBe(true);
    expect(zpl).toContain('^CI28');
    expect(zpl).toContain('^PW800');
    expect(zpl).toContain('^LL1200');
    // The barcode field: ^BC (Code 128) then ^FD<S10>^FS.
    const barcode = /\^BC[NRIB]?,?[^\^]*\^FD([^\^]*)\^FS/.exec(zpl);
    expect(barcode?.[1]).toBe('CP123456785DJ');
    expect(zpl).toContain('^FDCP 123 456 785 DJ^FS');
    // UTF-8 accents intact; ZPL command characters in data are hex-escaped, never raw.
    expect(zpl).toContain('Jean-Noël Mbemba');
    expect(zpl).toContain('Av. de la Paix _5E _7E _5F');
    expect(loopback.server.jobs[0]?.transcript).toContain('Av. de la Paix ^ ~ _');
    expect(loopback.server.jobs[0]?.transcript).toContain('[barcode code-128: CP123456785DJ]');
  });

  it('prints the same label in TSPL', async () => {
    const printer = await labelPrinter('tspl');
    await printer.printLabel(LABEL);
    await waitUntil(() => loopback.server.jobs.length === 1, 3000, 'label job');
    expect([...loopback.server.captured.subarray(0, 3)]).toEqual([0x1b, 0x21, 0x3f]);
    const tspl = loopback.server.jobs[0]!.bytes.toString('utf8');
    expect(tspl).toMatch(/^SIZE 100 mm,150 mm\r\n/);
    expect(tspl).toMatch(/\r\nBARCODE \d+,\d+,"128",\d+,0,0,3,6,"CP123456785DJ"\r\n/);
    expect(tspl).toContain('"CP 123 456 785 DJ"');
    expect(tspl).toMatch(/PRINT 1,1\r\n$/);
  });

  for (const language of ['zpl', 'tspl'] as const) {
    it(`asks the ${language.toUpperCase()} printer first: out of labels or head open refuses, nothing is lost, and it prints once ready`, async () => {
      const printer = await labelPrinter(language);
      loopback.server.set({ paperOut: true });
      const refused = await printer.printLabel(LABEL).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(PrinterNotReadyError);
      expect((refused as PrinterNotReadyError).health.problem).toBe('label printer out of labels');
      loopback.server.set({ paperOut: false, coverOpen: true });
      expect(await printer.readHealth()).toMatchObject({ headOpen: true, problem: 'label printer head open' });
      loopback.server.set({ coverOpen: false });
      expect(await printer.readHealth()).toMatchObject({ paperOut: false, headOpen: false, problem: '' });
      expect(loopback.server.jobs).toHaveLength(0);
      await printer.printLabel(LABEL);
      await waitUntil(() => loopback.server.jobs.length === 1, 3000, 'label job once ready');
      expect(loopback.server.jobs[0]!.transcript).toContain('[barcode code-128: CP123456785DJ]');
    });
  }

  it('never prints a label with a malformed item number', async () => {
    const printer = await labelPrinter('zpl');
    await expect(printer.printLabel({ ...LABEL, s10: 'CP12345678DJ' })).rejects.toThrow(/not an S10/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(loopback.server.captured.length).toBe(0);
  });
});
