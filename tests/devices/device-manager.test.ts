// The DeviceManager as the composition root will use it: plain configs in, events and actions out,
// with real simulators on the other end (pty pair for the scale and scanner, TCP for the printers).
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Receipt } from '@shared/receipt';
import { DeviceConfig, type DeviceConfigInput } from '../../electron/services/devices/config';
import { DeviceManager, type ScanEvent, type WeightEvent } from '../../electron/services/devices/device-manager';
import { MemoryPrintJobStore } from '../../electron/services/devices/print-job-store';
import { createPtyPair, type PtyPair } from '../../electron/services/devices/simulators/pty-pair';
import { PrinterServer } from '../../electron/services/devices/simulators/printer-server';
import { ScaleSimulator } from '../../electron/services/devices/simulators/scale-simulator';
import { ScannerSimulator } from '../../electron/services/devices/simulators/scanner-simulator';
import { tempDir, waitUntil } from './helpers';

const RECEIPT: Receipt = {
  demo: false,
  header: ['La Poste'],
  entries: [{ kind: 'total', label: 'TOTAL', amount: '500 DJF' }, { kind: 'barcode', data: 'RR000000010DJ' }],
  footer: [],
};

const teardown: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of teardown.splice(0).reverse()) await step();
});

interface Rig {
  manager: DeviceManager;
  printer: PrinterServer;
  labels: PrinterServer;
  scale: ScaleSimulator;
  scanner: ScannerSimulator;
  scalePair: PtyPair;
}

const rig = async (): Promise<Rig> => {
  const dir = tempDir('manager');
  const scalePair = await createPtyPair(join(dir, 'scale-counter'), join(dir, 'scale-sim'));
  const scannerPair = await createPtyPair(join(dir, 'scanner-counter'), join(dir, 'scanner-sim'));
  const scale = new ScaleSimulator(scalePair.simulatorPath, 'dialog-06');
  await scale.start();
  const scanner = new ScannerSimulator(scannerPair.simulatorPath);
  await scanner.start();
  const printer = new PrinterServer();
  await printer.start();
  const labels = new PrinterServer();
  await labels.start();
  const configs: DeviceConfigInput[] = [
    { id: 'drawer', name: 'Tiroir', kind: 'cash-drawer', printerId: 'receipt' },
    { id: 'scale', name: 'Balance', kind: 'scale', protocol: 'dialog-06', pollMs: 50, transport: { type: 'serial', path: scalePair.devicePath } },
    { id: 'scanner', name: 'Scanner', kind: 'scanner', transport: { type: 'serial', path: scannerPair.devicePath } },
    { id: 'receipt', name: 'Imprimante tickets', kind: 'receipt-printer', transport: { type: 'tcp', host: '127.0.0.1', port: printer.port } },
    { id: 'labels', name: 'Étiquettes', kind: 'label-printer', protocol: 'zpl', transport: { type: 'tcp', host: '127.0.0.1', port: labels.port } },
  ];
  const manager = new DeviceManager({
    jobStore: new MemoryPrintJobStore(),
    printBackoff: { initialMs: 100, maxMs: 300, factor: 2, jitter: 0 },
    printTickMs: 50,
  });
  await manager.start(configs);
  teardown.push(async () => {
    await manager.close();
    await scale.stop();
    await scanner.stop();
    await printer.stop();
    await labels.stop();
    await scalePair.unplug();
    await scannerPair.unplug();
  });
  return { manager, printer, labels, scale, scanner, scalePair };
};

