// The workshop's view of the PC's serial ports. `serialport` lists the devices themselves
// (/dev/ttyS0, /dev/ttyUSB0); the stable names udev makes under /dev/serial/by-id (the adapter's
// maker and serial number) are listed first, because /dev/ttyUSBn numbers change with the order
// adapters are found. A typed path (a by-path link, a socat cable's pty) is checked before use.
import { closeSync, constants, openSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { isatty } from 'node:tty';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import type { SerialPathCheck, SerialPortInfo } from '@shared/contract';

export const BY_ID_DIR = '/dev/serial/by-id';

type Listed = Awaited<ReturnType<typeof SerialPort.list>>[number];

const infoOf = (path: string, target: string | null, port: Listed | undefined): SerialPortInfo => ({
  path,
  target,
  manufacturer: port?.manufacturer ?? null,
  serialNumber: port?.serialNumber ?? null,
  vendorId: port?.vendorId ?? null,
  productId: port?.productId ?? null,
});

/** The links in `dir` with the device each points at; none when the folder is absent (no USB adapter, Windows). */
export const serialLinks = (dir: string): { path: string; target: string }[] => {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    try {
      return [{ path, target: realpathSync(path) }];
    } catch {
      return []; // a link left behind by an adapter just pulled out
    }
  });
};

export const listSerialPorts = async (byIdDir = BY_ID_DIR): Promise<SerialPortInfo[]> => {
  const ports = await SerialPort.list();
  const byPath = new Map(ports.map((port) => [port.path, port]));
  const links = serialLinks(byIdDir).map((link) => infoOf(link.path, link.target, byPath.get(link.target)));
  return [...links, ...ports.map((port) => infoOf(port.path, null, port))];
};

/** Pseudo-terminals: what a socat virtual cable (simulators, training) gives. */
const isPty = (target: string): boolean => target.startsWith('/dev/pts/') || /^\/dev\/tty[p-za-e][0-9a-f]$/.test(target);

export const checkSerialPath = async (path: string): Promise<SerialPathCheck> => {
  if (process.platform === 'win32') {
    // COM ports are no files: the only check is whether Windows lists the port.
    const ports = await SerialPort.list();
    const found = ports.some((port) => port.path.toUpperCase() === path.toUpperCase());
    return { path, verdict: found ? 'serial-port' : 'missing', target: null };
  }
  let target: string;
  try {
    target = realpathSync(path);
  } catch {
    return { path, verdict: 'missing', target: null };
  }
  if (!statSync(target).isCharacterDevice()) return { path, verdict: 'not-a-serial-port', target };
  // A character device is a serial line only if it is a terminal (/dev/null is not). Opened
  // without becoming the controlling terminal and without waiting for a modem's carrier.
  let fd: number;
  try {
    fd = openSync(target, constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return { path, verdict: 'no-access', target };
    // EBUSY: a terminal held exclusively (TIOCEXCL), e.g. by the counter's own scale driver.
    if (code === 'EBUSY') return { path, verdict: isPty(target) ? 'pty' : 'serial-port', target };
    return { path, verdict: 'missing', target };
  }
  try {
    if (!isatty(fd)) return { path, verdict: 'not-a-serial-port', target };
  } finally {
    closeSync(fd);
  }
  return { path, verdict: isPty(target) ? 'pty' : 'serial-port', target };
};
