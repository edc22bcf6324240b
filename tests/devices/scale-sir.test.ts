// MT-SICS streaming through a real pty pair: the counter says SIR once and the scale talks by
// itself; a zero ends the stream and the counter restarts it; disabling stops it; the simulator
// keeps repeating until another command or `@`.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScaleReading } from '../../electron/services/devices/protocols/scale-reading';
import { Scale } from '../../electron/services/devices/scale';
import { scaleProtocolFor } from '../../electron/services/devices/scale-protocols';
import { createPtyPair } from '../../electron/services/devices/simulators/pty-pair';
import { ScaleSimulator } from '../../electron/services/devices/simulators/scale-simulator';
import { openSerialEnd } from '../../electron/services/devices/simulators/serial-end';
import { SerialTransport } from '../../electron/services/devices/transports/serial-transport';
import { tempDir, waitUntil } from './helpers';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const setUp = async (name: string) => {
  const dir = tempDir(name);
  const pair = await createPtyPair(join(dir, 'counter'), join(dir, 'scale'));
  const sim = new ScaleSimulator(pair.simulatorPath, 'mt-sics', { periodMs: 20 });
  await sim.start();
  cleanups.push(async () => {
    await sim.stop();
    await pair.unplug();
  });
  return { pair, sim };
};

describe('the MT-SICS simulator speaks SIR', () => {
  it('repeats the weight after SIR until another command, and again until @', async () => {
    const { pair, sim } = await setUp('sir-sim');
    const counter = await openSerialEnd(pair.devicePath);
    cleanups.push(() => counter.close());
    let heard = '';
    counter.onData((chunk) => (heard += chunk.toString('latin1')));
    const lines = (): string[] => heard.split('\r\n').filter(Boolean);
    sim.set({ grams: 700 });

    await counter.write(Buffer.from('SIR\r\n'));
    await waitUntil(() => lines().length >= 4, 5000, 'four streamed lines');
    expect(sim.talking).toBe(true);
    expect(new Set(lines())).toEqual(new Set(['S S      0.700 kg']));
    sim.set({ motion: true });
    await waitUntil(() => lines().at(-1) === 'S D      0.700 kg', 5000, 'a dynamic line once the plate moves');

    await counter.write(Buffer.from('Z\r\n'));
    await waitUntil(() => lines().includes('Z I'), 5000, 'the answer to Z');
    expect(sim.talking).toBe(false);

    await counter.write(Buffer.from('SIR\r\n'));
    await waitUntil(() => sim.talking, 5000, 'streaming again');
    await counter.write(Buffer.from('@\r\n'));
    await waitUntil(() => lines().some((line) => line.startsWith('I4 A "')), 5000, 'the answer to @');
    expect(sim.talking).toBe(false);
    expect(sim.received).toEqual(['repeat', 'zero', 'repeat', 'cancel']);
  });
});

describe('an MT-SICS scale streams instead of being polled', () => {
  it('says SIR once, hears every change without asking, restarts the stream after a zero and stops it when disabled', async () => {
    const { pair, sim } = await setUp('sir-scale');
    const transport = new SerialTransport({ path: pair.devicePath, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 });
    const scale = new Scale({ id: 's', kind: 'scale', name: 'Scale' }, transport, scaleProtocolFor({ protocol: 'mt-sics', unit: 'kg' }), { replyTimeoutMs: 1000 });
    cleanups.push(() => scale.close());
    const readings: ScaleReading[] = [];
    scale.on('weight', (reading) => readings.push(reading));
    await scale.open();
    await scale.claim();
    await scale.enable();
    expect(scale.talksByItself).toBe(true);

    for (const grams of [150, 900, 2400]) {
      sim.set({ grams });
      await waitUntil(() => readings.at(-1)?.grams === grams, 5000, `${grams} g on the stream`);
    }
    expect(sim.received.filter((command) => command === 'repeat')).toHaveLength(1);
    expect(sim.received.filter((command) => command === 'weight')).toHaveLength(0);

    await scale.zero();
    await waitUntil(() => sim.received.length === 3, 5000, 'SIR again after the zero');
    expect(sim.received).toEqual(['repeat', 'zero', 'repeat']);
    const afterZero = readings.length;
    await waitUntil(() => readings.length > afterZero + 2 && readings.at(-1)?.grams === 0, 5000, 'the stream back after the zero');

    await scale.disable();
    await waitUntil(() => !sim.talking, 5000, 'the stream stopped by SI');
    expect(sim.received.at(-1)).toBe('weight');
  });
});

describe('a polled scale', () => {
  it('disabled and enabled again while a question is out goes on polling, one question at a time', async () => {
    const dir = tempDir('poll-reenable');
    const pair = await createPtyPair(join(dir, 'counter'), join(dir, 'scale'));
    // A slow answer keeps a question out while the scale is disabled and enabled again.
    const sim = new ScaleSimulator(pair.simulatorPath, 'toledo-8217', { replyDelayMs: 40 });
    await sim.start();
    cleanups.push(async () => {
      await sim.stop();
      await pair.unplug();
    });
    const transport = new SerialTransport({ path: pair.devicePath, baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 });
    const scale = new Scale({ id: 's', kind: 'scale', name: 'Scale' }, transport, scaleProtocolFor({ protocol: 'toledo-8217', unit: 'kg' }), { replyTimeoutMs: 1000 });
    cleanups.push(() => scale.close());
    expect(scale.pollPeriodMs).toBe(40);
    await scale.open();
    await scale.claim();
    await scale.enable();
    await waitUntil(() => sim.received.length > 0, 5000, 'the first question');
    for (let i = 0; i < 5; i++) {
      await scale.disable();
      await scale.enable();
    }
    for (const grams of [800, 1600]) {
      sim.set({ grams });
      await waitUntil(() => scale.reading?.grams === grams, 5000, `${grams} g polled`);
    }
  });
});
