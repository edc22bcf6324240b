// A weighing scale. Asking scales are polled while enabled; continuous scales talk by themselves.
// Every reading goes out as a `weight` event (the live stream the counter screen shows); only a
// `stable` one may price an item. Silence is not an unplug: the link stays, but after a few
// unanswered polls the scale is shown offline ("switched off?") until it answers again.
import type { Framer } from './protocols/framer';
import type { ScaleProtocol, ScaleReply } from './protocols/scale-protocol';
import type { ScaleReading } from './protocols/scale-reading';
import { CounterDevice, type DeviceIdentity } from './device';
import type { Backoff } from './reconnect';
import type { Transport } from './transports/transport';

export interface ScaleOptions {
  pollMs: number;
  replyTimeoutMs: number;
  /** Unanswered requests (or silent periods for continuous scales) before power shows offline. */
  silentLimit: number;
}

const DEFAULTS: ScaleOptions = { pollMs: 250, replyTimeoutMs: 800, silentLimit: 3 };

interface Waiter {
  resolve: (reply: ScaleReply) => void;
  timer: NodeJS.Timeout;
}

export class Scale extends CounterDevice {
  private readonly framer: Framer;
  private readonly options: ScaleOptions;
  private waiter: Waiter | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private pollTimer: NodeJS.Timeout | null = null;
  private silentCount = 0;
  private lastReading: ScaleReading | null = null;
  private lastByteAt = 0;
  /** Set after a timeout: a late answer may still be on its way and must not answer the next question. */
  private lateAnswerPossible = false;
  private timedOutAt = 0;

  constructor(identity: DeviceIdentity, transport: Transport, readonly protocol: ScaleProtocol, options: Partial<ScaleOptions> = {}, backoff?: Backoff) {
    super(identity, transport, backoff);
    this.framer = protocol.createFramer();
    this.options = { ...DEFAULTS, ...options };
  }

  get reading(): ScaleReading | null {
    return this.lastReading;
  }

  /** One weight reading. Asking scales are asked; continuous scales give their next line. */
  readWeight(): Promise<ScaleReading> {
    return this.exclusive(async () => {
      const reply = await this.request(this.protocol.weightRequest);
      if (reply.kind === 'reading') return reply.reading;
      if (reply.kind === 'timeout') return this.publish({ status: 'not-ready', grams: null, detail: 'no reply from the scale' });
      if (reply.kind === 'error') return this.publish({ status: 'not-ready', grams: null, detail: reply.message });
      return this.publish({ status: 'not-ready', grams: null, detail: 'the scale gave no weight' });
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
    return this.exclusive(() =>
      this.busy(async () => {
        const reply = await this.request(bytes);
        if (reply.kind === 'error') throw new Error(`${what} refused: ${reply.message}`);
        if (reply.kind === 'timeout') throw new Error(`${what}: no reply from the scale`);
      }),
    );
  }

  /** Requests one at a time: replies carry no id, so a second question would steal the first answer. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async request(bytes: Uint8Array | null): Promise<ScaleReply | { kind: 'timeout' }> {
    if (bytes && this.lateAnswerPossible) await this.quietLine();
    const reply = new Promise<ScaleReply | { kind: 'timeout' }>((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve({ kind: 'timeout' });
      }, this.options.replyTimeoutMs);
      this.waiter = { resolve, timer };
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
    if (!waiter) return false;
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
  }

  protected override linkDown(): void {
    this.settle({ kind: 'error', message: 'scale disconnected' });
  }

  protected override enabled(): void {
    this.schedulePoll(0);
  }

  protected override disabled(): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
  }

  private schedulePoll(delay: number): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      if (!this.status.enabled) return;
      const next = (): void => {
        if (this.status.enabled) this.schedulePoll(this.options.pollMs);
      };
      // Continuous scales need no asking, but a silent one must still be noticed.
      if (!this.transport.isOpen) return next();
      void this.readWeight().then(next, next);
    }, delay);
  }
}
