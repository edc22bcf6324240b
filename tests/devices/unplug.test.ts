// Pull the cable (kill socat), see the device go offline, plug it back, see it come back alone.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Scale } from '../../electron/services/devices/scale';
import { scaleProtocolFor } from '../../electron/services/devices/scale-protocols';
import { Scanner } from '../../electron/services/devices/scanner';
import type { ScannedCode } from '../../electron/services/devices/protocols/scanner-serial';
import type { ScaleReading } from '../../electron/services/devices/protocols/scale-reading';
import { createPtyPair, type PtyPair } from '../../electron/services/devices/simulators/pty-pair';
import { ScaleSimulator } from '../../electron/services/devices/simulators/scale-simulator';
import { ScannerSimulator } from '../../electron/services/devices/simulators/scanner-simulator';
import { SerialTransport } from '../../electron/services/devices/transports/serial-transport';
import { tempDir, waitUntil } from './helpers';

const serial = (path: string) => new SerialTransport({ path, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 });
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('unplugging a serial scale', () => {
  it('shows offline within 2 s and reconnects by itself when plugged back', async () => {
    const dir = tempDir('unplug');
    const pair: PtyPair = await createPtyPair(join(dir, 'counter'), join(dir, 'scale'));
    let sim = new ScaleSimulator(pair.simulatorPath, 'mt-sics');
    await sim.start();
    sim.set({ grams: 1500 });
    const scale = new Scale({ id: 's', kind: 'scale', name: 'Scale' }, serial(pair.devicePath), scaleProtocolFor({ protocol: 'mt-sics', unit: 'kg' }), {
      pollMs: 50,
      replyTimeoutMs: 300,
    });
    const readings: ScaleReading[] = [];
    scale.on('weight', (reading) => readings.push(reading));
    cleanups.push(async () => {
      await scale.close();
      await sim.stop();
      await pair.unplug();
    });
    await scale.open();
    await scale.claim();
    await scale.enable();
    await waitUntil(() => readings.some((r) => r.grams === 1500 && r.status === 'stable'), 2000, 'first stable reading');
    expect(scale.status.power).toBe('online');

    await pair.unplug();
    await sim.stop();
    await waitUntil(() => scale.status.power === 'offline', 2000, 'offline after unplug');
    expect(scale.status.detail).toMatch(/unplugged|ENOENT|no such file/i);
    expect(scale.status.claimed).toBe(true);

    // Still unplugged a while later: it keeps trying without crashing and stays offline.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(scale.status.power).toBe('offline');

    await pair.replug();
    sim = new ScaleSimulator(pair.simulatorPath, 'mt-sics');
    await sim.start();
    sim.set({ grams: 2500 });
    await waitUntil(() => scale.status.power === 'online', 4000, 'online after replug');
    await waitUntil(() => readings.some((r) => r.grams === 2500 && r.status === 'stable'), 2000, 'weight after replug');
  });

  it('shows a scale that stops answering (switched off behind a live cable) as offline, then online again', async () => {
    const dir = tempDir('silent');
    const pair = await createPtyPair(join(dir, 'counter'), join(dir, 'scale'));
    const sim = new ScaleSimulator(pair.simulatorPath, 'toledo-8217');
    await sim.start();
    sim.set({ grams: 500 });
    const scale = new Scale({ id: 's', kind: 'scale', name: 'Scale' }, serial(pair.devicePath), scaleProtocolFor({ protocol: 'toledo-8217', unit: 'kg' }), {
      pollMs: 20,
      replyTimeoutMs: 150,
      silentLimit: 3,
    });
    cleanups.push(async () => {
      await scale.close();
      await sim.stop();
      await pair.unplug();
    });
    await scale.open();
    await scale.claim();
    await scale.enable();
    await waitUntil(() => scale.reading?.grams === 500, 2000, 'first reading');
    sim.set({ silent: true });
    await waitUntil(() => scale.status.power === 'offline', 2000, 'offline when silent');
    expect(scale.status.detail).toMatch(/does not answer/);
    sim.set({ silent: false });
    await waitUntil(() => scale.status.power === 'online' && scale.reading?.status === 'stable', 2000, 'back online');
  });
});

