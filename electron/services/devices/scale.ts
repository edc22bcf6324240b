// A weighing scale. Three ways to hear it, fastest first:
// - it can be told to stream (MT-SICS `SIR`): told so on enable and after every replug, zero or
//   tare (any other command ends the stream), and told to stop (`SI`) on disable;
// - it streams by itself (continuous-output scales);
// - otherwise it is polled, start to start, at the shortest period its line allows
//   (scale-poll-schedule.ts), never with a question while an answer is pending.
// Every reading goes out as a `weight` event (the live stream the counter screen shows); only a
// `stable` one may price an item. Silence is not an unplug: the link stays, but after a few
// unanswered polls (or silent periods of a talking scale) the scale is shown offline
// ("switched off?") until it answers again; a streaming scale is told to stream again, since one
// that was switched off and on has forgotten it.
import type { Framer } from './protocols/framer';
import type { ScaleProtocol, ScaleReply } from './protocols/scale-protocol';
import type { ScaleReading } from './protocols/scale-reading';
import { CounterDevice, type DeviceIdentity } from './device';
import type { Backoff } from './reconnect';
import { DEFAULT_LINE, pollPeriodMs, PollSchedule, type LineTiming } from './scale-poll-schedule';
import type { Transport } from './transports/transport';

export interface ScaleOptions {
  /** The technician's poll period; unset, the shortest the line allows (asking scales only). */
  pollMs?: number;
  replyTimeoutMs: number;
  /** Unanswered requests (or silent periods for continuous scales) before power shows offline. */
  silentLimit: number;
  /** The serial framing behind the scale, which bounds how fast it can be asked. */
  line: LineTiming;
}

const DEFAULTS: ScaleOptions = { replyTimeoutMs: 800, silentLimit: 3, line: DEFAULT_LINE };

interface Waiter {
  resolve: (reply: ScaleReply) => void;
  timer: NodeJS.Timeout;
  /** A streaming scale's weight lines keep coming while a zero waits for its own answer. */
  accepts: (reply: ScaleReply) => boolean;
}

const NO_REPLY = 'no reply from the scale';
const ANY_REPLY = (): boolean => true;
const NOT_A_READING = (reply: ScaleReply): boolean => reply.kind !== 'reading';

export class Scale extends CounterDevice {
  private readonly framer: Framer;
  private readonly options: ScaleOptions;
  private readonly schedule: PollSchedule;
  private waiter: Waiter | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private pollTimer: NodeJS.Timeout | null = null;
  private silentCount = 0;
  private lastReading: ScaleReading | null = null;
  private lastByteAt = 0;
  private watching = false;
  /** Set after a timeout: a late answer may still be on its way and must not answer the next question. */
  private lateAnswerPossible = false;
  private timedOutAt = 0;

  constructor(identity: DeviceIdentity, transport: Transport, readonly protocol: ScaleProtocol, options: Partial<ScaleOptions> = {}, backoff?: Backoff) {
    super(identity, transport, backoff);
    this.framer = protocol.createFramer();
    const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
    this.options = { ...DEFAULTS, ...defined };
    this.schedule = new PollSchedule(this.options.pollMs ?? pollPeriodMs(protocol.exchangeChars, this.options.line));
  }

  /** Milliseconds between two questions to an asking scale (start to start). */
  get pollPeriodMs(): number {
    return this.schedule.periodMs;
  }

  /** Streams (told to, or by itself) rather than being asked. */
  get talksByItself(): boolean {
    return this.protocol.continuous !== null || this.protocol.weightRequest === null;
  }

  get reading(): ScaleReading | null {
    return this.lastReading;
  }

  /** One weight reading. Asking scales are asked; streaming scales give their next line. */
  readWeight(): Promise<ScaleReading> {
    return this.exclusive(async () => {
      const reply = await this.request(this.talksByItself ? null : this.protocol.weightRequest);
      if (reply.kind === 'reading') return reply.reading;
      if (reply.kind === 'timeout') return this.publish({ status: 'not-ready', grams: null, detail: NO_REPLY, reason: 'no-reply' });
      if (reply.kind === 'error') return this.publish({ status: 'not-ready', grams: null, detail: reply.message, reason: 'scale-error' });
      return this.publish({ status: 'not-ready', grams: null, detail: 'the scale gave no weight', reason: 'no-weight' });
    });
  }

  zero(): Promise<void> {
    return this.command(this.protocol.zeroRequest, 'zero');
  }

  tare(): Promise<void> {
    return this.command(this.protocol.tareRequest, 'tare');
  }

  private command(bytes: Uint8Array | null, what: string): Promise<void> {
    if (!bytes) return Promise.reject(new Error(`this scale's protocol (${this.protocol.name}) has no ${what} command`));
    const streaming = this.protocol.continuous;
    return this.exclusive(() =>
      this.busy(async () => {
        try {
          const reply = await this.request(bytes, streaming ? NOT_A_READING : ANY_REPLY);
          if (reply.kind === 'error') throw new Error(`${what} refused: ${reply.message}`);
          if (reply.kind === 'timeout') throw new Error(`${what}: no reply from the scale`);
        } finally {
          // The command ended the stream: start it again, whatever the answer was.
          if (streaming) this.startStream();
        }
      }),
    );
  }

