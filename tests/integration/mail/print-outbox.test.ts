// The labels and receipt of a basket are written in the basket's own SQLite transaction (an
// outbox), then printed after the commit. Through the router on a real SQLite file, with a
// loopback TCP receipt printer switched off and on, decoded by the test's own ESC/POS tokenizer.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuid7 } from '@shared/uuid7';
import { PrinterServer } from '../../../electron/services/devices/simulators/printer-server';
import { tokenize } from '../../devices/escpos-tokens';
import { waitUntil } from '../../devices/helpers';
import { startCounter, type CounterFixture } from '../../support/counter-fixture';
import { makeTempDir } from '../../support/temp-dir';
import { completeCustoms, djf, FAST_DEVICES, parisRecipient, sender, startMailCounter, type MailCounter } from './mail-counter';

const data = makeTempDir('mail-print-outbox-');
const printer = new PrinterServer();
let t: MailCounter;
let restarted: CounterFixture | null = null;
let db: Database.Database;

const count = (sql: string, ...params: unknown[]): number => (db.prepare(sql).get(...params) as { n: number }).n;
const barcodesPrinted = (data: string): number =>
  printer.jobs.flatMap((job) => tokenize(job.bytes)).filter((token) => token.op === 'GS k' && token.data.includes(data)).length;
const textPrinted = (text: string): number =>
  printer.jobs.filter((job) => tokenize(job.bytes).some((token) => token.op === 'text' && Buffer.from(token.bytes).toString('latin1').includes(text))).length;

/** A registered letter at home and a parcel to Paris, weighed by hand. */
const basket = async (as: (method: 'mail.weigh', input: { manualGrams: number; reason: string }) => Promise<{ id: string }>, sessionId: string) => {
  const letter = await as('mail.weigh', { manualGrams: 20, reason: 'letter too light for the scale' });
  const parcel = await as('mail.weigh', { manualGrams: 900, reason: 'scale busy' });
  return {
    operationId: uuid7(),
    sessionId,
    items: [
      { service: 'REGISTERED', destinationCountry: 'DJ', weighingId: letter.id, sender, recipient: { ...sender, name: 'Ayan Hassan' } },
      { service: 'PARCEL', destinationCountry: 'FR', weighingId: parcel.id, sender, recipient: parisRecipient, customs: completeCustoms },
    ],
    tendered: djf(50_000),
  };
};

beforeAll(async () => {
  // Take a port and switch the printer off: the counter sees a receipt printer that does not answer.
  const port = await printer.start();
  await printer.stop();
  t = await startMailCounter({ dataDir: data.dir, deviceTiming: { ...FAST_DEVICES, printTickMs: 50 } });
  // No label printer: the labels come out of the receipt printer.
  await t.as(t.technician, 'devices.save', { id: 'receipt', name: 'Tickets', kind: 'receipt-printer', transport: { type: 'tcp', host: '127.0.0.1', port } });
  db = new Database(t.fixture.counter.databaseFile);
  db.pragma('busy_timeout = 5000');
});

afterAll(async () => {
  db?.close();
  await restarted?.close();
  await printer.stop();
  data.remove();
});

