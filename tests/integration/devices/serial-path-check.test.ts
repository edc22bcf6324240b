// The workshop's serial path check through the router: technicians only, with the verdict for a
// real socat cable and for a path with nothing behind it; the port list carries link targets.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../../../electron/services/devices/simulators/pty-pair';
import { tempDir } from '../../devices/helpers';
import { errorCode, startCounter, type CounterFixture } from '../../support/counter-fixture';

let fixture: CounterFixture;
let technician: string;
let clerk: string;
let pair: PtyPair;
let dir: string;

beforeAll(async () => {
  dir = tempDir('path-check');
  pair = await createPtyPair(join(dir, 'counter'), join(dir, 'scale'));
  fixture = await startCounter();
  technician = await fixture.signIn('ismail', '9012');
  clerk = await fixture.signIn('amina', '1234');
});

afterAll(async () => {
  await fixture?.close();
  await pair?.unplug();
});

describe('devices.checkSerialPath', () => {
  it('answers a technician with the verdict for a socat cable and for nothing', async () => {
    expect(await fixture.ok('devices.checkSerialPath', { path: pair.devicePath }, technician)).toMatchObject({ verdict: 'pty' });
    expect(await fixture.ok('devices.checkSerialPath', { path: join(dir, 'ttyUSB7') }, technician)).toEqual({
      path: join(dir, 'ttyUSB7'),
      verdict: 'missing',
      target: null,
    });
  });

  it('is a technician’s tool only, and refuses an empty path', async () => {
    expect(errorCode(await fixture.call('devices.checkSerialPath', { path: pair.devicePath }, clerk))).toBe('FORBIDDEN_ROLE');
    expect(errorCode(await fixture.call('devices.checkSerialPath', { path: '  ' }, technician))).toBe('INVALID_INPUT');
  });

  it('lists ports with a target field (null for the devices themselves)', async () => {
    const { ports } = await fixture.ok('devices.serialPorts', {}, technician);
    for (const port of ports) expect(port).toHaveProperty('target');
  });
});
