// The passbook printer end to end: real bytes through a socat pty pair and loopback TCP to the
// passbook simulator, which records what went on paper at which page, slot and column.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PassbookLayoutConfig, PassbookStatusCodes } from '@shared/devices/device-config';
import { DeviceManager, type PassbookEvent } from '../../electron/services/devices/device-manager';
import { PassbookPrinter } from '../../electron/services/devices/passbook-printer';
import type { PassbookProgress } from '../../electron/services/devices/passbook-progress';
import type { PassbookModel } from '../../electron/services/devices/protocols/passbook/dialect';
import type { PassbookLine } from '../../electron/services/devices/protocols/passbook/passbook-line';
import { PassbookSimulator } from '../../electron/services/devices/simulators/passbook-simulator';
import { createPtyPair } from '../../electron/services/devices/simulators/pty-pair';
import { SerialTransport } from '../../electron/services/devices/transports/serial-transport';
import { TcpTransport } from '../../electron/services/devices/transports/tcp-transport';
import type { Transport } from '../../electron/services/devices/transports/transport';
import { tempDir, waitUntil } from './helpers';

// 14 lines a page: 12 above the fold, 2 below; 3 blank slots at the top, 2 on the fold.
const layout = PassbookLayoutConfig.parse({ pages: 3, linesPerPage: 14, topMarginLines: 3, foldAfterLine: 12, foldSkipLines: 2 });
const codes = PassbookStatusCodes.parse({});
const FAST = { initialMs: 50, maxMs: 300, factor: 2, jitter: 0 };
const djf = (minor: number) => ({ minor, currency: 'DJF' });
const deposit = (n: number): PassbookLine => ({ date: `2026-04-${String(n).padStart(2, '0')}`, label: `Depot no ${n}`, debit: null, credit: djf(1000 * n), balance: djf(10_000 + 1000 * n) });
const lines = (from: number, count: number) => Array.from({ length: count }, (_, k) => deposit(from + k));
/** Slot of a line on this layout, written out (not computed by the code under test). */
const SLOT: Record<number, number> = { 1: 3, 11: 13, 12: 14, 13: 17, 14: 18 };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const serial = (path: string) => new SerialTransport({ path, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 });

async function printerOn(transport: Transport, model: PassbookModel, insertTimeoutMs = 20_000): Promise<{ printer: PassbookPrinter; prompts: PassbookProgress[] }> {
  const printer = new PassbookPrinter({ id: 'pb', kind: 'passbook-printer', name: 'Passbook' }, transport, { model, layout, codes, insertTimeoutMs, pollMs: 50, statusTimeoutMs: 1500, idlePollMs: 200 }, FAST);
  const prompts: PassbookProgress[] = [];
  printer.on('passbook', (progress) => prompts.push(progress));
  cleanups.push(() => printer.close());
  await printer.open();
  await printer.claim();
  await printer.enable();
  return { printer, prompts };
}

/** The clerk: inserts the passbook at the page asked for, a moment after being asked. */
function clerk(printer: PassbookPrinter, sim: PassbookSimulator): void {
  printer.on('passbook', ({ state, page }) => {
    if (state === 'insert' || state === 'turn-page') setTimeout(() => sim.insert(page), 100);
  });
}

async function ptyRig(model: PassbookModel, insertTimeoutMs?: number) {
  const dir = tempDir('passbook');
  const pair = await createPtyPair(join(dir, 'counter'), join(dir, 'printer'));
  const sim = new PassbookSimulator(model);
  await sim.attach(pair.simulatorPath);
  cleanups.push(async () => {
    await sim.stop();
    if (pair.plugged) await pair.unplug();
  });
  const { printer, prompts } = await printerOn(serial(pair.devicePath), model, insertTimeoutMs);
  return { pair, sim, printer, prompts };
}

async function tcpRig(model: PassbookModel) {
  const sim = new PassbookSimulator(model);
  const port = await sim.listen();
  cleanups.push(() => sim.stop());
  const { printer, prompts } = await printerOn(new TcpTransport('127.0.0.1', port), model);
  await waitUntil(() => printer.online, 5000, 'printer online');
  return { sim, printer, prompts };
}

const onPaper = (sim: PassbookSimulator) => sim.printed.map((line) => ({ page: line.page, slot: line.slot, label: line.text.slice(9, 31).trim(), credit: line.text.slice(45, 57), balance: line.text.slice(58, 71) }));

