// A counter basket through the router: real SQLite file, a simulated MT-SICS scale on a socat
// pty pair, and printers configured on a loopback port nobody listens on (switched off).
import { createServer } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutReceipt } from '@shared/receipt';
import { checkS10 } from '@shared/s10';
import { uuid7 } from '@shared/uuid7';
import { createPtyPair, type PtyPair } from '../../../electron/services/devices/simulators/pty-pair';
import { ScaleSimulator } from '../../../electron/services/devices/simulators/scale-simulator';
import { tempDir } from '../../devices/helpers';
import { completeCustoms, djf, parisRecipient, sender, startMailCounter, type MailCounter } from './mail-counter';

let t: MailCounter;
let pair: PtyPair;
let scale: ScaleSimulator;
let db: Database.Database;

/** A port that was free a moment ago: connecting to it is refused, like a printer switched off. */
const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

const count = (sql: string, ...params: unknown[]): number => (db.prepare(sql).get(...params) as { n: number }).n;

beforeAll(async () => {
  const dir = tempDir('mail-scale');
  pair = await createPtyPair(join(dir, 'scale-counter'), join(dir, 'scale-sim'));
  scale = new ScaleSimulator(pair.simulatorPath, 'mt-sics');
  await scale.start();
  t = await startMailCounter();
  const port = await closedPort();
  await t.as(t.technician, 'devices.save', { id: 'scale', name: 'Balance', kind: 'scale', protocol: 'mt-sics', pollMs: 100, transport: { type: 'serial', path: pair.devicePath } });
  await t.as(t.technician, 'devices.save', { id: 'receipt', name: 'Tickets', kind: 'receipt-printer', transport: { type: 'tcp', host: '127.0.0.1', port } });
  await t.as(t.technician, 'devices.save', { id: 'label', name: 'Étiquettes', kind: 'label-printer', protocol: 'zpl', transport: { type: 'tcp', host: '127.0.0.1', port } });
  db = new Database(t.fixture.counter.databaseFile);
  db.pragma('busy_timeout = 5000');
});

afterAll(async () => {
  db?.close();
  await t?.fixture.close();
  await scale?.stop();
  await pair?.unplug();
});

const weighOnScale = async (grams: number) => {
  scale.set({ grams, motion: false });
  let weighing: Awaited<ReturnType<typeof t.as<'mail.weigh'>>> | null = null;
  for (const deadline = Date.now() + 15_000; !weighing && Date.now() < deadline; ) {
    const response = await t.fixture.call('mail.weigh', { deviceId: 'scale' }, t.clerk);
    if (response.ok && (response.result as { grams: number }).grams === grams) weighing = response.result as typeof weighing;
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!weighing) throw new Error(`no stable ${grams} g reading`);
  return weighing;
};

