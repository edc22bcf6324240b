// A scale that speaks one protocol on the simulator end of a pty pair. Technicians drive it from
// the console (`npm run simulate -- scale`), tests drive it through `set()`. A continuous-output
// scale talks every period from the start; an MT-SICS scale does after `SIR` (weight at once,
// then every period, stable or dynamic) until any other command or `@` ends it.
import type { ScaleProtocolName } from '../config';
import { continuousFrame, INITIAL_SCALE_STATE, readCommands, replyTo, type ScaleState } from './scale-replies';
import { openSerialEnd, type SerialEnd } from './serial-end';

export interface ScaleSimulatorOptions {
  /** Deliver every reply one byte at a time. */
  byteByByte?: boolean;
  /** Put line noise before every reply. */
  garbage?: boolean;
  /** Answer this late (a slow or overloaded scale). */
  replyDelayMs?: number;
  /** Period of a continuous scale's lines, and of an MT-SICS scale's lines after `SIR` (default 100 and 50 ms). */
  periodMs?: number;
}

/** Bytes a bad cable or a wrong baud rate produce; none of them is a frame delimiter. */
export const LINE_NOISE = Uint8Array.of(0x00, 0xff, 0xfe, 0x7f, 0x11, 0x13, 0x80);

export class ScaleSimulator {
  private state: ScaleState = { ...INITIAL_SCALE_STATE };
  private end: SerialEnd | null = null;
  private pending = '';
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<void> = Promise.resolve();
  private inFlight = false;
  /** Commands received, for tests and the console log. */
  readonly received: string[] = [];

  constructor(
    readonly path: string,
    readonly protocol: ScaleProtocolName,
    private options: ScaleSimulatorOptions = {},
  ) {}

  get current(): ScaleState {
    return { ...this.state };
  }

  set(patch: Partial<ScaleState>): void {
    this.state = { ...this.state, ...patch };
  }

  configure(patch: ScaleSimulatorOptions): void {
    this.options = { ...this.options, ...patch };
  }

  async start(): Promise<void> {
    const end = await openSerialEnd(this.path);
    this.end = end;
    end.onData((chunk) => this.heard(chunk));
    if (this.protocol === 'continuous-pattern') this.talk(() => continuousFrame(this.state), this.options.periodMs ?? 100);
  }

  /** True while the scale sends lines by itself (continuous output, or MT-SICS after `SIR`). */
  get talking(): boolean {
    return this.timer !== null;
  }

  private talk(frameOf: () => Uint8Array | null, periodMs: number): void {
    this.quiet();
    this.timer = setInterval(() => {
      // A real scale sends its next line only after the last one left: no backlog of stale weights.
      if (this.inFlight) return;
      const frame = frameOf();
      if (frame) {
        this.inFlight = true;
        void this.transmit(frame).finally(() => (this.inFlight = false));
      }
    }, periodMs);
  }

  private quiet(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async stop(): Promise<void> {
    this.quiet();
    await this.sending;
    await this.end?.close();
    this.end = null;
  }

  /** Sends raw bytes as they are (for tests of frames the simulator would not make itself). */
  sendRaw(bytes: Uint8Array): Promise<void> {
    return this.transmit(bytes, false);
  }

  private heard(chunk: Buffer): void {
    const { commands, rest } = readCommands(this.protocol, this.pending + chunk.toString('latin1'));
    this.pending = rest;
    for (const command of commands) {
      this.received.push(command);
      // MT-SICS: any command, `@` included, ends a repeat; `SIR` starts a new one below.
      if (this.protocol === 'mt-sics') this.quiet();
      if (command === 'zero' && !this.state.motion && !this.state.error) this.state = { ...this.state, grams: 0, tareGrams: 0 };
      if (command === 'tare' && !this.state.error) this.state = { ...this.state, tareGrams: this.state.grams };
      if (command === 'clear-tare') this.state = { ...this.state, tareGrams: 0 };
      const reply = replyTo(this.protocol, command, this.state);
      if (reply) void this.transmit(reply, true, this.options.replyDelayMs ?? 0);
      if (command === 'repeat') this.talk(() => replyTo(this.protocol, 'weight', this.state), this.options.periodMs ?? 50);
    }
  }

  private transmit(frame: Uint8Array, decorate = true, delayMs = 0): Promise<void> {
    const end = this.end;
    if (!end) return Promise.resolve();
    const bytes = decorate && this.options.garbage ? Uint8Array.from([...LINE_NOISE, ...frame]) : frame;
    const opts = { byteByByte: this.options.byteByByte ?? false };
    this.sending = this.sending
      .then(() => (delayMs > 0 ? new Promise((resolve) => setTimeout(resolve, delayMs)) : undefined))
      .then(() => end.write(bytes, opts))
      .catch(() => undefined);
    return this.sending;
  }
}
