// The counter's peripherals as the composition root holds them: the DeviceManager fed from the
// branch database, its events forwarded to every window, and the guarantees the rest of the
// counter relies on: devices start in the background (a missing printer never delays opening),
// and queuing a receipt never throws into a sale.
import type { CounterStatus } from '@shared/contract';
import type { ConfiguredDevice, DeviceLiveStatus } from '@shared/contract';
import type { Receipt } from '@shared/receipt';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Sqlite } from '../db/open-database';
import type { EventBus } from '../events';
import type { Logger } from '../log/logger';
import type { DeviceConfig, DeviceConfigInput } from './config';
import { DeviceConfigRepository } from './device-config.repository';
import { ANY_RECEIPT_PRINTER, DeviceManager, type DeviceManagerOptions } from './device-manager';
import type { PassbookPrintOptions } from './passbook-printer';
import type { PassbookPrintResult } from './passbook-progress';
import type { PrintJob } from './print-job-store';
import type { PassbookCursor, PassbookLine } from './protocols/passbook/passbook-line';
import { PrintOutbox } from './print-outbox';
import { SqlitePrintJobStore } from './print-jobs.repository';

export interface CounterDevicesOptions {
  sqlite: Sqlite;
  audit: AuditLog;
  clock: Clock;
  bus: EventBus;
  logger: Logger;
  /** Font for Arabic lines printed as images. */
  fontPath: string;
  /** Something the status bar shows changed (a device went offline, a device was added). */
  onStatusChanged: () => void;
  /** Tests shorten the retry delays. */
  manager?: Omit<DeviceManagerOptions, 'jobStore' | 'fontPath'>;
}

type StatusBarDevice = CounterStatus['devices'][number];

export class CounterDevices {
  readonly manager: DeviceManager;
  readonly configs: DeviceConfigRepository;
  /** Print jobs written inside the ledger operation they belong to (same database connection). */
  readonly outbox: PrintOutbox;
  /** What a cash operation needed and found missing since start: shown in the status bar until configured. */
  private readonly missing = new Set<'receipt-printer' | 'cash-drawer'>();
  private starting: Promise<void> = Promise.resolve();
  /** Configuration changes apply one after the other, in the order they were saved. */
  private applying: Promise<void> = Promise.resolve();

  constructor(private readonly options: CounterDevicesOptions) {
    this.configs = new DeviceConfigRepository(options.sqlite, options.audit, options.clock);
    const jobs = new SqlitePrintJobStore(options.sqlite);
    this.manager = new DeviceManager({ ...options.manager, jobStore: jobs, fontPath: options.fontPath });
    this.outbox = new PrintOutbox(options.sqlite, jobs, this.manager);
    this.forwardEvents();
  }

  /** Starts every configured device without waiting for them: the counter trades meanwhile. */
  start(): void {
    this.starting = this.manager.start(this.runnable()).catch((error: unknown) => {
      this.options.logger.error({ err: error }, 'devices did not all start');
    });
  }

  /** Resolves once the devices configured at start have had their first connection attempt. */
  started(): Promise<void> {
    return this.starting;
  }

  async save(input: DeviceConfigInput, technician: string): Promise<ConfiguredDevice> {
    const config = this.configs.save(input, technician);
    await this.apply();
    return { config, status: this.statusOf(config.id) };
  }

  async remove(id: string, technician: string): Promise<void> {
    this.configs.remove(id, technician);
    await this.apply();
  }

  list(): ConfiguredDevice[] {
    return this.configs.list().map((config) => ({ config, status: this.statusOf(config.id) }));
  }

  /** The status bar's view: one line per configured device; a drawer shows its printer's state. */
  statusBar(): StatusBarDevice[] {
    const statuses = new Map(this.manager.statuses().map((status) => [status.id, status]));
    const configured: StatusBarDevice[] = this.configs.list().map((config) => {
      const live = statuses.get(config.kind === 'cash-drawer' ? config.printerId : config.id);
      return { id: config.id, kind: config.kind, name: config.name, state: barState(config, live) };
    });
    return [...configured, ...this.stillMissing().map((kind): StatusBarDevice => ({ id: kind, kind, name: kind, state: 'missing' }))];
  }

  /**
   * After a cash operation committed (never before, never for a replay): its jobs, already written
   * in its transaction (the outbox), print now, and the drawer opens when cash changed hands. The
   * drawer kick is not queued and never retried — a drawer springing open minutes later, or after
   * a restart, would be worse than the clerk opening it with the key. Never throws: a missing or
   * silent printer or drawer leaves the operation booked and shows in the status bar.
   */
  afterCashCommit(jobs: PrintJob[], { openDrawer, reference }: { openDrawer: boolean; reference: string }): void {
    const noPrinter = this.manager.receiptPrinterId() === ANY_RECEIPT_PRINTER;
    // With no receipt printer a kick could only read the whole waiting queue for nothing (once per
    // sale, growing all day); the jobs print when a printer comes online, which kicks the queue.
    this.outbox.announce(noPrinter ? jobs.filter((job) => job.deviceId !== ANY_RECEIPT_PRINTER) : jobs);
    if (noPrinter && jobs.some((job) => job.deviceId === ANY_RECEIPT_PRINTER)) this.noteMissing('receipt-printer');
    if (!openDrawer) return;
    if (!this.manager.hasDrawer()) {
      this.options.logger.warn({ reference }, 'no cash drawer configured: the drawer stays shut');
      this.noteMissing('cash-drawer');
      return;
    }
    this.manager.openDrawer().catch((error: unknown) => {
      // The printer's own status (offline, error) is what the status bar shows for its drawer.
      this.options.logger.warn({ err: error, reference }, 'the cash drawer did not open');
    });
  }