describe('mail acceptance basket', () => {
  let operationId: string;
  let request: Parameters<typeof t.as<'mail.accept'>>[2];
  let firstS10s: Array<string | null>;

  it('books mail items and retail products as ONE operation with each item\'s acceptance event', async () => {
    const parcelWeight = await weighOnScale(1250);
    expect(parcelWeight).toMatchObject({ source: 'scale', grams: 1250, deviceId: 'scale' });
    const letterWeight = await t.as(t.clerk, 'mail.weigh', { manualGrams: 20, reason: 'letter too light for the scale' });
    expect(letterWeight.source).toBe('manual');

    const catalog = await t.as(t.clerk, 'mail.catalog', {});
    expect(catalog).toMatchObject({ sample: true, currency: 'DJF' });
    const stamps = catalog.products.find((p) => p.code === 'STAMP-INTL')!;
    const stockBefore = stamps.stock;

    operationId = uuid7();
    request = {
      operationId,
      sessionId: t.sessionId,
      items: [
        { service: 'PARCEL', destinationCountry: 'FR', weighingId: parcelWeight.id, sender, recipient: parisRecipient, customs: completeCustoms },
        { service: 'REGISTERED', destinationCountry: 'DJ', weighingId: letterWeight.id, options: ['AR'], sender, recipient: { ...sender, name: 'Ayan Hassan' } },
      ],
      products: [{ ean: stamps.ean, quantity: 3 }],
      tendered: djf(20_000),
    };
    const before = count('SELECT count(*) AS n FROM ledger_transfers');
    const result = await t.as(t.clerk, 'mail.accept', request);
    // PARCEL Z2 ≤2000 g = 13500; REGISTERED DOM ≤20 g = 1100 + AR 300; 3 × 350 stamps.
    expect(result.items.map((item) => item.amount.minor)).toEqual([13500, 1400]);
    expect(result.total).toEqual(djf(15950));
    expect(result.change).toEqual(djf(4050));
    expect(result.items[0]).toMatchObject({ customsForm: 'CN22', weightSource: 'scale', grams: 1250 });
    expect(result.items[1]).toMatchObject({ customsForm: null, weightSource: 'manual' });
    firstS10s = result.items.map((item) => item.s10);
    for (const s10 of firstS10s) expect(checkS10(s10!).ok).toBe(true);
    expect(firstS10s[0]).toMatch(/^CP\d{9}DJ$/);
    expect(firstS10s[1]).toMatch(/^RR\d{9}DJ$/);

    // One operation: every transfer of the basket carries its id, and nothing else was booked.
    expect(count("SELECT count(*) AS n FROM ledger_operations WHERE kind = 'mail-acceptance'")).toBe(1);
    expect(count('SELECT count(*) AS n FROM ledger_transfers') - before).toBe(3);
    expect(count('SELECT count(*) AS n FROM ledger_transfers WHERE operation_id = ?', operationId)).toBe(3);
    // Acceptance events were written by the same transaction (they carry the operation id).
    expect(count("SELECT count(*) AS n FROM tracking_events WHERE code = 'EMA' AND operation_id = ?", operationId)).toBe(2);
    const tracked = await t.as(t.clerk, 'tracking.lookup', { s10: firstS10s[0]! });
    expect(tracked.item).toMatchObject({ service: 'PARCEL', destinationCountry: 'FR', grams: 1250 });
    expect(tracked.events.map((event) => event.code)).toEqual(['EMA']);
    expect(count('SELECT count(*) AS n FROM customs_lines WHERE s10 = ?', firstS10s[0])).toBe(1);

    const after = await t.as(t.clerk, 'mail.catalog', {});
    expect(after.products.find((p) => p.code === 'STAMP-INTL')!.stock).toBe(stockBefore - 3);
    expect((await t.as(t.clerk, 'mail.senders', { query: 'mous' }))[0]).toMatchObject({ name: 'Moussa Abdi', uses: 2 });
    expect((await t.as(t.supervisor, 'ledger.verify', {})).ok).toBe(true);
    // The receipt carries the operation's last hash — the one the branch key signed — as a short code in its QR.
    const last = db.prepare('SELECT t.hash, s.signature FROM ledger_transfers t JOIN ledger_signatures s USING (seq) WHERE t.operation_id = ? ORDER BY t.seq DESC LIMIT 1').get(operationId) as { hash: string; signature: string };
    expect(result.receipt.verification).toEqual({ operationId, hash: last.hash });
    const rows = layoutReceipt(result.receipt, 42);
    const code = `${last.hash.slice(0, 5)}-${last.hash.slice(5, 10)}`.toUpperCase();
    expect(rows.filter((row) => row.kind === 'qr').map((row) => row.kind === 'qr' && row.data)).toEqual([expect.stringMatching(new RegExp(`#v=${code}$`))]);
    expect(rows).toContainEqual(expect.objectContaining({ kind: 'text', text: `# ${code}` }));

    // Printers are off: the sale is booked, two labels, the receipt and the parcel's CN22 wait in the queue.
    expect(result.printing).toEqual({ labels: 'label-printer', queued: 4 });
    const jobs = (await t.as(t.clerk, 'print.jobs', { limit: 20 })).jobs;
    // Waiting, or being tried at this very moment: none printed.
    expect(jobs.filter((job) => job.status !== 'printed').map((job) => [job.kind, job.reference]).sort()).toEqual(
      [['label', firstS10s[0]], ['label', firstS10s[1]], ['receipt', operationId], ['receipt', `${firstS10s[0]}/CN`]].sort(),
    );
  });

  it('a retry with the same id posts nothing and answers the same numbers', async () => {
    const transfers = count('SELECT count(*) AS n FROM ledger_transfers');
    const issued = count('SELECT count(*) AS n FROM s10_issued');
    const again = await t.as(t.clerk, 'mail.accept', request);
    expect(again.replayed).toBe(true);
    expect(again.items.map((item) => item.s10)).toEqual(firstS10s);
    expect(count('SELECT count(*) AS n FROM ledger_transfers')).toBe(transfers);
    expect(count('SELECT count(*) AS n FROM s10_issued')).toBe(issued);
    expect(count('SELECT count(*) AS n FROM tracking_events WHERE operation_id = ?', operationId)).toBe(2);
  });

  it('refuses an unstable reading; the sale cannot be priced from it', async () => {
    scale.set({ grams: 1900, motion: true });
    let refused: Awaited<ReturnType<typeof t.refusal>> | null = null;
    for (const deadline = Date.now() + 15_000; !refused && Date.now() < deadline; ) {
      const response = await t.fixture.call('mail.weigh', { deviceId: 'scale' }, t.clerk);
      if (!response.ok) refused = { code: response.error.code, rule: response.error.details?.rule, details: response.error.details ?? {} };
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(refused).toMatchObject({ code: 'RULE_BROKEN', rule: 'weight-unstable', details: { status: 'unstable' } });
    scale.set({ motion: false });
  });

  it.each([
    [{ overload: true }, 'overweight', 'weight-over-capacity'],
    [{ underZero: true }, 'under-zero', 'weight-under-zero'],
  ] as const)('refuses a scale reading %o with its own rule (%s → %s), not "unstable"', async (state, status, rule) => {
    scale.set(state);
    let refused: Awaited<ReturnType<typeof t.refusal>> | null = null;
    for (const deadline = Date.now() + 15_000; !refused && Date.now() < deadline; ) {
      const response = await t.fixture.call('mail.weigh', { deviceId: 'scale' }, t.clerk);
      if (!response.ok && response.error.details?.status === status) refused = { code: response.error.code, rule: response.error.details?.rule, details: response.error.details ?? {} };
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(refused).toMatchObject({ code: 'RULE_BROKEN', rule, details: { status } });
    scale.set({ overload: false, underZero: false });
  });

  it('refuses an overweight item with the limit, and nothing is booked or numbered', async () => {
    const heavy = await t.as(t.clerk, 'mail.weigh', { manualGrams: 31_000, reason: 'too heavy for the counter scale' });
    const issued = count('SELECT count(*) AS n FROM s10_issued');
    const refusal = await t.refusal(t.clerk, 'mail.accept', {
      operationId: uuid7(), sessionId: t.sessionId, items: [{ service: 'PARCEL', destinationCountry: 'DJ', weighingId: heavy.id, sender, recipient: sender }], tendered: djf(200_000),
    });
    expect(refusal).toMatchObject({ code: 'RULE_BROKEN', rule: 'overweight', details: { item: 0, limit: 30000 } });
    expect(count('SELECT count(*) AS n FROM s10_issued')).toBe(issued);
    const quote = await t.as(t.clerk, 'mail.quote', { service: 'PARCEL', destinationCountry: 'DJ', weightGrams: 31_000 });
    expect(quote).toEqual({ ok: false, reason: 'overweight', limit: 30000 });
  });

  it('refuses missing customs data with every missing field', async () => {
    const weighing = await t.as(t.clerk, 'mail.weigh', { manualGrams: 800, reason: 'scale busy' });
    const refusal = await t.refusal(t.clerk, 'mail.accept', {
      operationId: uuid7(),
      sessionId: t.sessionId,
      items: [
        { service: 'PARCEL', destinationCountry: 'FR', weighingId: weighing.id, sender, recipient: parisRecipient, customs: { category: 'sale-of-goods', lines: [{ description: 'Shirt', quantity: 1, netWeightGrams: 300, valueMinor: 5000 }] } },
        { service: 'EMS', destinationCountry: 'DE', weighingId: weighing.id, sender, recipient: { ...parisRecipient, country: 'DE' } },
      ],
      tendered: djf(100_000),
    });
    expect(refusal).toMatchObject({ code: 'RULE_BROKEN', rule: 'customs-incomplete' });
    expect(refusal.details.missing).toEqual(['items.0.customs.lines.0.hsCode', 'items.0.customs.lines.0.originCountry', 'items.1.customs']);
  });

  it('refuses a scanned S10 with a bad check digit at once', async () => {
    const bad = firstS10s[0]!.slice(0, 10) + String((Number(firstS10s[0]![10]) + 1) % 10) + firstS10s[0]!.slice(11);
    const refusal = await t.refusal(t.clerk, 'tracking.lookup', { s10: bad });
    expect(refusal).toMatchObject({ code: 'INVALID_INPUT', rule: 's10-check-digit', details: { expectedCheckDigit: Number(firstS10s[0]![10]) } });
    expect(await t.refusal(t.clerk, 'tracking.record', { eventId: uuid7(), s10: bad, code: 'EDA' })).toMatchObject({ rule: 's10-check-digit' });
  });

  it('an exhausted range asks for a new allocation; a range pulled from head office serves the next item', async () => {
    db.prepare("UPDATE s10_ranges SET next_serial = last_serial + 1 WHERE service_indicator = 'EE'").run();
    const weighing = await t.as(t.clerk, 'mail.weigh', { manualGrams: 500, reason: 'scale busy' });
    const basket = { sessionId: t.sessionId, items: [{ service: 'EMS', destinationCountry: 'DJ', weighingId: weighing.id, sender, recipient: sender }], tendered: djf(10_000) };
    const refusal = await t.refusal(t.clerk, 'mail.accept', { ...basket, operationId: uuid7() });
    expect(refusal).toMatchObject({ code: 'RULE_BROKEN', rule: 's10-range-exhausted', details: { serviceIndicator: 'EE' } });
    const response = await t.fixture.call('mail.accept', { ...basket, operationId: uuid7() }, t.clerk);
    expect(!response.ok && response.error.message).toMatch(/new allocation/);

    // What replication's pull stores: the range head office allocated to this branch.
    db.prepare(
      `INSERT INTO replication_reference (kind, key, version, body, published_by, published_at, received_at)
       VALUES ('s10-range', 'EE:50000000', 7, '{"service_indicator":"EE","first_serial":50000000,"last_serial":50000009}', 'head-office', '2026-01-01', '2026-01-01')`,
    ).run();
    const accepted = await t.as(t.clerk, 'mail.accept', { ...basket, operationId: uuid7() });
    // 50000000: S = 5×8 = 40, 40 mod 11 = 7, check digit 4.
    expect(accepted.items[0]!.s10).toBe('EE500000004DJ');
  });

  it('records counter events by code from data, once per event id', async () => {
    const eventId = uuid7();
    const recorded = await t.as(t.clerk, 'tracking.record', { eventId, s10: firstS10s[1]!, code: 'EDA', note: 'address unclear' });
    expect(recorded).toMatchObject({ code: 'EDA', source: 'counter', operator: 'amina' });
    await t.as(t.clerk, 'tracking.record', { eventId, s10: firstS10s[1]!, code: 'EDA' });
    expect((await t.as(t.clerk, 'tracking.lookup', { s10: firstS10s[1]! })).events.map((e) => e.code)).toEqual(['EMA', 'EDA']);
    expect(await t.refusal(t.clerk, 'tracking.record', { eventId: uuid7(), s10: firstS10s[1]!, code: 'EMC' })).toMatchObject({ code: 'RULE_BROKEN', rule: 'not-a-counter-event' });
    // Issued numbers and events are evidence: the database refuses to change them.
    expect(() => db.prepare('DELETE FROM tracking_events').run()).toThrow(/kept as recorded/);
    expect(() => db.prepare('UPDATE s10_issued SET operation_id = ?').run('x')).toThrow(/kept as recorded/);
  });
});
