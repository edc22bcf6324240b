// The scale and the serial scanner through the router and the event bus, with simulators on the
// other end of socat pty pairs: what any screen sees as `scale.weight` and `scan`.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage, WeightReading } from '@shared/contract';
import { createPtyPair, type PtyPair } from '../../../electron/services/devices/simulators/pty-pair';
import { ScaleSimulator } from '../../../electron/services/devices/simulators/scale-simulator';
import { ScannerSimulator } from '../../../electron/services/devices/simulators/scanner-simulator';
import { errorCode, startCounter, type CounterFixture } from '../../support/counter-fixture';
import { tempDir, waitUntil } from '../../devices/helpers';

let fixture: CounterFixture;
let technician: string;
let clerk: string;
let scalePair: PtyPair;
let scannerPair: PtyPair;
let scale: ScaleSimulator;
let scanner: ScannerSimulator;
const heard: EventMessage[] = [];

const weights = (): WeightReading[] => heard.flatMap((message) => (message.event === 'scale.weight' ? [message.payload as WeightReading] : []));

beforeAll(async () => {
  const dir = tempDir('counter-scale');
  scalePair = await createPtyPair(join(dir, 'scale-counter'), join(dir, 'scale-sim'));
  scannerPair = await createPtyPair(join(dir, 'scanner-counter'), join(dir, 'scanner-sim'));
  scale = new ScaleSimulator(scalePair.simulatorPath, 'mt-sics');
  await scale.start();
  scanner = new ScannerSimulator(scannerPair.simulatorPath);
  await scanner.start();
  fixture = await startCounter();
  fixture.counter.subscribe((message) => heard.push(message));
  technician = await fixture.signIn('ismail', '9012');
  clerk = await fixture.signIn('amina', '1234');
  await fixture.ok(
    'devices.save',
    { id: 'scale', name: 'Balance guichet 1', kind: 'scale', protocol: 'mt-sics', pollMs: 100, transport: { type: 'serial', path: scalePair.devicePath } },
    technician,
  );
  await fixture.ok('devices.save', { id: 'scanner', name: 'Douchette', kind: 'scanner', transport: { type: 'serial', path: scannerPair.devicePath } }, technician);
});

afterAll(async () => {
  await fixture?.close();
  await scale?.stop();
  await scanner?.stop();
  await scalePair?.unplug();
  await scannerPair?.unplug();
});

describe('scale through the contract', () => {
  it('streams scale.weight events that follow the weight on the pan, with their status', async () => {
    scale.set({ grams: 1250, motion: false });
    await waitUntil(() => weights().some((w) => w.grams === 1250 && w.status === 'stable'), 15_000, '1250 g stable as an event');
    scale.set({ grams: 1900, motion: true });
    await waitUntil(() => weights().some((w) => w.grams === 1900 && w.status === 'unstable'), 15_000, '1900 g unstable as an event');
    scale.set({ overload: true });
    await waitUntil(() => weights().some((w) => w.status === 'overweight'), 15_000, 'overweight as an event');
    scale.set({ overload: false, motion: false });
    expect(weights().every((w) => w.deviceId === 'scale')).toBe(true);
    const device = heard.find((message) => message.event === 'device.status');
    expect(device?.payload).toMatchObject({ id: 'scale', kind: 'scale' });
  });

  it('reads, zeroes and tares for the clerk at the window; the last bytes show the exchange', async () => {
    scale.set({ grams: 730, motion: false });
    await waitUntil(() => weights().some((w) => w.grams === 730), 15_000, '730 g seen');
    const reading = await fixture.ok('devices.readScale', {}, clerk);
    expect(reading).toMatchObject({ deviceId: 'scale', status: 'stable', grams: 730 });
    await fixture.ok('devices.tareScale', { id: 'scale' }, clerk);
    await fixture.ok('devices.zeroScale', { id: 'scale' }, clerk);
    expect(scale.received.slice(-5)).toEqual(expect.arrayContaining(['tare', 'zero']));
    const bytes = await fixture.ok('devices.lastBytes', { id: 'scale' }, technician);
    expect(bytes.entries.some((entry) => entry.direction === 'in')).toBe(true);
    expect(bytes.entries.some((entry) => entry.direction === 'out' && entry.text.includes('<CR><LF>'))).toBe(true);
    expect(errorCode(await fixture.call('devices.lastBytes', { id: 'scale' }, clerk))).toBe('FORBIDDEN_ROLE');
  });

  it('says not-ready, not a stale weight, when the scale falls silent', async () => {
    scale.set({ silent: true });
    const reading = await fixture.ok('devices.readScale', { id: 'scale' }, clerk);
    expect(reading).toMatchObject({ status: 'not-ready', grams: null });
    expect(reading.detail).not.toBe('');
    scale.set({ silent: false });
  });
});

describe('serial scanner', () => {
  it('turns a scanned line into one scan event with the AIM identifier reported apart', async () => {
    await waitUntil(() => fixture.counter.status().devices.some((d) => d.id === 'scanner' && d.state === 'online'), 10_000, 'scanner online');
    await scanner.scan('RR123456785DJ', ']C0');
    await waitUntil(() => heard.some((message) => message.event === 'scan'), 10_000, 'scan event');
    const scan = heard.find((message) => message.event === 'scan');
    expect(scan?.payload).toMatchObject({ deviceId: 'scanner', code: 'RR123456785DJ', aim: ']C0', symbology: 'code-128', source: 'serial' });
  });
});
