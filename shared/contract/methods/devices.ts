import { z } from 'zod';
import { DeviceConfig } from '../../devices/device-config';
import { defineMethod } from '../define';
import { code, reference } from '../text';
import { Empty, Ok } from './common';

/**
 * Who does what with the counter's peripherals:
 * - technicians configure devices and run every test button (the workshop);
 * - a clerk reads, zeroes and tares the scale at the window (a drifting zero must not wait for a
 *   technician) and reprints receipts; a supervisor can do the same;
 * - opening the cash drawer from outside a sale is a technician's test only, and audited: clerks
 *   and supervisors get the drawer opened by the sale and cash flows themselves, never by a button.
 */
const TECHNICIAN = ['technician'] as const;
const AT_THE_WINDOW = ['clerk', 'supervisor', 'technician'] as const;

export const DeviceId = code(64).min(1);

/** A device's live state as the device layer reports it (UnifiedPOS: state + power). */
export const DeviceLiveStatus = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string(),
  link: z.string(),
  state: z.enum(['closed', 'idle', 'busy', 'error']),
  power: z.enum(['online', 'offline', 'unknown']),
  claimed: z.boolean(),
  enabled: z.boolean(),
  /** Last problem in words a technician can act on; empty when all is well. */
  detail: z.string(),
  since: z.string(),
});
export type DeviceLiveStatus = z.infer<typeof DeviceLiveStatus>;

export const ConfiguredDevice = z.object({ config: DeviceConfig, status: DeviceLiveStatus.nullable() });
export type ConfiguredDevice = z.infer<typeof ConfiguredDevice>;

/**
 * A serial port the PC sees. Links under /dev/serial/by-id are listed too (first): named after
 * the adapter's maker and serial number, they keep pointing at the same adapter when the
 * /dev/ttyUSBn numbers change after a replug or reboot; `target` is the device a link points at.
 */
export const SerialPortInfo = z.object({
  path: z.string(),
  target: z.string().nullable(),
  manufacturer: z.string().nullable(),
  serialNumber: z.string().nullable(),
  vendorId: z.string().nullable(),
  productId: z.string().nullable(),
});
export type SerialPortInfo = z.infer<typeof SerialPortInfo>;

/**
 * A path the technician typed: a real serial port, a pseudo-terminal (socat cable), or why not:
 * nothing there, something that is no terminal (a file, a folder, /dev/null), or a port this
 * user may not open (on Linux: not in the `dialout` group).
 */
export const SerialPathVerdict = z.enum(['serial-port', 'pty', 'missing', 'not-a-serial-port', 'no-access']);
export type SerialPathVerdict = z.infer<typeof SerialPathVerdict>;
export const SerialPathCheck = z.object({ path: z.string(), verdict: SerialPathVerdict, target: z.string().nullable() });
export type SerialPathCheck = z.infer<typeof SerialPathCheck>;

export const WeighingStatus = z.enum(['stable', 'unstable', 'overweight', 'under-zero', 'not-ready']);
export type WeighingStatus = z.infer<typeof WeighingStatus>;

/** One reading from a scale. Only a `stable` one may price an item. */
export const WeightReading = z.object({
  deviceId: z.string(),
  status: WeighingStatus,
  grams: z.number().int().nullable(),
  /** The scale's own text, for the technician; the clerk reads `reason` through the catalog. */
  detail: z.string(),
  /** Why the reading is not usable, as a code (null when usable or not known). */
  reason: z.enum(['no-reply', 'no-weight', 'lift-and-reweigh', 'below-minimum', 'out-of-range', 'busy', 'scale-error']).nullable(),
  at: z.string(),
});
export type WeightReading = z.infer<typeof WeightReading>;

/** A code read by a scanner: serial scanners arrive from the host, keyboard wedges from the window itself. */
export const ScannedCode = z.object({
  deviceId: z.string(),
  code: z.string(),
  /** AIM symbology identifier as sent (`]C0`), or null. */
  aim: z.string().nullable(),
  symbology: z.string(),
  source: z.enum(['serial', 'keyboard']),
  at: z.string(),
});
export type ScannedCode = z.infer<typeof ScannedCode>;

export const ByteLogEntry = z.object({
  at: z.string(),
  direction: z.enum(['in', 'out']),
  hex: z.string(),
  text: z.string(),
});
export type ByteLogEntry = z.infer<typeof ByteLogEntry>;

/**
 * A passbook print as it runs, for the window to tell the clerk what to do: `insert` the passbook
 * open at `page`, `turn-page` to `page` and insert it again, `printing`, `finished` with its
 * `outcome`. `printedThrough` is the passbook's cursor after the last line confirmed on paper.
 */
export const PassbookPrintProgress = z.object({
  deviceId: z.string(),
  state: z.enum(['insert', 'turn-page', 'printing', 'finished']),
  page: z.number().int(),
  printedThrough: z.object({ page: z.number().int(), line: z.number().int() }),
  outcome: z.enum(['complete', 'book-full', 'removed', 'not-inserted', 'printer-error', 'offline', 'no-answer', 'cancelled']).nullable(),
  reprint: z.boolean(),
  at: z.string(),
});
export type PassbookPrintProgress = z.infer<typeof PassbookPrintProgress>;

const OneDevice = z.strictObject({ id: DeviceId });
const MaybeOneDevice = z.strictObject({ id: DeviceId.optional() });

export const devicesMethods = {
  'devices.list': defineMethod({
    input: Empty,
    output: z.object({ devices: z.array(ConfiguredDevice) }),
    access: ['technician', 'supervisor'],
  }),
  /** Adds or replaces one device's configuration (audited); only that device reopens. */
  'devices.save': defineMethod({ input: DeviceConfig, output: ConfiguredDevice, access: TECHNICIAN }),
  'devices.remove': defineMethod({ input: OneDevice, output: Ok, access: TECHNICIAN }),
  'devices.serialPorts': defineMethod({ input: Empty, output: z.object({ ports: z.array(SerialPortInfo) }), access: TECHNICIAN }),
  'devices.checkSerialPath': defineMethod({ input: z.strictObject({ path: reference(512).min(1) }), output: SerialPathCheck, access: TECHNICIAN }),
  /** Prints at once (not queued): the technician wants the error now. */
  'devices.testPrint': defineMethod({ input: MaybeOneDevice, output: Ok, access: TECHNICIAN }),
  'devices.openDrawer': defineMethod({ input: MaybeOneDevice, output: Ok, access: TECHNICIAN }),
  'devices.readScale': defineMethod({ input: MaybeOneDevice, output: WeightReading, access: AT_THE_WINDOW }),
  'devices.zeroScale': defineMethod({ input: MaybeOneDevice, output: Ok, access: AT_THE_WINDOW }),
  'devices.tareScale': defineMethod({ input: MaybeOneDevice, output: Ok, access: AT_THE_WINDOW }),
  'devices.lastBytes': defineMethod({ input: OneDevice, output: z.object({ entries: z.array(ByteLogEntry) }), access: TECHNICIAN }),
  /** Configuration, live status, last bytes, print jobs and the device log, as one JSON file for support. */
  'devices.diagnosticBundle': defineMethod({
    input: Empty,
    output: z.object({ fileName: z.string(), json: z.string() }),
    access: TECHNICIAN,
  }),
};
