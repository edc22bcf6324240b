// The one object the composition root holds for all counter peripherals: builds devices from
// configuration, keeps them claimed and enabled, forwards their events with the device id,
// and owns the print queue. Plain Node: the router and the workshop UI talk to this.
import { EventEmitter } from 'node:events';
import type { Receipt } from '@shared/receipt';
import type { ByteLogEntry } from './byte-log';
import { CashDrawer } from './cash-drawer';
import { DeviceConfig, type DeviceConfigInput } from './config';
import type { CounterDevice, DeviceStatus } from './device';
import { LabelPrinter } from './label-printer';
import { PassbookPrinter, type PassbookPrintOptions } from './passbook-printer';
import type { PassbookPrintResult, PassbookProgress } from './passbook-progress';
import { MemoryPrintJobStore, type PrintJob, type PrintJobStore } from './print-job-store';
import { PrintQueue, PRINTER_BACKOFF } from './print-queue';
import type { ParcelLabel } from './protocols/parcel-label';
import type { PassbookCursor, PassbookLine } from './protocols/passbook/passbook-line';
import type { ScaleReading } from './protocols/scale-reading';
import type { ScannedCode } from './protocols/scanner-serial';
import { ReceiptPrinter } from './receipt-printer';
import { LOCAL_DEVICE_BACKOFF, type Backoff } from './reconnect';
import { Scale } from './scale';
import { DEFAULT_LINE } from './scale-poll-schedule';
import { scaleProtocolFor } from './scale-protocols';
import { Scanner } from './scanner';
import { testLabel, testReceipt } from './test-pages';
import { createTransport } from './transports/create-transport';

export interface WeightEvent {
  deviceId: string;
  reading: ScaleReading;
  at: string;
}
export interface ScanEvent extends ScannedCode {
  deviceId: string;
  at: string;
}
export interface PassbookEvent extends PassbookProgress {
  deviceId: string;
  at: string;
}
export interface DeviceLogEntry {
  at: string;
  deviceId: string;
  event: string;
  detail: string;
}

export interface DeviceManagerEvents {
  status: [status: DeviceStatus];
  weight: [event: WeightEvent];
  scan: [event: ScanEvent];
  bytes: [event: { deviceId: string; entry: ByteLogEntry }];
  job: [job: PrintJob];
  passbook: [event: PassbookEvent];
}

export interface DeviceManagerOptions {
  jobStore?: PrintJobStore;
  /** Font for Arabic raster lines; defaults to resources/fonts/DejaVuSans.ttf. */
  fontPath?: string;
  linkBackoff?: Backoff;
  printBackoff?: Backoff;
  /** How often waiting print jobs are looked at. */
  printTickMs?: number;
}

export interface DiagnosticBundle {
  generatedAt: string;
  devices: { config: DeviceConfig; status: DeviceStatus | null; lastBytes: ByteLogEntry[] }[];
  printJobs: PrintJob[];
  log: DeviceLogEntry[];
}

const LOG_CAPACITY = 500;
/** Device id of a receipt queued before any receipt printer was configured: the first one prints it. */
export const ANY_RECEIPT_PRINTER = 'any-receipt-printer';

export class DeviceManager extends EventEmitter<DeviceManagerEvents> {
  private configs = new Map<string, DeviceConfig>();
  private devices = new Map<string, CounterDevice>();
  private drawers = new Map<string, CashDrawer>();
  private log: DeviceLogEntry[] = [];
  private readonly store: PrintJobStore;
  readonly queue: PrintQueue;

  constructor(private readonly options: DeviceManagerOptions = {}) {
    super();
    this.store = options.jobStore ?? new MemoryPrintJobStore();
    this.queue = new PrintQueue(this.store, (job) => this.printNow(job), options.printBackoff ?? PRINTER_BACKOFF, options.printTickMs);
    this.queue.on('job', (job) => {
      this.note(job.deviceId, `print job ${job.status}`, job.lastError);
      this.emit('job', job);
    });
  }

