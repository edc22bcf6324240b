// The passbook printer. A print is a conversation with the clerk: "insert the passbook open at
// page 3", the lines of that page at their slots, eject, "turn to page 4 and insert", and so on.
// The printer is asked after every line whether it still holds the passbook without error; only
// then does the line count, so a passbook pulled out, a cover opened or a cable pulled mid-print
// leaves a cursor that is never ahead of the paper (at worst a line prints twice, never lost).
// One passbook at a time: a second print waits for the first.
import type { PassbookLayoutConfig, PassbookStatusCodes } from './config';
import { CounterDevice, type DeviceIdentity } from './device';
import type { PassbookOutcome, PassbookPrintResult, PassbookProgress } from './passbook-progress';
import { passbookDialect, type PassbookDialect, type PassbookModel } from './protocols/passbook/dialect';
import { cursorAfter, lineSlot, planPassbook, type PassbookPlan } from './protocols/passbook/layout';
import type { PassbookCursor, PassbookLine } from './protocols/passbook/passbook-line';
import type { PassbookStatus } from './protocols/passbook/status';
import type { Backoff } from './reconnect';
import { StatusReader } from './status-reader';
import type { Transport } from './transports/transport';

export interface PassbookPrinterOptions {
  model: PassbookModel;
  layout: PassbookLayoutConfig;
  codes: PassbookStatusCodes;
  /** How long the clerk has to insert the passbook (or turn the page). */
  insertTimeoutMs: number;
  /** How often the printer is asked whether the passbook is in. */
  pollMs?: number;
  /** How long one status answer may take (a line prints before its answer comes). */
  statusTimeoutMs?: number;
  /**
   * How often an idle printer is asked how it is: nothing else would notice a pulled serial
   * cable or a printer switched off between two customers (the workshop would show it online).
   */
  idlePollMs?: number;
}

export interface PassbookPrintOptions {
  /** The clerk gave up: the print stops at the next question, every confirmed line counted. */
  signal?: AbortSignal;
  reprint?: boolean;
}

type Stop = { outcome: PassbookOutcome; detail: string };

/** Unanswered status requests in a row before the printer counts as not answering. */
const SILENT_LIMIT = 3;

const TEST_LINES: PassbookLine[] = [
  { date: '2026-01-01', label: 'PAGE DE TEST 0123456789', debit: null, credit: { minor: 1_234_567, currency: 'DJF' }, balance: { minor: 1_234_567, currency: 'DJF' } },
  { date: '2026-12-31', label: 'SOUS LE PLI / BELOW FOLD', debit: { minor: 7, currency: 'DJF' }, credit: null, balance: { minor: 1_234_560, currency: 'DJF' } },
];

export class PassbookPrinter extends CounterDevice {
  private readonly statusReader: StatusReader;
  private readonly dialect: PassbookDialect;
  private queue: Promise<unknown> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | null = null;
  private idleSilence = 0;

  constructor(
    identity: DeviceIdentity,
    transport: Transport,
    readonly options: PassbookPrinterOptions,
    backoff?: Backoff,
  ) {
    super(identity, transport, backoff);
    this.dialect = passbookDialect(options.model, options.layout, options.codes);
    this.statusReader = new StatusReader(options.statusTimeoutMs ?? 1000);
  }

  get layout(): PassbookLayoutConfig {
    return this.options.layout;
  }

