// The workshop's port list and path check, against real files: a socat pty pair (what a
// simulator or a training cable gives), a folder of links laid out as udev lays out
// /dev/serial/by-id, a plain file, /dev/null and a path that does not exist.
import { mkdirSync, symlinkSync, writeFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../../electron/services/devices/simulators/pty-pair';
import { checkSerialPath, listSerialPorts, serialLinks } from '../../electron/services/devices/serial-ports';
import { tempDir } from './helpers';

describe('serial ports in the workshop', () => {
  let dir: string;
  let pair: PtyPair;
  let byId: string;

  beforeAll(async () => {
    dir = tempDir('serial-ports');
    pair = await createPtyPair(join(dir, 'counter'), join(dir, 'scale'));
    byId = join(dir, 'by-id');
    mkdirSync(byId);
    symlinkSync(pair.devicePath, join(byId, 'usb-Prolific_Technology_Inc._USB-Serial_Controller_ABC123-if00-port0'));
    // An adapter pulled out leaves nothing behind in udev, but a stale link must not break the list.
    symlinkSync(join(dir, 'gone'), join(byId, 'usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0'));
  });

  afterAll(async () => {
    await pair?.unplug();
  });

  it('lists the by-id links first, each with the device it points at, and skips a stale link', async () => {
    const ports = await listSerialPorts(byId);
    const target = realpathSync(pair.devicePath);
    expect(ports[0]).toMatchObject({ path: join(byId, 'usb-Prolific_Technology_Inc._USB-Serial_Controller_ABC123-if00-port0'), target });
    expect(ports.filter((port) => port.target !== null)).toHaveLength(1);
    // The devices serialport itself lists follow, as before, with no target.
    expect(ports.slice(1).every((port) => port.target === null)).toBe(true);
  });

  it('lists no links where the folder does not exist (no USB adapter, Windows)', () => {
    expect(serialLinks(join(dir, 'no-such-folder'))).toEqual([]);
  });

  it('calls a socat cable a pseudo-terminal, through its link, and says where it points', async () => {
    expect(await checkSerialPath(pair.devicePath)).toEqual({ path: pair.devicePath, verdict: 'pty', target: realpathSync(pair.devicePath) });
  });

  it('says when nothing is at the path', async () => {
    expect(await checkSerialPath(join(dir, 'ttyUSB9'))).toEqual({ path: join(dir, 'ttyUSB9'), verdict: 'missing', target: null });
  });

  it('refuses a file, a folder and a character device that is no terminal', async () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'not a port');
    expect((await checkSerialPath(file)).verdict).toBe('not-a-serial-port');
    expect((await checkSerialPath(dir)).verdict).toBe('not-a-serial-port');
    expect(await checkSerialPath('/dev/null')).toEqual({ path: '/dev/null', verdict: 'not-a-serial-port', target: '/dev/null' });
  });
});