describe('print jobs in the basket\'s own transaction', () => {
  const committed: Array<{ operationId: string; operationNumber: string; s10s: string[] }> = [];

  it('writes the labels and the receipt before the operation row, inside the same transaction', async () => {
    // The database itself refuses an acceptance whose receipt and labels are not already written
    // when its operation row goes in: jobs queued after the commit would trip it.
    db.exec(`CREATE TRIGGER test_jobs_before_commit BEFORE INSERT ON ledger_operations WHEN NEW.kind = 'mail-acceptance' AND (
               NOT EXISTS (SELECT 1 FROM print_jobs WHERE reference = NEW.id AND status = 'waiting')
               OR EXISTS (SELECT 1 FROM s10_issued i WHERE i.operation_id = NEW.id AND NOT EXISTS (SELECT 1 FROM print_jobs j WHERE j.reference = i.s10)))
             BEGIN SELECT RAISE(ABORT, 'print jobs missing from the acceptance transaction'); END`);
    try {
      const request = await basket((method, input) => t.as(t.clerk, method, input), t.sessionId);
      const result = await t.as(t.clerk, 'mail.accept', request);
      expect(result.printing).toEqual({ labels: 'receipt-printer', queued: 4 });
      committed.push({ operationId: request.operationId, operationNumber: result.operationNumber!, s10s: result.items.map((item) => item.s10!) });
    } finally {
      db.exec('DROP TRIGGER test_jobs_before_commit');
    }
    // The printer is off: the jobs are being tried, none printed.
    const jobs = (await t.as(t.clerk, 'print.jobs', { limit: 20 })).jobs;
    // The parcel to Paris also carries its CN22 slip (reference `<s10>/CN`).
    expect(jobs.map((job) => job.reference).sort()).toEqual([committed[0]!.operationId, ...committed[0]!.s10s, `${committed[0]!.s10s[1]}/CN`].sort());
    expect(jobs.filter((job) => job.status === 'printed')).toEqual([]);
  });

  it('a basket whose commit is refused leaves no job, no number and no money', async () => {
    const request = await basket((method, input) => t.as(t.clerk, method, input), t.sessionId);
    const jobs = count('SELECT count(*) AS n FROM print_jobs');
    const issued = count('SELECT count(*) AS n FROM s10_issued');
    const transfers = count('SELECT count(*) AS n FROM ledger_transfers');
    // The last write of the transaction fails, as a full disk would at the commit.
    db.exec(`CREATE TRIGGER test_refuse_commit BEFORE INSERT ON ledger_operations WHEN NEW.kind = 'mail-acceptance'
             BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    try {
      const response = await t.fixture.call('mail.accept', request, t.clerk);
      expect(response.ok).toBe(false);
    } finally {
      db.exec('DROP TRIGGER test_refuse_commit');
    }
    expect(count('SELECT count(*) AS n FROM print_jobs')).toBe(jobs);
    expect(count('SELECT count(*) AS n FROM print_jobs WHERE reference = ?', request.operationId)).toBe(0);
    expect(count('SELECT count(*) AS n FROM s10_issued')).toBe(issued);
    expect(count('SELECT count(*) AS n FROM ledger_transfers')).toBe(transfers);
  });

  it('a committed basket keeps its jobs when the printing service stops before it runs, and they print after a restart', async () => {
    // The counter goes down right after the commit: nothing of this process prints any more.
    const devices = t.fixture.counter.devices!;
    await devices.manager.queue.stop();
    devices.outbox.announce = () => undefined;
    const request = await basket((method, input) => t.as(t.clerk, method, input), t.sessionId);
    const result = await t.as(t.clerk, 'mail.accept', request);
    committed.push({ operationId: request.operationId, operationNumber: result.operationNumber!, s10s: result.items.map((item) => item.s10!) });
    expect(count("SELECT count(*) AS n FROM print_jobs WHERE reference IN (?, ?, ?) AND status = 'waiting'", request.operationId, ...committed[1]!.s10s)).toBe(3);
    await t.fixture.counter.close();
    db.close();

    // Switched on again with the printer back: both baskets print, each label and receipt once.
    await printer.start();
    restarted = await startCounter({ dataDir: data.dir, deviceTiming: { ...FAST_DEVICES, printTickMs: 50 } });
    db = new Database(restarted.counter.databaseFile);
    const everything = () => committed.every(({ operationNumber, s10s }) => textPrinted(operationNumber) === 1 && s10s.every((s10) => barcodesPrinted(s10) === 2));
    await waitUntil(everything, 30_000, 'the labels and receipts of both baskets at the printer');
    // Receipt (one barcode per item), label (one barcode) per S10 and the parcel's CN22 slip; nothing printed twice.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(everything()).toBe(true);
    expect(printer.jobs).toHaveLength(8);
    const clerk = await restarted.signIn('amina', '1234');
    const jobs = (await restarted.ok('print.jobs', { limit: 20 }, clerk)).jobs;
    expect(jobs.every((job) => job.status === 'printed')).toBe(true);
  });

  it('with the printer off, a basket queues its jobs and they print once it is back', async () => {
    const fixture = restarted!;
    const clerk = await fixture.signIn('amina', '1234');
    const sessionId = (await fixture.ok('till.mine', {}, clerk))!.sessionId;
    await printer.stop();
    const request = await basket((method, input) => fixture.ok(method, input, clerk), sessionId);
    const result = await fixture.ok('mail.accept', request, clerk);
    expect(result.printing.queued).toBe(4);
    const waiting = async () => (await fixture.ok('print.jobs', { limit: 20 }, clerk)).jobs.filter((job) => job.status === 'waiting');
    const tried = async () => (await waiting()).some((job) => job.attempts > 0);
    for (const deadline = Date.now() + 20_000; !(await tried()) && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await waiting()).map((job) => job.reference).sort()).toEqual([request.operationId, ...result.items.map((item) => item.s10!), `${result.items[1]!.s10}/CN`].sort());

    await printer.start();
    await waitUntil(() => textPrinted(result.operationNumber!) === 1 && result.items.every((item) => barcodesPrinted(item.s10!) === 2), 30_000, 'the third basket at the printer');
    expect(await waiting()).toEqual([]);
  });
});
