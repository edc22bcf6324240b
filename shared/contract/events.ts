import { defineEvent } from './define';
import { DeviceLiveStatus, ScannedCode, WeightReading } from './methods/devices';
import { CounterStatus } from './methods/system';

/** Typed channels pushed from the main process to every connected window. */
export const events = {
  'status.changed': defineEvent(CounterStatus),
  'device.status': defineEvent(DeviceLiveStatus),
  /** Every reading of every scale, a few per second: the live weight on screen. */
  'scale.weight': defineEvent(WeightReading),
  /** Codes from serial scanners (keyboard wedges are read in the window and join the same stream there). */
  scan: defineEvent(ScannedCode),
};
export type EventName = keyof typeof events;
