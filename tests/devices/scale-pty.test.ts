// Every scale protocol, through a real pty pair made by socat, against the simulator that speaks it.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScaleProtocolName } from '../../electron/services/devices/config';
import type { ScaleReading } from '../../electron/services/devices/protocols/scale-reading';
import { Scale } from '../../electron/services/devices/scale';
import { scaleProtocolFor } from '../../electron/services/devices/scale-protocols';
import { createPtyPair, type PtyPair } from '../../electron/services/devices/simulators/pty-pair';
import { ScaleSimulator } from '../../electron/services/devices/simulators/scale-simulator';
import { SerialTransport } from '../../electron/services/devices/transports/serial-transport';
import { tempDir, waitUntil } from './helpers';

interface Expectations {
  unstableGrams: number | null;
  error: RegExp;
}

const PROTOCOLS: [ScaleProtocolName, Expectations][] = [
  ['toledo-8217', { unstableGrams: null, error: /refused the command/ }],
  ['mt-sics', { unstableGrams: 1250, error: /logical error/ }],
  ['dialog-06', { unstableGrams: null, error: /scale error 01/ }],
  ['nci-scp01', { unstableGrams: 1250, error: /hardware error/ }],
  // A continuous scale has no error reply: an unreadable line is ignored and the reading times out.
  ['continuous-pattern', { unstableGrams: 1250, error: /no reply/ }],
];

describe.each(PROTOCOLS)('scale %s over a pty pair', (protocol, expected) => {
  let pair: PtyPair;
  let sim: ScaleSimulator;
  let scale: Scale;
  const readings: ScaleReading[] = [];

  beforeAll(async () => {
    const dir = tempDir(`scale-${protocol}`);
    pair = await createPtyPair(join(dir, 'counter'), join(dir, 'scale'));
    sim = new ScaleSimulator(pair.simulatorPath, protocol, { periodMs: 50 });
    await sim.start();
    const transport = new SerialTransport({ path: pair.devicePath, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 });
    scale = new Scale({ id: 'scale-1', kind: 'scale', name: 'Counter scale' }, transport, scaleProtocolFor({ protocol, unit: 'kg' }), {
      // Polling slow so each test's own request decides what it sees.
      pollMs: 60_000,
      replyTimeoutMs: 1000,
    });
    scale.on('weight', (reading) => readings.push(reading));
    await scale.open();
    await scale.claim();
    await scale.enable();
  });

  afterAll(async () => {
    await scale?.close();
    await sim?.stop();
    await pair?.unplug();
  });

  // A streaming scale's (continuous output, MT-SICS after SIR) next line may have left before the
  // state changed: the one after is current.
  const read = async (): Promise<ScaleReading> => {
    if (scale.talksByItself) await scale.readWeight();
    return scale.readWeight();
  };

  const reset = (): void => {
    sim.configure({ byteByByte: false, garbage: false });
    sim.set({ grams: 1250, motion: false, overload: false, underZero: false, error: false, silent: false, tareGrams: 0 });
  };

  it('reads a stable weight in grams', async () => {
    reset();
    expect(scale.status.power).toBe('online');
    expect(await read()).toEqual({ status: 'stable', grams: 1250 });
  });

  it('reports motion as unstable, never as stable', async () => {
    reset();
    sim.set({ motion: true });
    const reading = await read();
    expect(reading.status).toBe('unstable');
    expect(reading.grams).toBe(expected.unstableGrams);
  });

  it('reports overload', async () => {
    reset();
    sim.set({ overload: true });
    expect((await read()).status).toBe('overweight');
  });

  it('reports a weight under zero', async () => {
    reset();
    sim.set({ underZero: true });
    expect((await read()).status).toBe('under-zero');
  });

  it('turns an error reply into a not-ready reading with the reason', async () => {
    reset();
    sim.set({ error: true });
    const reading = await read();
    expect(reading.status).toBe('not-ready');
    expect(reading.grams).toBeNull();
    expect(reading.detail).toMatch(expected.error);
  });

  it('survives silence: a timeout gives not-ready, and the next answer is read normally', async () => {
    reset();
    sim.set({ silent: true });
    const silent = await read();
    expect(silent).toMatchObject({ status: 'not-ready', grams: null, detail: 'no reply from the scale' });
    sim.set({ silent: false, grams: 2000 });
    expect(await read()).toEqual({ status: 'stable', grams: 2000 });
  });

  it('reassembles frames delivered one byte at a time', async () => {
    reset();
    sim.configure({ byteByByte: true });
    sim.set({ grams: 3456 });
    // NCI prints two decimals of kg: 3.46 kg.
    const grams = protocol === 'nci-scp01' ? 3460 : 3456;
    await waitUntil(() => readings.length > 0, 100, 'any reading');
    const reading = await read();
    expect(reading).toEqual({ status: 'stable', grams });
  });

  it('skips line noise between frames', async () => {
    reset();
    sim.configure({ garbage: true });
    sim.set({ grams: 750 });
    expect(await read()).toEqual({ status: 'stable', grams: 750 });
    sim.set({ motion: true });
    expect((await read()).status).toBe('unstable');
  });
});