  /** Requests one at a time: replies carry no id, so a second question would steal the first answer. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async request(bytes: Uint8Array | null, accepts: (reply: ScaleReply) => boolean = ANY_REPLY): Promise<ScaleReply | { kind: 'timeout' }> {
    if (bytes && this.lateAnswerPossible && !this.protocol.continuous) await this.quietLine();
    const reply = new Promise<ScaleReply | { kind: 'timeout' }>((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve({ kind: 'timeout' });
      }, this.options.replyTimeoutMs);
      this.waiter = { resolve, timer, accepts };
    });
    if (bytes) {
      try {
        await this.send(bytes);
      } catch (error) {
        this.settle({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      }
    }
    const answer = await reply;
    if (answer.kind === 'timeout') this.silence();
    this.lateAnswerPossible = answer.kind === 'timeout';
    if (answer.kind === 'timeout') this.timedOutAt = Date.now();
    return answer;
  }

  /**
   * Replies carry no request id, so a late reply would be taken for the answer to the next
   * request (a stale weight pricing an item). After a timeout we give a late reply half a timeout
   * more to arrive, wait for the line to fall quiet, and drop any half-received frame before asking again.
   */
  private async quietLine(): Promise<void> {
    const quietMs = 60;
    const graceUntil = this.timedOutAt + this.options.replyTimeoutMs / 2;
    const deadline = this.timedOutAt + 2 * this.options.replyTimeoutMs;
    const settled = (): boolean => Date.now() >= graceUntil && Date.now() - this.lastByteAt >= quietMs;
    while (!settled() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, quietMs / 3));
    this.framer.reset();
    this.lateAnswerPossible = false;
  }

  private silence(): void {
    this.silentCount += 1;
    if (this.silentCount >= this.options.silentLimit && this.online)
      this.setStatus({ power: 'offline', detail: 'the scale does not answer: is it switched on?' });
  }

  private settle(reply: ScaleReply): boolean {
    const waiter = this.waiter;
    if (!waiter || !waiter.accepts(reply)) return false;
    this.waiter = null;
    clearTimeout(waiter.timer);
    waiter.resolve(reply);
    return true;
  }

  protected received(chunk: Buffer): void {
    this.lastByteAt = Date.now();
    for (const frame of this.framer.push(chunk)) {
      const reply = this.protocol.parse(frame);
      if (reply.kind === 'noise') continue;
      this.answered();
      if (reply.kind === 'ask-status' && this.protocol.statusRequest) {
        // Dialog 06 said NAK: ask why, and let that answer settle the waiting request.
        void this.send(this.protocol.statusRequest).catch(() => undefined);
        continue;
      }
      if (reply.kind === 'reading') this.publish(reply.reading);
      this.settle(reply);
    }
  }

  private answered(): void {
    this.silentCount = 0;
    if (this.status.power === 'offline' && this.transport.isOpen) this.setStatus({ power: 'online', detail: '' });
  }

  private publish(reading: ScaleReading): ScaleReading {
    this.lastReading = reading;
    this.emit('weight', reading);
    return reading;
  }

  protected override linkUp(): void {
    this.framer.reset();
    this.silentCount = 0;
    // A replugged scale starts as after power-on: not streaming.
    if (this.status.enabled) this.startStream();
  }

  protected override linkDown(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    this.waiter = null;
    clearTimeout(waiter.timer);
    waiter.resolve({ kind: 'error', message: 'scale disconnected' });
  }

  protected override enabled(): void {
    this.startStream();
    this.schedulePoll(0);
  }

  protected override disabled(): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    const stop = this.protocol.continuous?.stop;
    if (stop && this.transport.isOpen) void this.send(stop).catch(() => undefined);
  }

  /** Tells a scale that can stream to do so (no answer of its own: the weight lines are the answer). */
  private startStream(): void {
    const start = this.protocol.continuous?.start;
    if (start && this.transport.isOpen) void this.send(start).catch(() => undefined);
  }

  private schedulePoll(delay: number): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      if (!this.status.enabled) return;
      if (this.talksByItself) return this.watch();
      if (!this.transport.isOpen) return this.schedulePoll(this.schedule.periodMs);
      // Disabled and enabled again while a question was out: its answer schedules the next one.
      if (this.schedule.pending) return;
      this.schedule.sent(Date.now());
      const next = (): void => {
        this.schedule.settled();
        const wait = this.schedule.delayAt(Date.now());
        if (this.status.enabled && wait !== null) this.schedulePoll(wait);
      };
      void this.readWeight().then(next, next);
    }, delay);
  }

  /** A talking scale needs no asking, but a silent one must still be noticed (and told to stream again). */
  private watch(): void {
    const next = (): void => {
      this.watching = false;
      if (this.status.enabled) this.schedulePoll(this.options.replyTimeoutMs);
    };
    if (!this.transport.isOpen) return next();
    // Disabled and enabled again while a wait was out: that wait goes on watching, not a second one.
    if (this.watching) return;
    this.watching = true;
    void this.readWeight().then((reading) => {
      if (reading.detail === NO_REPLY) this.startStream();
      next();
    }, next);
  }
}