describe.each([
  ['olivetti-pr2', 'a pty'],
  ['epson-escp', 'loopback TCP'],
] as const)('%s passbook printer over %s', (model, link) => {
  const rig = () => (link === 'a pty' ? ptyRig(model) : tcpRig(model));

  it('prints from the cursor at the right slots, skips the fold, turns the page when full and ejects each page', async () => {
    const { sim, printer, prompts } = await rig();
    clerk(printer, sim);
    const result = await printer.printLines(lines(1, 5), { page: 1, line: 11 });

    expect(result).toEqual({ printedThrough: { page: 2, line: 2 }, printed: 5, outcome: 'complete', detail: '' });
    expect(onPaper(sim)).toEqual([
      { page: 1, slot: SLOT[11], label: 'Depot no 1', credit: '       1.000', balance: '       11.000' },
      { page: 1, slot: SLOT[12], label: 'Depot no 2', credit: '       2.000', balance: '       12.000' },
      // Line 13 is the first below the fold: two slots further down, not one.
      { page: 1, slot: SLOT[13], label: 'Depot no 3', credit: '       3.000', balance: '       13.000' },
      { page: 1, slot: SLOT[14], label: 'Depot no 4', credit: '       4.000', balance: '       14.000' },
      { page: 2, slot: SLOT[1], label: 'Depot no 5', credit: '       5.000', balance: '       15.000' },
    ]);
    expect(sim.printed.every((line) => line.text.startsWith('0'))).toBe(true);
    expect(sim.printed[0]?.text.slice(0, 8)).toBe('01/04/26');
    // The last eject is sent before the call returns; the printer acts on it a moment later.
    await waitUntil(() => sim.ejected.length === 2, 5000, 'second page ejected');
    expect(sim.ejected).toEqual([1, 2]);
    expect(prompts.map((p) => `${p.state} ${p.page}`)).toEqual(['insert 1', 'printing 1', 'turn-page 2', 'printing 2', 'finished 2']);

    // The bytes themselves: how each language reached line 13 (slot 17).
    const captured = sim.captured.toString('latin1');
    if (model === 'olivetti-pr2') {
      expect(captured).toContain('\x1bL017');
      // 3 margin + 14 lines + 2 on the fold.
      expect(captured).toContain('\x1bQ19\x1bZ');
      expect(sim.documentLength).toBe(19);
      expect(captured.split('\x1bO')).toHaveLength(3);
    } else {
      expect(sim.printed.map((line) => line.y360)).toEqual([780, 840, 1020, 1080, 180]);
      expect(captured).toContain('\x1b(V\x02\x00\xfc\x03');
      expect(captured).toContain('\x1b(U\x01\x00\x0a');
    }
  });

  it('reprints a range at its own places, and a passbook pulled out mid-print loses nothing', async () => {
    const { sim, printer, prompts } = await rig();
    clerk(printer, sim);
    const reprint = await printer.printLines(lines(2, 2), { page: 1, line: 12 }, { reprint: true });
    expect(reprint.outcome).toBe('complete');
    expect(onPaper(sim).map((l) => [l.page, l.slot, l.label])).toEqual([
      [1, SLOT[12], 'Depot no 2'],
      [1, SLOT[13], 'Depot no 3'],
    ]);
    expect(prompts.every((p) => p.reprint)).toBe(true);

    sim.printed.length = 0;
    sim.ejected.length = 0;
    // Six lines from line 11: the clerk pulls the passbook out as the third arrives.
    sim.pullOutAtLine(3);
    const stopped = await printer.printLines(lines(1, 6), { page: 1, line: 11 });
    expect(stopped).toMatchObject({ outcome: 'removed', printed: 2, printedThrough: { page: 1, line: 13 } });
    expect(sim.dropped).toBe(1);

    // Printing again from the cursor given back puts every remaining line on paper, none twice.
    const rest = await printer.printLines(lines(3, 4), stopped.printedThrough);
    expect(rest).toMatchObject({ outcome: 'complete', printed: 4, printedThrough: { page: 2, line: 3 } });
    expect(onPaper(sim).map((l) => `${l.page}/${l.slot} ${l.label}`)).toEqual([
      `1/${SLOT[11]} Depot no 1`,
      `1/${SLOT[12]} Depot no 2`,
      `1/${SLOT[13]} Depot no 3`,
      `1/${SLOT[14]} Depot no 4`,
      `2/${SLOT[1]} Depot no 5`,
      `2/4 Depot no 6`,
    ]);
  });
});

