import { defineEvent } from './define';
import { DeviceLiveStatus, PassbookPrintProgress, ScannedCode, WeightReading } from './methods/devices';
import { CounterStatus } from './methods/system';

/**
 * Typed channels pushed from the main process to the connected windows, each only to its
 * audience: what a device weighs or scans is for a signed-in, unlocked window, never for a
 * signed-out or locked screen anyone can walk up to.
 */
export const events = {
  /** The status bar, shown before sign-in too (database refused, branch, head-office link). */
  'status.changed': defineEvent(CounterStatus, 'everyone'),
  'device.status': defineEvent(DeviceLiveStatus, 'signed-in'),
  /** Every reading of every scale, a few per second: the live weight on screen. */
  'scale.weight': defineEvent(WeightReading, 'signed-in'),
  /** Codes from serial scanners (keyboard wedges are read in the window and join the same stream there). */
  scan: defineEvent(ScannedCode, 'signed-in'),
  /** "Insert the passbook open at page 3": a passbook print's prompts and end. */
  'passbook.progress': defineEvent(PassbookPrintProgress, 'signed-in'),
};
export type EventName = keyof typeof events;
