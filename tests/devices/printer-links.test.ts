// The same receipt through the other two links: a device file (like /dev/usb/lp0) and a serial line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Receipt } from '@shared/receipt';
import { ReceiptPrinter } from '../../electron/services/devices/receipt-printer';
import { createPtyPair } from '../../electron/services/devices/simulators/pty-pair';
import { openSerialEnd } from '../../electron/services/devices/simulators/serial-end';
import { FileTransport } from '../../electron/services/devices/transports/file-transport';
import { SerialTransport } from '../../electron/services/devices/transports/serial-transport';
import { tokenize } from './escpos-tokens';
import { tempDir, waitUntil } from './helpers';

const RECEIPT: Receipt = { demo: false, header: ['Poste'], entries: [{ kind: 'text', text: 'Dépôt' }, { kind: 'barcode', data: 'RR123456785DJ' }], footer: [] };
const FORMAT = { model: 'epson', codePage: 'PC858_EURO', columns: 32 } as const;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('receipt printer links', () => {
  it('prints to a device file, which cannot report status, so printing goes ahead without it', async () => {
    const path = join(tempDir('lp'), 'lp0');
    const printer = new ReceiptPrinter({ id: 'p', kind: 'receipt-printer', name: 'USB printer' }, new FileTransport(path), FORMAT);
    cleanups.push(() => printer.close());
    await printer.open();
    await printer.claim();
    await printer.enable();
    expect(await printer.readHealth()).toBeNull();
    await printer.print(RECEIPT);
    await printer.openDrawer();
    const tokens = tokenize(readFileSync(path));
    expect(tokens.some((t) => t.op === 'text' && Buffer.from(t.bytes).includes(Buffer.from([0x44, 0x82, 0x70, 0x93, 0x74])))).toBe(true);
    expect(tokens).toContainEqual({ op: 'GS k', type: 73, data: '{BRR123456785DJ' });
    expect(tokens.some((t) => t.op === 'GS V')).toBe(true);
    expect(tokens.filter((t) => t.op === 'ESC p')).toEqual([{ op: 'ESC p', bytes: [0x1b, 0x70, 0x00, 0x19, 0xfa] }]);
  });

  it('is offline with a clear reason when the device file cannot be opened', async () => {
    const printer = new ReceiptPrinter({ id: 'p', kind: 'receipt-printer', name: 'USB printer' }, new FileTransport('/nonexistent-dir/lp0'), FORMAT);
    cleanups.push(() => printer.close());
    await printer.open();
    await printer.claim();
    expect(printer.status.power).toBe('offline');
    expect(printer.status.detail).toMatch(/ENOENT/);
    await expect(printer.print(RECEIPT)).rejects.toThrow(/offline/);
  });

  it('prints over a serial line (the library has no serial interface: its buffer goes through serialport)', async () => {
    const dir = tempDir('serial-printer');
    const pair = await createPtyPair(join(dir, 'counter'), join(dir, 'printer'));
    const far = await openSerialEnd(pair.simulatorPath, 19200);
    let received = Buffer.alloc(0);
    far.onData((chunk) => {
      received = Buffer.concat([received, chunk]);
    });
    const printer = new ReceiptPrinter(
      { id: 'p', kind: 'receipt-printer', name: 'Serial printer' },
      new SerialTransport({ path: pair.devicePath, baudRate: 19200, dataBits: 8, parity: 'none', stopBits: 1 }),
      FORMAT,
      150,
    );
    cleanups.push(async () => {
      await printer.close();
      await far.close();
      await pair.unplug();
    });
    await printer.open();
    await printer.claim();
    await printer.enable();
    // The far end never answers DLE EOT: after a short wait the receipt prints anyway.
    await printer.print(RECEIPT);
    await waitUntil(() => tokenize(received).some((t) => t.op === 'GS V'), 2000, 'whole receipt on the serial line');
    const tokens = tokenize(received);
    expect(tokens).toContainEqual({ op: 'GS k', type: 73, data: '{BRR123456785DJ' });
  });
});