describe('a passbook printer in trouble', () => {
  it('stops at an open cover with the lines before it counted, and waits no longer than its insert timeout', async () => {
    const { sim, printer } = await tcpRig('olivetti-pr2');
    clerk(printer, sim);
    sim.on('line', () => {
      if (sim.printed.length === 2) sim.set({ coverOpen: true });
    });
    const result = await printer.printLines(lines(1, 4), { page: 1, line: 1 });
    // Line 2 reached the paper, but the answer after it says the cover is open: it is not
    // counted (it prints again next time: twice on paper at worst, never missing).
    expect(result).toMatchObject({ outcome: 'printer-error', printed: 1, printedThrough: { page: 1, line: 2 } });
    expect(result.detail).toMatch(/cover open \(at line 2 of page 1\)/);
    expect(sim.printed).toHaveLength(2);
  });

  it('gives up when nobody inserts the passbook, having printed nothing', async () => {
    const { printer, prompts } = await ptyRig('epson-escp', 1200);
    const result = await printer.printLines(lines(1, 1), { page: 2, line: 5 });
    expect(result).toEqual({ printedThrough: { page: 2, line: 5 }, printed: 0, outcome: 'not-inserted', detail: 'no passbook inserted at page 2 in time' });
    expect(prompts[0]).toMatchObject({ state: 'insert', page: 2 });
  });

  it('unplugged mid-print: the cursor stops at the last confirmed line; plugged back, it finishes the passbook', async () => {
    const { pair, sim, printer } = await ptyRig('olivetti-pr2');
    clerk(printer, sim);
    sim.on('line', () => {
      // The cable comes out right after the second line reached the paper, before its answer.
      if (sim.printed.length === 2) void pair.unplug();
    });
    const cut = await printer.printLines(lines(1, 4), { page: 1, line: 1 });
    // Offline when the OS reports the loss first, no answer when the status question times out first.
    expect(['offline', 'no-answer']).toContain(cut.outcome);
    expect(cut.printedThrough).toEqual({ page: 1, line: 2 });
    await waitUntil(() => printer.status.power === 'offline', 5000, 'offline after unplug');
    expect(printer.status.claimed).toBe(true);

    await sim.stop();
    await pair.replug();
    const again = new PassbookSimulator('olivetti-pr2');
    await again.attach(pair.simulatorPath);
    cleanups.push(() => again.stop());
    await waitUntil(() => printer.status.power === 'online', 8000, 'online after replug');
    clerk(printer, again);
    const rest = await printer.printLines(lines(2, 3), cut.printedThrough);
    expect(rest).toMatchObject({ outcome: 'complete', printedThrough: { page: 1, line: 5 } });
    // Line 2 reached the paper before the cable went: it prints again (never lost), the others once.
    expect(again.printed.map((l) => l.slot)).toEqual([4, 5, 6]);
  });
});

describe('the passbook printer in the device manager', () => {
  it('is configured like any device, prints through printPassbookLines with events, and prints its test page', async () => {
    const sim = new PassbookSimulator('epson-escp');
    const port = await sim.listen();
    const manager = new DeviceManager({ linkBackoff: FAST, printTickMs: 60_000 });
    cleanups.push(async () => {
      await manager.close();
      await sim.stop();
    });
    const events: PassbookEvent[] = [];
    manager.on('passbook', (event) => {
      events.push(event);
      if (event.state === 'insert' || event.state === 'turn-page') setTimeout(() => sim.insert(event.page), 100);
    });
    await manager.start([
      { id: 'pb1', kind: 'passbook-printer', name: 'Livrets', model: 'epson-escp', transport: { type: 'tcp', host: '127.0.0.1', port }, layout: { pages: 3, linesPerPage: 14, topMarginLines: 3, foldAfterLine: 12, foldSkipLines: 2 } },
    ]);
    await waitUntil(() => manager.statuses()[0]?.power === 'online', 5000, 'online');
    expect(manager.hasPassbookPrinter()).toBe(true);

    const result = await manager.printPassbookLines(lines(1, 2), { page: 1, line: 1 });
    expect(result).toMatchObject({ outcome: 'complete', printedThrough: { page: 1, line: 3 } });
    expect(events.map((e) => `${e.deviceId} ${e.state}`)).toEqual(['pb1 insert', 'pb1 printing', 'pb1 finished']);

    await manager.testPrint('pb1');
    // The test page: line 1 and the first line below the fold.
    expect(sim.printed.slice(2).map((l) => [l.slot, l.text.slice(9, 31).trim()])).toEqual([
      [3, 'PAGE DE TEST 012345678'],
      [17, 'SOUS LE PLI / BELOW FO'],
    ]);
    await expect(manager.printPassbookLines(lines(1, 1), { page: 9, line: 1 })).rejects.toThrow(RangeError);
  });
});