  async start(configs: DeviceConfigInput[]): Promise<void> {
    await this.configure(configs);
    await this.queue.start();
  }

  /** Applies a new configuration: unchanged devices keep running, changed ones are reopened. */
  async configure(inputs: DeviceConfigInput[]): Promise<void> {
    const parsed = inputs.map((input) => DeviceConfig.parse(input));
    const ids = new Set(parsed.map((config) => config.id));
    if (ids.size !== parsed.length) throw new Error('two devices share one id');
    for (const [id, old] of this.configs) {
      const next = parsed.find((config) => config.id === id);
      if (!next || JSON.stringify(next) !== JSON.stringify(old)) await this.remove(id);
    }
    const fresh = parsed.filter((config) => !this.configs.has(config.id));
    // Printers first: drawers hang off them.
    fresh.sort((a, b) => Number(a.kind === 'cash-drawer') - Number(b.kind === 'cash-drawer'));
    for (const config of fresh) {
      this.configs.set(config.id, config);
      if (config.enabled) await this.add(config);
    }
  }

  async close(): Promise<void> {
    await this.queue.stop();
    for (const id of [...this.configs.keys()]) await this.remove(id);
  }

  listConfigs(): DeviceConfig[] {
    return [...this.configs.values()];
  }

  statuses(): DeviceStatus[] {
    return [...this.devices.values()].map((device) => device.status);
  }

  lastBytes(id: string): ByteLogEntry[] {
    const device = this.devices.get(id) ?? this.devices.get(this.drawerPrinter(id) ?? '');
    if (!device) throw new Error(`no device ${id}`);
    return device.bytes.list();
  }

  readScale(id?: string): Promise<ScaleReading> {
    return this.pick(Scale, 'scale', id).readWeight();
  }

  zeroScale(id?: string): Promise<void> {
    return this.pick(Scale, 'scale', id).zero();
  }

  tareScale(id?: string): Promise<void> {
    return this.pick(Scale, 'scale', id).tare();
  }

  async openDrawer(id?: string): Promise<void> {
    const drawer = id ? this.drawers.get(id) : this.drawers.values().next().value;
    if (drawer) return drawer.open();
    // A drawer not configured separately still opens through the receipt printer it is wired to.
    return this.pick(ReceiptPrinter, 'receipt-printer', id).openDrawer();
  }

  /** Whether a drawer kick has somewhere to go: a configured drawer, or a receipt printer whose drawer port it is wired to. */
  hasDrawer(): boolean {
    return this.drawers.size > 0 || this.firstOf(ReceiptPrinter) !== undefined;
  }

  /** Prints a test page straight away (not queued): the technician wants the error now. */
  async testPrint(id?: string): Promise<void> {
    const device = id ? this.devices.get(id) : this.firstOf(ReceiptPrinter) ?? this.firstOf(LabelPrinter);
    if (device instanceof ReceiptPrinter) return device.print(testReceipt(device.identity.name));
    if (device instanceof LabelPrinter) return device.printLabel(testLabel());
    if (device instanceof PassbookPrinter) {
      const result = await device.testPage();
      if (result.outcome !== 'complete') throw new Error(`passbook test page: ${result.outcome}${result.detail ? ` (${result.detail})` : ''}`);
      return;
    }
    throw new Error(id ? `${id} is not a printer` : 'no printer configured');
  }

  /**
   * Queues a receipt. With no receipt printer configured (or none reachable yet) the job still
   * goes in, for whichever receipt printer the technician sets up: a sale never waits for one.
   */
  printReceipt(receipt: Receipt, opts: { printerId?: string; reference?: string } = {}): Promise<PrintJob> {
    return this.queue.enqueue(opts.printerId ?? this.receiptPrinterId(), { kind: 'receipt', receipt }, opts.reference ?? null);
  }

