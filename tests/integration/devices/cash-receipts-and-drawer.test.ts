// Every operation that takes or gives cash prints its numbered receipt and opens the drawer once,
// after its commit: through the router on real SQLite files, a loopback TCP receipt printer whose
// bytes the test decodes with its own ESC/POS tokenizer, and restarts of the counter.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '@shared/contract';
import { layoutReceipt, type Receipt } from '@shared/receipt';
import { uuid7 } from '@shared/uuid7';
import { PrinterServer } from '../../../electron/services/devices/simulators/printer-server';
import { tokenize } from '../../devices/escpos-tokens';
import { waitUntil } from '../../devices/helpers';
import { startCounter, type CounterFixture } from '../../support/counter-fixture';
import { makeTempDir } from '../../support/temp-dir';
import { djf, FAST_DEVICES, sender, startMailCounter, type MailCounter } from '../mail/mail-counter';

const DRAWER_PULSE = Buffer.of(0x1b, 0x70, 0x00, 0x19, 0xfa);
const TIMING = { ...FAST_DEVICES, printTickMs: 50 };
/** Time for a stray second pulse or job to arrive, were one sent. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

const pulsesIn = (bytes: Buffer): number => {
  let count = 0;
  for (let at = bytes.indexOf(DRAWER_PULSE); at >= 0; at = bytes.indexOf(DRAWER_PULSE, at + 1)) count += 1;
  return count;
};
/** The text of one printed job, its PC858 bytes read as Latin-1 (the number and the markers are ASCII). */
const textOf = (bytes: Buffer): string =>
  tokenize(bytes)
    .flatMap((token) => (token.op === 'text' ? [Buffer.from(token.bytes).toString('latin1')] : ['\n']))
    .join('');

async function withPrinter(printer: PrinterServer, t: MailCounter): Promise<void> {
  await t.as(t.technician, 'devices.save', { id: 'receipt', name: 'Tickets', kind: 'receipt-printer', transport: { type: 'tcp', host: '127.0.0.1', port: printer.port } });
  await waitUntil(() => t.fixture.counter.devices!.statusBar().some((device) => device.id === 'receipt' && device.state === 'online'), 10_000, 'receipt printer online');
}

const saleOf = (t: MailCounter, lines = [{ productCode: 'STAMP-LOCAL', quantity: 3 }]) => ({ operationId: uuid7(), sessionId: t.sessionId, lines, tendered: djf(5_000) });