describe('DeviceManager', () => {
  it('streams weights and scans with the device id, reads the scale, opens the drawer, prints test pages', async () => {
    const { manager, printer, labels, scale, scanner } = await rig();
    const weights: WeightEvent[] = [];
    const scans: ScanEvent[] = [];
    manager.on('weight', (event) => weights.push(event));
    manager.on('scan', (event) => scans.push(event));
    await waitUntil(() => manager.statuses().every((s) => s.power === 'online'), 3000, 'all devices online');

    scale.set({ grams: 842 });
    await waitUntil(() => weights.some((w) => w.deviceId === 'scale' && w.reading.grams === 842 && w.reading.status === 'stable'), 2000, 'live weight');
    scale.set({ motion: true });
    expect(await manager.readScale()).toMatchObject({ status: 'unstable', grams: null });

    await scanner.scan('RR000000010DJ', ']C0');
    await waitUntil(() => scans.length === 1, 2000, 'scan event');
    expect(scans[0]).toMatchObject({ deviceId: 'scanner', code: 'RR000000010DJ', symbology: 'code-128' });

    await manager.openDrawer('drawer');
    await manager.testPrint('receipt');
    await manager.testPrint('labels');
    await waitUntil(() => printer.jobs.length >= 2 && labels.jobs.length === 1, 3000, 'drawer pulse, test receipt, test label');
    expect(printer.captured.includes(Buffer.of(0x1b, 0x70, 0x00, 0x19, 0xfa))).toBe(true);
    expect(printer.jobs.flatMap((job) => job.transcript)).toContain('[barcode Code 128: RR123456785DJ]');
    expect(labels.jobs[0]?.transcript).toContain('[barcode code-128: RR123456785DJ]');

    const lastOut = manager.lastBytes('scale').filter((entry) => entry.direction === 'out');
    expect(lastOut.at(-1)?.hex).toMatch(/^0405$|^0402303803$/);
    expect(manager.lastBytes('scale').some((entry) => entry.direction === 'in' && entry.text.includes('<STX>'))).toBe(true);

    const bundle = await manager.diagnosticBundle();
    expect(bundle.devices.map((d) => d.config.id).sort()).toEqual(['drawer', 'labels', 'receipt', 'scale', 'scanner']);
    expect(bundle.devices.find((d) => d.config.id === 'receipt')?.lastBytes.length).toBeGreaterThan(0);
    expect(bundle.log.some((entry) => entry.deviceId === 'scanner' && entry.event === 'scan')).toBe(true);
    expect(() => JSON.stringify(bundle)).not.toThrow();
  });

  it('never blocks a sale on the printer: a receipt waits while the printer is off, then prints by itself; reprint works', async () => {
    const { manager, printer } = await rig();
    await waitUntil(() => manager.statuses().find((s) => s.id === 'receipt')?.power === 'online', 3000, 'printer online');
    await printer.stop();
    await waitUntil(() => manager.statuses().find((s) => s.id === 'receipt')?.power === 'offline', 2000, 'printer offline');

    const started = Date.now();
    const job = await manager.printReceipt(RECEIPT, { reference: 'transfer-1' });
    expect(Date.now() - started).toBeLessThan(500);
    // Listening from the start: the attempt that meets the paper-out printer may come the
    // moment it is back online, before a listener added later would hear it.
    let seen = job;
    manager.on('job', (update) => {
      if (update.id === job.id) seen = update;
    });
    expect(job.status).toBe('waiting');
    await new Promise((resolve) => setTimeout(resolve, 400));
    const waiting = (await manager.printJobs()).find((j) => j.id === job.id);
    expect(waiting?.status).toBe('waiting');
    expect(waiting?.attempts).toBeGreaterThan(0);
    expect(waiting?.lastError).toMatch(/offline/);

    printer.set({ paperOut: true });
    await printer.start();
    await waitUntil(() => manager.statuses().find((s) => s.id === 'receipt')?.power === 'online', 4000, 'printer back');
    // The printer answers again, but says it has no paper: the job keeps waiting and nothing prints.
    await waitUntil(() => seen.lastError === 'printer out of paper', 3000, 'paper-out attempt');
    expect(seen.status).toBe('waiting');
    expect(printer.jobs).toHaveLength(0);

    printer.set({ paperOut: false });
    await waitUntil(() => printer.jobs.length === 1, 3000, 'the waiting receipt prints');
    await waitUntil(() => seen.status === 'printed', 2000, 'job marked printed');
    const printed = (await manager.printJobs()).find((j) => j.id === job.id);
    expect(printed).toMatchObject({ status: 'printed', lastError: '' });

    const again = await manager.reprint(job.id);
    expect(again.reprintOf).toBe(job.id);
    await waitUntil(() => printer.jobs.length === 2, 3000, 'reprint');
    // The copy is the same paper, marked as a copy at top and bottom (never a second original).
    const original = printer.jobs[0]!.transcript;
    expect(printer.jobs[1]?.transcript).toEqual(['*** DUPLICATA ***', ...original.slice(0, -1), '*** DUPLICATA ***', ...original.slice(-1)]);
  });

  it('keeps receipts for one printer in order', async () => {
    const { manager, printer } = await rig();
    await waitUntil(() => manager.statuses().find((s) => s.id === 'receipt')?.power === 'online', 3000, 'printer online');
    for (const n of [1, 2, 3]) await manager.printReceipt({ ...RECEIPT, header: [`Ticket ${n}`] });
    await waitUntil(() => printer.jobs.length === 3, 3000, 'three receipts');
    expect(printer.jobs.map((job) => job.transcript[0])).toEqual(['Ticket 1', 'Ticket 2', 'Ticket 3']);
  });
});

describe('device configuration', () => {
  it('fills line defaults and refuses what a technician could get wrong', () => {
    const scale = DeviceConfig.parse({ id: 's', name: 'S', kind: 'scale', protocol: 'toledo-8217', transport: { type: 'serial', path: '/dev/ttyUSB0' } });
    expect(scale).toMatchObject({ enabled: true, transport: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } });
    expect(() => DeviceConfig.parse({ id: 's', name: 'S', kind: 'scale', protocol: 'toledo-8217', transport: { type: 'serial', path: '/dev/x', dataBits: 9 } })).toThrow();
    expect(() => DeviceConfig.parse({ id: 's', name: 'S', kind: 'scale', protocol: 'acme', transport: { type: 'tcp', host: 'h' } })).toThrow();
    expect(() =>
      DeviceConfig.parse({ id: 's', name: 'S', kind: 'scale', protocol: 'continuous-pattern', pattern: { pattern: '(unclosed' }, transport: { type: 'file', path: '/x' } }),
    ).toThrow(/weight/);
    expect(() =>
      DeviceConfig.parse({ id: 's', name: 'S', kind: 'scale', protocol: 'continuous-pattern', pattern: { pattern: '^(\\d+)$' }, transport: { type: 'file', path: '/x' } }),
    ).toThrow(/weight/);
    expect(() => DeviceConfig.parse({ id: 'p', name: 'P', kind: 'receipt-printer', transport: { type: 'tcp', host: 'h', port: 70000 } })).toThrow();
  });

  it('refuses a drawer wired to a device that is not a receipt printer', async () => {
    const manager = new DeviceManager();
    teardown.push(() => manager.close());
    await expect(
      manager.configure([
        { id: 'labels', name: 'L', kind: 'label-printer', protocol: 'zpl', transport: { type: 'file', path: join(tempDir('cfg'), 'labels.bin') } },
        { id: 'drawer', name: 'D', kind: 'cash-drawer', printerId: 'labels' },
      ]),
    ).rejects.toThrow(/not a receipt printer/);
  });
});