  /** Where a receipt queued now goes: the first receipt printer, else whichever one is set up later. */
  receiptPrinterId(): string {
    return this.firstOf(ReceiptPrinter)?.identity.id ?? ANY_RECEIPT_PRINTER;
  }

  /** The label printer a label queued now goes to; null when none is set up (the receipt printer stands in). */
  labelPrinterId(): string | null {
    return this.firstOf(LabelPrinter)?.identity.id ?? null;
  }

  printLabel(label: ParcelLabel, opts: { printerId?: string; reference?: string } = {}): Promise<PrintJob> {
    const printer = this.pick(LabelPrinter, 'label-printer', opts.printerId);
    return this.queue.enqueue(printer.identity.id, { kind: 'label', label }, opts.reference ?? label.s10);
  }

  /** Whether a passbook printer is set up; without one, savings prints a mini statement on the receipt printer. */
  hasPassbookPrinter(): boolean {
    return this.firstOf(PassbookPrinter) !== undefined;
  }

  /**
   * Prints passbook lines from the passbook's cursor (not queued: the clerk and the customer
   * stand at the printer) and resolves with the cursor through the last line on paper. Progress
   * ("insert page 3") comes as `passbook` events. The cursor is the savings module's to keep.
   */
  printPassbookLines(lines: readonly PassbookLine[], cursor: PassbookCursor, opts: PassbookPrintOptions & { printerId?: string } = {}): Promise<PassbookPrintResult> {
    return this.pick(PassbookPrinter, 'passbook-printer', opts.printerId).printLines(lines, cursor, opts);
  }

  /** Prints again lines already in the passbook, at their own places: `from` is where the first of them sits. */
  reprintPassbookLines(lines: readonly PassbookLine[], from: PassbookCursor, opts: Omit<PassbookPrintOptions, 'reprint'> & { printerId?: string } = {}): Promise<PassbookPrintResult> {
    return this.printPassbookLines(lines, from, { ...opts, reprint: true });
  }

  reprint(jobId: string): Promise<PrintJob> {
    return this.queue.reprint(jobId);
  }

  async printJobs(limit = 50): Promise<PrintJob[]> {
    return this.store.recent(limit);
  }

  async diagnosticBundle(): Promise<DiagnosticBundle> {
    return {
      generatedAt: new Date().toISOString(),
      devices: [...this.configs.values()].map((config) => {
        const device = this.devices.get(config.id);
        return { config, status: device?.status ?? null, lastBytes: device?.bytes.list() ?? [] };
      }),
      printJobs: await this.store.recent(100),
      log: [...this.log],
    };
  }

  private async printNow(job: PrintJob): Promise<void> {
    const device = this.devices.get(job.deviceId) ?? (job.deviceId === ANY_RECEIPT_PRINTER ? this.firstOf(ReceiptPrinter) : undefined);
    if (!device) throw new Error(job.deviceId === ANY_RECEIPT_PRINTER ? 'no receipt printer configured' : `printer ${job.deviceId} is not configured`);
    if (job.payload.kind === 'receipt' && device instanceof ReceiptPrinter) return device.print(job.payload.receipt);
    if (job.payload.kind === 'label' && device instanceof LabelPrinter) return device.printLabel(job.payload.label);
    throw new Error(`${job.deviceId} cannot print a ${job.payload.kind}`);
  }