describe('zero and tare through the wire', () => {
  it('zeroes and tares an MT-SICS scale, and refuses zero while in motion', async () => {
    const dir = tempDir('zero');
    const pair = await createPtyPair(join(dir, 'counter'), join(dir, 'scale'));
    const sim = new ScaleSimulator(pair.simulatorPath, 'mt-sics');
    await sim.start();
    const scale = new Scale({ id: 's', kind: 'scale', name: 'Scale' }, serial(pair.devicePath), scaleProtocolFor({ protocol: 'mt-sics', unit: 'kg' }), {
      pollMs: 60_000,
      replyTimeoutMs: 300,
    });
    cleanups.push(async () => {
      await scale.close();
      await sim.stop();
      await pair.unplug();
    });
    await scale.open();
    await scale.claim();
    await scale.enable();
    sim.set({ grams: 300 });
    await scale.tare();
    expect(await scale.readWeight()).toEqual({ status: 'stable', grams: 0 });
    sim.set({ grams: 1300 });
    // The scale streams (SIR): the line after the next is surely weighed after the change.
    await scale.readWeight();
    expect(await scale.readWeight()).toEqual({ status: 'stable', grams: 1000 });
    sim.set({ motion: true });
    await expect(scale.zero()).rejects.toThrow(/zero refused: scale busy/);
    expect(scale.status.state).toBe('error');
    sim.set({ motion: false });
    await scale.zero();
    expect(scale.status.state).toBe('idle');
    expect(await scale.readWeight()).toEqual({ status: 'stable', grams: 0 });
  });

  it('never takes a late reply for the answer to the next request', async () => {
    const dir = tempDir('late');
    const pair = await createPtyPair(join(dir, 'counter'), join(dir, 'scale'));
    const sim = new ScaleSimulator(pair.simulatorPath, 'toledo-8217', { replyDelayMs: 350 });
    await sim.start();
    const scale = new Scale({ id: 's', kind: 'scale', name: 'Scale' }, serial(pair.devicePath), scaleProtocolFor({ protocol: 'toledo-8217', unit: 'kg' }), {
      pollMs: 60_000,
      replyTimeoutMs: 200,
    });
    cleanups.push(async () => {
      await scale.close();
      await sim.stop();
      await pair.unplug();
    });
    await scale.open();
    await scale.claim();
    await scale.enable();
    sim.set({ grams: 111 });
    expect(await scale.readWeight()).toMatchObject({ status: 'not-ready', detail: 'no reply from the scale' });
    // The 111 g answer is still on its way; the next question must get its own answer.
    sim.configure({ replyDelayMs: 0 });
    sim.set({ grams: 222 });
    expect(await scale.readWeight()).toEqual({ status: 'stable', grams: 222 });
  });

  it('says plainly when the protocol has no tare (Dialog 06)', async () => {
    const dir = tempDir('notare');
    const pair = await createPtyPair(join(dir, 'counter'), join(dir, 'scale'));
    const scale = new Scale({ id: 's', kind: 'scale', name: 'Scale' }, serial(pair.devicePath), scaleProtocolFor({ protocol: 'dialog-06', unit: 'kg' }));
    cleanups.push(async () => {
      await scale.close();
      await pair.unplug();
    });
    await scale.open();
    await scale.claim();
    await expect(scale.tare()).rejects.toThrow(/no tare command/);
  });
});

describe('serial scanner', () => {
  it('delivers codes framed by CR, CRLF or LF, strips and reports AIM identifiers, ignores noise', async () => {
    const dir = tempDir('scanner');
    const pair = await createPtyPair(join(dir, 'counter'), join(dir, 'scanner'));
    const sim = new ScannerSimulator(pair.simulatorPath);
    await sim.start();
    const scanner = new Scanner({ id: 'sc', kind: 'scanner', name: 'Scanner' }, serial(pair.devicePath));
    const scans: ScannedCode[] = [];
    scanner.on('scan', (scan) => scans.push(scan));
    cleanups.push(async () => {
      await scanner.close();
      await sim.stop();
      await pair.unplug();
    });
    await scanner.open();
    await scanner.claim();
    // Not enabled yet: a scan now must not be delivered (UnifiedPOS: no data events while disabled).
    await sim.scan('EARLY0001', null, '\r');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await scanner.enable();
    await sim.scan('RR123456785DJ', ']C0', '\r');
    await sim.scan('6111234567890', ']E0', '\r\n', { byteByByte: true });
    await sim.scan('https://poste.dj/t/RR123456785DJ', ']Q1', '\n');
    await sim.scan('CP000000013DJ', null, '\r\n');
    await waitUntil(() => scans.length >= 4, 2000, 'four scans');
    expect(scans).toEqual([
      { code: 'RR123456785DJ', aim: ']C0', symbology: 'code-128' },
      { code: '6111234567890', aim: ']E0', symbology: 'ean-upc' },
      { code: 'https://poste.dj/t/RR123456785DJ', aim: ']Q1', symbology: 'qr' },
      { code: 'CP000000013DJ', aim: null, symbology: 'unknown' },
    ]);
  });
});
