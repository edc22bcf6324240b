import type { Framer } from './framer';
import type { ScaleReading } from './scale-reading';

/** One parsed answer from a scale. */
export type ScaleReply =
  | { kind: 'reading'; reading: ScaleReading }
  /** The scale accepted a command (zero, tare) without a weight to report. */
  | { kind: 'ack' }
  /** The scale refused and only a follow-up status request tells why (Dialog 06 NAK). */
  | { kind: 'ask-status' }
  | { kind: 'error'; message: string }
  /** Bytes that are no answer at all (line noise): ignored, the request keeps waiting. */
  | { kind: 'noise' };

/** Commands that make an asking scale talk by itself (MT-SICS `SIR`) and make it stop. */
export interface ContinuousMode {
  readonly start: Uint8Array;
  readonly stop: Uint8Array;
}

/**
 * A scale protocol as pure code: the bytes to send and how to read the answers.
 * `weightRequest` is null for continuous-output scales, which talk without being asked.
 */
export interface ScaleProtocol {
  readonly name: string;
  readonly weightRequest: Uint8Array | null;
  /** Set when the scale can be told to send every reading by itself: then it is not polled. */
  readonly continuous: ContinuousMode | null;
  /** Characters on the wire for one weight request and its longest answer (0: never asked). */
  readonly exchangeChars: number;
  readonly zeroRequest: Uint8Array | null;
  readonly tareRequest: Uint8Array | null;
  readonly statusRequest: Uint8Array | null;
  createFramer(): Framer;
  parse(frame: Uint8Array): ScaleReply;
}