  private async add(config: DeviceConfig): Promise<void> {
    if (config.kind === 'cash-drawer') {
      const printer = this.devices.get(config.printerId);
      if (!(printer instanceof ReceiptPrinter)) throw new Error(`drawer ${config.id}: ${config.printerId} is not a receipt printer`);
      this.drawers.set(config.id, new CashDrawer(config.id, config.name, printer));
      return;
    }
    const device = this.build(config);
    this.devices.set(config.id, device);
    const deviceId = config.id;
    device.on('status', (status) => {
      this.note(deviceId, 'status', `${status.state}/${status.power}${status.detail ? `: ${status.detail}` : ''}`);
      // A printer back online prints what waited for it without waiting for the next backoff.
      if (status.power === 'online' && (device instanceof ReceiptPrinter || device instanceof LabelPrinter)) this.queue.kick(deviceId);
      if (status.power === 'online' && device instanceof ReceiptPrinter) this.queue.kick(ANY_RECEIPT_PRINTER);
      this.emit('status', status);
    });
    device.on('weight', (reading) => this.emit('weight', { deviceId, reading, at: new Date().toISOString() }));
    device.on('scan', (scan) => {
      this.note(deviceId, 'scan', scan.code);
      this.emit('scan', { ...scan, deviceId, at: new Date().toISOString() });
    });
    device.on('passbook', (progress) => {
      this.note(deviceId, `passbook ${progress.state}`, `page ${progress.page}${progress.outcome ? `: ${progress.outcome}` : ''}`);
      this.emit('passbook', { ...progress, deviceId, at: new Date().toISOString() });
    });
    device.on('bytes', (entry) => this.emit('bytes', { deviceId, entry }));
    device.on('error', (error) => this.note(deviceId, 'error', error.message));
    await device.open();
    await device.claim();
    await device.enable();
  }

  private build(config: Exclude<DeviceConfig, { kind: 'cash-drawer' }>): CounterDevice {
    const identity = { id: config.id, kind: config.kind, name: config.name };
    const transport = createTransport(config.transport);
    const backoff = this.options.linkBackoff ?? LOCAL_DEVICE_BACKOFF;
    switch (config.kind) {
      case 'scale':
        return new Scale(
          identity,
          transport,
          scaleProtocolFor(config),
          // A TCP bridge or device file still has a serial line behind it: assume the usual 9600 8N1.
          { pollMs: config.pollMs, replyTimeoutMs: config.replyTimeoutMs, line: config.transport.type === 'serial' ? config.transport : DEFAULT_LINE },
          backoff,
        );
      case 'scanner':
        return new Scanner(identity, transport, backoff);
      case 'receipt-printer':
        return new ReceiptPrinter(identity, transport, { model: config.model, codePage: config.codePage, columns: config.columns, fontPath: this.options.fontPath }, 500, backoff);
      case 'label-printer':
        return new LabelPrinter(identity, transport, config.protocol, config.dotsPerMm, backoff);
      case 'passbook-printer':
        return new PassbookPrinter(
          identity,
          transport,
          { model: config.model, layout: config.layout, codes: config.status, insertTimeoutMs: config.insertTimeoutMs },
          backoff,
        );
    }
  }

  private async remove(id: string): Promise<void> {
    const device = this.devices.get(id);
    this.devices.delete(id);
    this.drawers.delete(id);
    this.configs.delete(id);
    if (device) {
      await device.close();
      device.removeAllListeners();
    }
    // Drawers wired to a removed printer go with it (and come back when configure() re-adds them).
    for (const [drawerId, drawer] of this.drawers) {
      if (drawer.printerId !== id) continue;
      this.drawers.delete(drawerId);
      this.configs.delete(drawerId);
    }
  }

  private drawerPrinter(id: string): string | undefined {
    return this.drawers.get(id)?.printerId;
  }

  private firstOf<T extends CounterDevice>(type: abstract new (...args: never[]) => T): T | undefined {
    for (const device of this.devices.values()) if (device instanceof type) return device;
    return undefined;
  }

  private pick<T extends CounterDevice>(type: abstract new (...args: never[]) => T, kind: string, id?: string): T {
    const device = id ? this.devices.get(id) : this.firstOf(type);
    if (!device) throw new Error(id ? `no device ${id}` : `no ${kind} configured`);
    if (!(device instanceof type)) throw new Error(`${id} is not a ${kind}`);
    return device;
  }

  private note(deviceId: string, event: string, detail: string): void {
    this.log.push({ at: new Date().toISOString(), deviceId, event, detail });
    if (this.log.length > LOG_CAPACITY) this.log.splice(0, this.log.length - LOG_CAPACITY);
  }
}