describe('cash operations at a counter with a receipt printer', () => {
  const data = makeTempDir('cash-receipts-');
  const printer = new PrinterServer();
  let t: MailCounter;
  let restarted: CounterFixture | null = null;
  let db: Database.Database;
  /** The number of the mail basket, reprinted below. */
  let acceptance = '';

  /** Runs one cash operation and waits for its receipt; answers the receipt's text and the pulses that followed. */
  async function printedWithPulse(run: () => Promise<{ operationNumber?: string }>): Promise<{ number: string; text: string; pulses: number }> {
    const pulsesBefore = pulsesIn(printer.captured);
    const result = await run();
    const number = result.operationNumber!;
    expect(number).toMatch(/^DJ-DEMO-\d{6}$/);
    const receipt = () => printer.jobs.find((job) => textOf(job.bytes).includes(number));
    await waitUntil(() => receipt() !== undefined && pulsesIn(printer.captured) > pulsesBefore, 15_000, `receipt ${number} and the drawer pulse`);
    await settle();
    expect(printer.jobs.filter((job) => textOf(job.bytes).includes(number))).toHaveLength(1);
    return { number, text: textOf(receipt()!.bytes), pulses: pulsesIn(printer.captured) - pulsesBefore };
  }

  beforeAll(async () => {
    await printer.start();
    t = await startMailCounter({ dataDir: data.dir, deviceTiming: TIMING });
    await withPrinter(printer, t);
    db = new Database(t.fixture.counter.databaseFile);
    db.pragma('busy_timeout = 5000');
  });
  afterAll(async () => {
    db?.close();
    await restarted?.close();
    await printer.stop();
    data.remove();
  });

  it('sale.complete: the numbered receipt prints, the drawer opens once, stocked products leave the shelf', async () => {
    const stock = () => (db.prepare("SELECT quantity FROM retail_stock WHERE product_code = 'STAMP-LOCAL'").get() as { quantity: number }).quantity;
    const before = stock();
    let sale: Output<'sale.complete'> | null = null;
    const printed = await printedWithPulse(async () => (sale = await t.as(t.clerk, 'sale.complete', saleOf(t))));
    expect(printed.pulses).toBe(1);
    expect(printed.text).toContain(`Op\u00e9ration N\u00b0 ${printed.number}`.replace('\u00e9', '\u0082').replace('\u00b0', '\u00f8'));
    expect(printed.text).not.toContain(sale!.operationId);
    expect(printed.text).not.toContain('DUPLICATA');
    expect(stock()).toBe(before - 3);
    // The answer carries the same number, and a retry answers it again without printing or opening anything.
    const pulses = pulsesIn(printer.captured);
    const jobs = printer.jobs.length;
    const again = await t.as(t.clerk, 'sale.complete', { ...saleOf(t), operationId: sale!.operationId });
    expect(again).toMatchObject({ replayed: true, operationNumber: printed.number });
    await settle();
    expect([pulsesIn(printer.captured), printer.jobs.length, stock()]).toEqual([pulses, jobs, before - 3]);
  });

  it('a retail sale takes stocked products off the shelf the way the mail basket does, and its void puts them back', async () => {
    const stock = (code: string) => (db.prepare('SELECT quantity FROM retail_stock WHERE product_code = ?').get(code) as { quantity: number }).quantity;
    const before = { stamps: stock('STAMP-LOCAL'), boxes: stock('BOX-S') };
    const sale = await t.as(t.clerk, 'sale.complete', saleOf(t, [{ productCode: 'STAMP-LOCAL', quantity: 2 }, { productCode: 'BOX-S', quantity: 1 }]));
    expect({ stamps: stock('STAMP-LOCAL'), boxes: stock('BOX-S') }).toEqual({ stamps: before.stamps - 2, boxes: before.boxes - 1 });
    await t.as(t.supervisor, 'till.voidOperation', { operationId: uuid7(), targetOperationId: sale.operationId, reason: 'wrong product' });
    expect({ stamps: stock('STAMP-LOCAL'), boxes: stock('BOX-S') }).toEqual(before);
  });

  it('numbers are gap-free: a sale whose commit is refused takes no number, leaves no job and opens nothing', async () => {
    const first = await printedWithPulse(() => t.as(t.clerk, 'sale.complete', saleOf(t)));
    const request = saleOf(t);
    const jobs = (db.prepare('SELECT count(*) AS n FROM print_jobs').get() as { n: number }).n;
    const pulses = pulsesIn(printer.captured);
    db.exec(`CREATE TRIGGER test_refuse_commit BEFORE INSERT ON ledger_operations WHEN NEW.kind = 'sale' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    try {
      expect((await t.fixture.call('sale.complete', request, t.clerk)).ok).toBe(false);
    } finally {
      db.exec('DROP TRIGGER test_refuse_commit');
    }
    await settle();
    expect((db.prepare('SELECT count(*) AS n FROM print_jobs').get() as { n: number }).n).toBe(jobs);
    expect(pulsesIn(printer.captured)).toBe(pulses);
    const next = await printedWithPulse(() => t.as(t.clerk, 'sale.complete', saleOf(t)));
    expect(Number(next.number.slice(-6))).toBe(Number(first.number.slice(-6)) + 1);
  });

  it('mail.accept with change: the basket receipt carries the number, the drawer opens once', async () => {
    const letter = await t.as(t.clerk, 'mail.weigh', { manualGrams: 20, reason: 'letter too light for the scale' });
    const printed = await printedWithPulse(() =>
      t.as(t.clerk, 'mail.accept', {
        operationId: uuid7(),
        sessionId: t.sessionId,
        items: [{ service: 'REGISTERED', destinationCountry: 'DJ', weighingId: letter.id, sender, recipient: { ...sender, name: 'Ayan Hassan' } }],
        tendered: djf(50_000),
      }),
    );
    expect(printed.pulses).toBe(1);
    expect(printed.text).toContain('Rendu');
    acceptance = printed.number;
  });

  it('mail.reprint gives the basket receipt again, marked DUPLICATA, and opens no drawer', async () => {
    const operationId = (db.prepare("SELECT operation_id FROM operation_numbers WHERE number = ?").get(Number(acceptance.slice(-6))) as { operation_id: string }).operation_id;
    await settle();
    const pulses = pulsesIn(printer.captured);
    expect(await t.as(t.clerk, 'mail.reprint', { operationId })).toEqual({ queued: 1 });
    const papers = () => printer.jobs.map((job) => textOf(job.bytes)).filter((text) => text.includes(acceptance));
    await waitUntil(() => papers().length === 2, 15_000, 'the copy of the basket receipt');
    expect(papers()[0]).not.toContain('DUPLICATA');
    expect(papers()[1]!.match(/\*\*\* DUPLICATA \*\*\*/g)).toHaveLength(2);
    await settle();
    expect(pulsesIn(printer.captured)).toBe(pulses);
  });

  it('pickup hand-over with cash on delivery: the delivery receipt carries the number, the drawer opens once', async () => {
    const parcel = await t.as(t.clerk, 'pickup.find', { code: 'ESQ000100001' });
    const printed = await printedWithPulse(() =>
      t.as(t.clerk, 'pickup.handOver', {
        operationId: uuid7(),
        sessionId: t.sessionId,
        parcelId: parcel.id,
        pickupCode: '482913',
        idDocument: { type: 'national-id', number: 'DJ-123456' },
        tendered: djf(15_000),
      }),
    );
    expect(printed.pulses).toBe(1);
    expect(printed.text).toContain('ESQ000100001');
  });

  it('paid-in and paid-out: each prints its numbered paper and opens the drawer once', async () => {
    const paidIn = await printedWithPulse(() => t.as(t.clerk, 'till.paidIn', { operationId: uuid7(), sessionId: t.sessionId, amount: djf(2_000), reasonCode: 'FOUND-CASH' }));
    expect(paidIn.pulses).toBe(1);
    expect(paidIn.text).toContain('Esp\u008aces trouv\u0082es');
    const paidOut = await printedWithPulse(() => t.as(t.clerk, 'till.paidOut', { operationId: uuid7(), sessionId: t.sessionId, amount: djf(1_500), reasonCode: 'CLEANING' }));
    expect(paidOut.pulses).toBe(1);
    expect(paidOut.text).toContain('Nettoyage');
  });

  it('print.reprint gives a copy marked DUPLICATA, and opens no drawer', async () => {
    const sale = await t.as(t.clerk, 'sale.complete', saleOf(t));
    const original = (await t.as(t.clerk, 'print.jobs', { limit: 50 })).jobs.find((job) => job.reference === sale.operationId)!;
    await waitUntil(() => printer.jobs.some((job) => textOf(job.bytes).includes(sale.operationNumber!)), 15_000, 'the original receipt');
    await settle();
    const pulses = pulsesIn(printer.captured);
    await t.as(t.clerk, 'print.reprint', { jobId: original.id });
    const copies = () => printer.jobs.filter((job) => textOf(job.bytes).includes(sale.operationNumber!));
    await waitUntil(() => copies().length === 2, 15_000, 'the copy');
    const [first, copy] = copies().map((job) => textOf(job.bytes));
    expect(first).not.toContain('DUPLICATA');
    expect(copy!.match(/\*\*\* DUPLICATA \*\*\*/g)).toHaveLength(2);
    await settle();
    expect(pulsesIn(printer.captured)).toBe(pulses);
  });

  it('a sale booked while the printer is off prints after a restart, and the drawer never opens late', async () => {
    await printer.stop();
    await waitUntil(() => t.fixture.counter.devices!.statusBar().some((device) => device.id === 'receipt' && device.state === 'offline'), 10_000, 'printer offline');
    const sale = await t.as(t.clerk, 'sale.complete', saleOf(t));
    // Tried and waiting (or being tried again this instant): committed with the sale, not printed.
    const waiting = db.prepare("SELECT count(*) AS n FROM print_jobs WHERE reference = ? AND status IN ('waiting', 'printing')").get(sale.operationId) as { n: number };
    expect(waiting.n).toBe(1);
    await t.fixture.counter.close();
    db.close();

    const pulses = pulsesIn(printer.captured);
    await printer.start();
    restarted = await startCounter({ dataDir: data.dir, deviceTiming: TIMING });
    db = new Database(restarted.counter.databaseFile);
    await waitUntil(() => printer.jobs.some((job) => textOf(job.bytes).includes(sale.operationNumber!)), 30_000, 'the waiting receipt after the restart');
    await settle();
    expect(pulsesIn(printer.captured)).toBe(pulses);
  });
});

describe('receipts in the branch language, and no printer at all', () => {
  const data = makeTempDir('cash-receipts-lang-');
  afterAll(() => data.remove());

  /** The demo branch switched to another language (what first-run setup would store), Amina's till open. */
  async function counterIn(language: 'en' | 'ar', dir: string): Promise<MailCounter> {
    const first = await startCounter({ dataDir: dir });
    await first.counter.close();
    const sqlite = new Database(`${dir}/demo.sqlite`);
    sqlite.prepare('UPDATE branch SET language = ?').run(language);
    sqlite.close();
    return startMailCounter({ dataDir: dir, deviceTiming: TIMING });
  }

  const receiptOf = (t: MailCounter, jobId: string): Receipt => {
    const sqlite = new Database(t.fixture.counter.databaseFile, { readonly: true });
    try {
      const row = sqlite.prepare('SELECT payload FROM print_jobs WHERE id = ?').get(jobId) as { payload: string };
      return (JSON.parse(row.payload) as { receipt: Receipt }).receipt;
    } finally {
      sqlite.close();
    }
  };

  it('with no printer configured the sale is booked, its receipt waits, and the status bar says printer and drawer are missing', async () => {
    const t = await startMailCounter({ dataDir: `${data.dir}/none`, deviceTiming: TIMING });
    try {
      const sale = await t.as(t.clerk, 'sale.complete', saleOf(t));
      expect(sale.operationNumber).toMatch(/^DJ-DEMO-\d{6}$/);
      const jobs = (await t.as(t.clerk, 'print.jobs', { limit: 10 })).jobs.filter((job) => job.reference === sale.operationId);
      expect(jobs.map((job) => job.status)).toEqual(['waiting']);
      const status = await t.fixture.ok('system.status', {});
      expect(status.devices.filter((device) => device.state === 'missing').map((device) => device.kind).sort()).toEqual(['cash-drawer', 'receipt-printer']);
    } finally {
      await t.fixture.close();
    }
  });

  it('an English reprint says COPY, and the receipt is in English', async () => {
    const printer = new PrinterServer();
    await printer.start();
    const t = await counterIn('en', `${data.dir}/en`);
    try {
      await withPrinter(printer, t);
      const sale = await t.as(t.clerk, 'sale.complete', saleOf(t));
      const original = (await t.as(t.clerk, 'print.jobs', { limit: 10 })).jobs.find((job) => job.reference === sale.operationId)!;
      await t.as(t.clerk, 'print.reprint', { jobId: original.id });
      const printed = () => printer.jobs.map((job) => textOf(job.bytes)).filter((text) => text.includes(sale.operationNumber!));
      await waitUntil(() => printed().length === 2, 15_000, 'receipt and copy');
      expect(printed()[0]).toContain(`Operation No. ${sale.operationNumber}`);
      expect(printed()[0]).not.toContain('COPY');
      expect(printed()[1]!.match(/\*\*\* COPY \*\*\*/g)).toHaveLength(2);
    } finally {
      await t.fixture.close();
      await printer.stop();
    }
  });

  it('an Arabic reprint says نسخة in the receipt model, printed as an image like every Arabic line', async () => {
    const printer = new PrinterServer();
    await printer.start();
    const t = await counterIn('ar', `${data.dir}/ar`);
    try {
      await withPrinter(printer, t);
      const sale = await t.as(t.clerk, 'sale.complete', saleOf(t));
      const original = (await t.as(t.clerk, 'print.jobs', { limit: 10 })).jobs.find((job) => job.reference === sale.operationId)!;
      const copy = await t.as(t.clerk, 'print.reprint', { jobId: original.id });
      const rows = (jobId: string) => layoutReceipt(receiptOf(t, jobId), 48).flatMap((row) => (row.kind === 'text' ? [row] : []));
      expect(rows(original.id).some((row) => row.text.includes('نسخة'))).toBe(false);
      expect(rows(original.id).some((row) => row.text === `رقم العملية ${sale.operationNumber}` && row.rtl)).toBe(true);
      const marks = rows(copy.id).filter((row) => row.text.includes('نسخة'));
      expect(marks).toHaveLength(2);
      expect(marks.every((row) => row.rtl)).toBe(true);
      // Both papers reach the printer; the copy carries two more raster images (its markers) than the original.
      const images = (bytes: Buffer) => tokenize(bytes).filter((token) => token.op === 'GS v 0').length;
      await waitUntil(() => printer.jobs.filter((job) => images(job.bytes) > 0).length === 2, 15_000, 'receipt and copy');
      const [first, second] = printer.jobs.filter((job) => images(job.bytes) > 0);
      expect(images(second!.bytes) - images(first!.bytes)).toBe(2);
    } finally {
      await t.fixture.close();
      await printer.stop();
    }
  });
});
