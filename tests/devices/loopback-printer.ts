import { afterEach, beforeEach, expect } from 'vitest';
import { layoutReceipt, type Receipt } from '@shared/receipt';
import type { CounterDevice } from '../../electron/services/devices/device';
import type { ReceiptFormat } from '../../electron/services/devices/protocols/escpos/receipt-escpos';
import { ReceiptPrinter } from '../../electron/services/devices/receipt-printer';
import { PrinterServer } from '../../electron/services/devices/simulators/printer-server';
import { TcpTransport } from '../../electron/services/devices/transports/tcp-transport';

/** Opens, claims and enables a device, as the device manager does. */
export async function ready<D extends CounterDevice>(device: D): Promise<D> {
  await device.open();
  await device.claim();
  await device.enable();
  return device;
}

/**
 * A printer simulator on a fresh loopback port for every test of the file, and every device
 * a test opened on it closed after the test.
 */
export function useLoopbackPrinter() {
  let server: PrinterServer | null = null;
  const opened: Array<{ close(): Promise<void> }> = [];
  beforeEach(async () => {
    server = new PrinterServer();
    await server.start();
  });
  afterEach(async () => {
    for (const device of opened.splice(0)) await device.close();
    await server?.stop();
  });
  const current = (): PrinterServer => {
    if (!server) throw new Error('the loopback printer starts in beforeEach');
    return server;
  };
  return {
    get server(): PrinterServer {
      return current();
    },
    /** Anything with a close() (a device manager) closed after the test. */
    track: <T extends { close(): Promise<void> }>(thing: T): T => {
      opened.push(thing);
      return thing;
    },
    /** A device on the loopback printer, ready, and closed after the test. */
    open: <D extends CounterDevice>(make: (transport: TcpTransport) => D): Promise<D> => {
      const device = make(new TcpTransport('127.0.0.1', current().port));
      opened.push(device);
      return ready(device);
    },
    receiptPrinter: (format: ReceiptFormat, name = 'Receipt printer'): Promise<ReceiptPrinter> => {
      const device = new ReceiptPrinter({ id: 'p', kind: 'receipt-printer', name }, new TcpTransport('127.0.0.1', current().port), format);
      opened.push(device);
      return ready(device);
    },
  };
}

/** Every text row the receipt lays out (right-to-left rows print as images) is in the transcript, in order. */
export function expectRowsInOrder(transcript: string[], receipt: Receipt, columns = 48): void {
  const rows = layoutReceipt(receipt, columns).flatMap((row) => (row.kind === 'text' && !row.rtl && row.text ? [row.text] : []));
  let from = 0;
  for (const row of rows) {
    const at = transcript.indexOf(row, from);
    expect(at, `row "${row}" missing or out of order`).toBeGreaterThanOrEqual(from);
    from = at + 1;
  }
}
