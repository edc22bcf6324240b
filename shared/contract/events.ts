import { defineEvent } from './define';
import { CounterStatus } from './methods/system';

/** Typed channels pushed from the main process to every connected window. */
export const events = {
  'status.changed': defineEvent(CounterStatus),
};
export type EventName = keyof typeof events;
