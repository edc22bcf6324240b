// From a frame written on the scale's pty to the `scale.weight` event leaving the counter's event
// bus (what every window subscribes to): the whole path the 20 ms goal is about, through
// the composition root, the device manager and the contract's event, not just the device driver.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { CallResponse, EventMessage, WeightReading } from '@shared/contract';
import { createCounter } from '../../electron/services/counter';
import { continuousLine } from '../../electron/services/devices/protocols/continuous-pattern';
import { createPtyPair } from '../../electron/services/devices/simulators/pty-pair';
import { openSerialEnd } from '../../electron/services/devices/simulators/serial-end';
import { makeTempDir } from '../support/temp-dir';

const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
const pause = (delay: number) => new Promise((resolve) => setTimeout(resolve, delay));

const result = <T>(response: CallResponse): T => {
  if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`);
  return response.result as T;
};

export async function frameToWeightEventAtRouter(dir: string, rounds: number): Promise<number[]> {
  const pair = await createPtyPair(join(dir, 'router-scale-counter'), join(dir, 'router-scale-sim'));
  const sim = await openSerialEnd(pair.simulatorPath);
  const data = makeTempDir('bench-router-scale-');
  // No head office: the demo one (PGlite) would compete for the CPU this measures.
  const counter = await createCounter({ dataDir: data.dir, headOffice: { mode: 'none' } });
  let expected = -1;
  let arrived: (() => void) | null = null;
  counter.subscribe((message: EventMessage) => {
    if (message.event === 'scale.weight' && (message.payload as WeightReading).grams === expected) arrived?.();
  });
  const call = (method: string, input: unknown, session?: string) => counter.route({ id: randomUUID(), method, input, session });
  const samples: number[] = [];
  try {
    const { token } = result<{ token: string }>(await call('auth.signIn', { username: 'ismail', secret: '9012' }));
    result(
      await call(
        'devices.save',
        { id: 'bench-scale', name: 'bench', kind: 'scale', protocol: 'continuous-pattern', transport: { type: 'serial', path: pair.devicePath } },
        token,
      ),
    );
    for (let i = 0; i < rounds; i++) {
      expected = 1000 + i;
      const got = new Promise<void>((resolve) => (arrived = resolve));
      const start = process.hrtime.bigint();
      await sim.write(continuousLine('ST', expected / 1000));
      await got;
      samples.push(ms(start));
      await pause(2);
    }
  } finally {
    await counter.close();
    await sim.close();
    await pair.unplug();
    data.remove();
  }
  return samples;
}