  /**
   * Queues a receipt for printing after the sale committed. Never throws: printing must not undo
   * or repeat a transaction. Null only if even the queue could not take it (logged for support).
   */
  async printReceipt(receipt: Receipt, reference: string): Promise<PrintJob | null> {
    try {
      return await this.manager.printReceipt(receipt, { reference });
    } catch (error) {
      this.options.logger.error({ err: error, reference }, 'receipt could not be queued');
      return null;
    }
  }

  /** Whether passbooks print here; without a passbook printer, savings prints a mini statement (passbook-mini-statement.ts). */
  hasPassbookPrinter(): boolean {
    return this.manager.hasPassbookPrinter();
  }

  /**
   * The savings module's way to the passbook: prints `lines` from the passbook's `cursor` and
   * resolves with the cursor through the last line on paper (store it, whatever the outcome).
   * Prompts ("insert page 3") reach the windows as `passbook.progress` events.
   */
  printPassbookLines(lines: readonly PassbookLine[], cursor: PassbookCursor, options: PassbookPrintOptions = {}): Promise<PassbookPrintResult> {
    return this.manager.printPassbookLines(lines, cursor, options);
  }

  /** Prints lines already in the passbook again, at their own places (`from`: where the first sits). */
  reprintPassbookLines(lines: readonly PassbookLine[], from: PassbookCursor, options: Omit<PassbookPrintOptions, 'reprint'> = {}): Promise<PassbookPrintResult> {
    return this.manager.reprintPassbookLines(lines, from, options);
  }

  async close(): Promise<void> {
    await this.starting;
    await this.applying;
    await this.manager.close();
  }

  statusOf(id: string): DeviceLiveStatus | null {
    const config = this.configs.list().find((device) => device.id === id);
    const linkId = config?.kind === 'cash-drawer' ? config.printerId : id;
    return this.manager.statuses().find((status) => status.id === linkId) ?? null;
  }

  private noteMissing(kind: 'receipt-printer' | 'cash-drawer'): void {
    if (this.missing.has(kind)) return;
    this.missing.add(kind);
    this.options.onStatusChanged();
  }

  /** Missing until a receipt printer (the drawer's way out) is running. */
  private stillMissing(): Array<'receipt-printer' | 'cash-drawer'> {
    if (this.manager.receiptPrinterId() !== ANY_RECEIPT_PRINTER) this.missing.clear();
    return [...this.missing];
  }

  private apply(): Promise<void> {
    const run = this.applying.then(async () => {
      await this.starting;
      await this.manager.configure(this.runnable());
      this.options.onStatusChanged();
    });
    this.applying = run.catch(() => undefined);
    return run;
  }

  /** A drawer whose printer is switched off in the workshop is off too (it has no other way out). */
  private runnable(): DeviceConfig[] {
    const configs = this.configs.list();
    const enabledPrinters = new Set(configs.filter((config) => config.enabled).map((config) => config.id));
    return configs.map((config) =>
      config.kind === 'cash-drawer' && !enabledPrinters.has(config.printerId) ? { ...config, enabled: false } : config,
    );
  }

  private forwardEvents(): void {
    const { bus } = this.options;
    this.manager.on('status', (status) => {
      bus.emit('device.status', status);
      this.options.onStatusChanged();
    });
    this.manager.on('weight', ({ deviceId, reading, at }) =>
      bus.emit('scale.weight', { deviceId, status: reading.status, grams: reading.grams, detail: reading.detail ?? '', reason: reading.reason ?? null, at }),
    );
    this.manager.on('scan', ({ deviceId, code, aim, symbology, at }) =>
      bus.emit('scan', { deviceId, code, aim, symbology, source: 'serial', at }),
    );
    this.manager.on('passbook', ({ deviceId, state, page, printedThrough, outcome, reprint, at }) =>
      bus.emit('passbook.progress', { deviceId, state, page, printedThrough, outcome, reprint, at }),
    );
  }
}

function barState(config: DeviceConfig, live: DeviceLiveStatus | undefined): StatusBarDevice['state'] {
  if (!config.enabled) return 'disabled';
  if (!live) return 'offline';
  if (live.state === 'error') return 'error';
  return live.power === 'online' ? 'online' : 'offline';
}