  /**
   * Prints `lines` from `cursor` (the passbook's next free line), page after page, and resolves
   * with the cursor through the last line confirmed on paper, whatever happened. Rejects only for
   * lines or a cursor that do not belong in this passbook (a bug upstream).
   */
  printLines(lines: readonly PassbookLine[], cursor: PassbookCursor, options: PassbookPrintOptions = {}): Promise<PassbookPrintResult> {
    let plan: PassbookPlan;
    try {
      plan = planPassbook(lines, cursor, this.options.layout);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return this.exclusive(() => this.busy(() => this.run(plan, cursor, options)));
  }

  /** The technician's test: a line at the top of page 1 and one just below the fold, then eject. */
  testPage(options: PassbookPrintOptions = {}): Promise<PassbookPrintResult> {
    const layout = this.options.layout;
    const below = layout.foldAfterLine > 0 && layout.foldAfterLine < layout.linesPerPage ? layout.foldAfterLine + 1 : layout.linesPerPage;
    const plan: PassbookPlan = {
      steps: [
        {
          kind: 'print-page',
          page: 1,
          lines: TEST_LINES.map((entry, index) => {
            const line = index === 0 ? 1 : below;
            return { page: 1, line, slot: lineSlot(line, layout), index, entry };
          }),
        },
      ],
      cursor: { page: 1, line: 1 },
      unplaced: [],
    };
    return this.exclusive(() => this.busy(() => this.run(plan, { page: 1, line: 1 }, options)));
  }

  /** Asks the printer once. Null when the link cannot carry answers or nothing came back in time. */
  async readStatus(): Promise<PassbookStatus | null> {
    if (!this.transport.readsBack || !this.status.enabled || !this.transport.isOpen) return null;
    try {
      return await this.statusReader.ask(() => this.send(this.dialect.statusRequest), (received) => this.dialect.readStatus(received));
    } catch {
      return null;
    }
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(plan: PassbookPlan, start: PassbookCursor, options: PassbookPrintOptions): Promise<PassbookPrintResult> {
    const reprint = options.reprint ?? false;
    let through = start;
    let printed = 0;
    const finish = (outcome: PassbookOutcome, detail = ''): PassbookPrintResult => {
      this.progress({ state: 'finished', page: through.page, printedThrough: through, outcome, reprint });
      return { printedThrough: through, printed, outcome, detail };
    };
    if (!this.transport.readsBack) return finish('no-answer', `${this.transport.description} cannot carry the printer's answers: connect it by serial or TCP`);
    let prompt: 'insert' | 'turn-page' = 'insert';
    for (const step of plan.steps) {
      if (step.kind === 'turn-page') {
        prompt = 'turn-page';
        continue;
      }
      const ready = await this.waitForPassbook(step.page, prompt, through, options);
      if (ready) return finish(ready.outcome, ready.detail);
      this.progress({ state: 'printing', page: step.page, printedThrough: through, outcome: null, reprint });
      const before = await this.sendOrStop(this.dialect.beforePrint);
      if (before) return finish(before.outcome, before.detail);
      for (const placed of step.lines) {
        const sent = await this.sendOrStop(this.dialect.line(placed));
        if (sent) return finish(sent.outcome, sent.detail);
        const status = await this.readStatus();
        const where = `line ${placed.line} of page ${placed.page}`;
        if (!status) return finish(this.transport.isOpen ? 'no-answer' : 'offline', `no answer after ${where}`);
        if (!status.present) return finish('removed', `the passbook was taken out before ${where} was confirmed`);
        if (status.problem) return finish('printer-error', `${status.problem} (at ${where})`);
        through = cursorAfter(placed, this.options.layout);
        printed += 1;
      }
      const ejected = await this.sendOrStop(this.dialect.eject);
      if (ejected) return finish(ejected.outcome, ejected.detail);
    }
    return plan.unplaced.length > 0 ? finish('book-full', `${plan.unplaced.length} line(s) wait for a new passbook`) : finish('complete');
  }

  /**
   * Waits until a passbook is in and the printer can print. After a page came out, the stand must
   * first be seen empty: an ejected passbook still in the throat is not the next page.
   */
  private async waitForPassbook(page: number, prompt: 'insert' | 'turn-page', through: PassbookCursor, options: PassbookPrintOptions): Promise<Stop | null> {
    const deadline = Date.now() + this.options.insertTimeoutMs;
    const reprint = options.reprint ?? false;
    let mustEmpty = prompt === 'turn-page';
    let setupSent = false;
    let silent = 0;
    this.progress({ state: prompt, page, printedThrough: through, outcome: null, reprint });
    for (;;) {
      if (options.signal?.aborted) return { outcome: 'cancelled', detail: 'cancelled at the window' };
      if (!this.transport.isOpen) return { outcome: 'offline', detail: this.status.detail || 'the passbook printer is offline' };
      const status = await this.readStatus();
      if (!status) {
        silent += 1;
        if (silent >= SILENT_LIMIT) return { outcome: this.transport.isOpen ? 'no-answer' : 'offline', detail: 'the passbook printer does not answer status requests' };
      } else {
        silent = 0;
        if (!status.present) mustEmpty = false;
        if (!status.present && !setupSent && this.dialect.beforeInsert) {
          const setup = await this.sendOrStop(this.dialect.beforeInsert);
          if (setup) return setup;
          setupSent = true;
        }
        if (status.present && !mustEmpty && !status.problem) return null;
      }
      if (Date.now() >= deadline) return { outcome: 'not-inserted', detail: `no passbook inserted at page ${page} in time` };
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs ?? 250));
    }
  }

  private async sendOrStop(bytes: Uint8Array | null): Promise<Stop | null> {
    if (!bytes) return null;
    try {
      await this.send(bytes);
      return null;
    } catch (error) {
      return { outcome: 'offline', detail: error instanceof Error ? error.message : String(error) };
    }
  }

  private progress(progress: PassbookProgress): void {
    this.emit('passbook', progress);
  }

  protected received(chunk: Buffer): void {
    this.statusReader.feed(chunk);
  }

  protected override enabled(): void {
    this.scheduleIdleCheck();
  }

  protected override disabled(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private scheduleIdleCheck(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      // In the queue: a print never shares the status line with this question.
      void this.exclusive(() => this.idleCheck()).finally(() => {
        if (this.status.enabled) this.scheduleIdleCheck();
      });
    }, this.options.idlePollMs ?? 2000);
  }

  private async idleCheck(): Promise<void> {
    if (!this.status.enabled || !this.transport.isOpen || !this.transport.readsBack) return;
    const status = await this.readStatus();
    if (status === null) {
      this.idleSilence += 1;
      if (this.idleSilence >= SILENT_LIMIT && this.online) this.setStatus({ power: 'offline', detail: 'the passbook printer does not answer: is it switched on?' });
      return;
    }
    this.idleSilence = 0;
    if (this.status.power === 'offline' && this.transport.isOpen) this.setStatus({ power: 'online', detail: '' });
  }
}
