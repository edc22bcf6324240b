// How often an asking scale is asked. The answer is bounded by the wire: at 9600 baud a
// character (start bit, data bits, parity, stop bits) takes about a millisecond, and a reply
// cannot be read before it has crossed the line. Polling at twice the time one question and its
// longest answer take on the wire leaves the line idle at least half the time (the scale's own
// turnaround, a zero or tare slipped in between) and keeps the weight on screen within about
// one period plus one reply of the scale's change. A new question is never sent while an
// answer is pending: replies carry no id, so a second question would steal the first answer.

/** The character framing of the serial line behind the scale (a TCP bridge still has one). */
export interface LineTiming {
  baudRate: number;
  dataBits: number;
  parity: 'none' | 'even' | 'odd' | 'mark' | 'space';
  stopBits: number;
}

/** What a serial scale is when the configuration says nothing else (and for TCP/file links). */
export const DEFAULT_LINE: LineTiming = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 };

/** Never ask more often than this, whatever the wire allows: a cheap scale's firmware needs time too. */
export const MIN_POLL_MS = 40;

export const characterMs = (line: LineTiming): number => ((1 + line.dataBits + (line.parity === 'none' ? 0 : 1) + line.stopBits) * 1000) / line.baudRate;

/** Milliseconds one question and its longest answer (`exchangeChars` characters) take on the wire. */
export const exchangeMs = (exchangeChars: number, line: LineTiming): number => exchangeChars * characterMs(line);

export const pollPeriodMs = (exchangeChars: number, line: LineTiming = DEFAULT_LINE): number =>
  Math.max(MIN_POLL_MS, Math.ceil(2 * exchangeMs(exchangeChars, line)));

/**
 * Start-to-start polling: the next question goes one period after the last one was sent, or at
 * once when the answer took longer than that, but never while an answer is still awaited.
 * Pure (the caller passes the clock) so the rule is tested without timing.
 */
export class PollSchedule {
  private sentAt: number | null = null;
  private awaiting = false;

  constructor(readonly periodMs: number) {}

  /** Milliseconds to wait before the next question, or null while an answer is pending. */
  delayAt(now: number): number | null {
    if (this.awaiting) return null;
    if (this.sentAt === null) return 0;
    return Math.max(0, this.sentAt + this.periodMs - now);
  }

  sent(now: number): void {
    if (this.awaiting) throw new Error('a scale question was sent while the last answer was still awaited');
    this.sentAt = now;
    this.awaiting = true;
  }

  /** The answer came, or the wait for it timed out. */
  settled(): void {
    this.awaiting = false;
  }

  get pending(): boolean {
    return this.awaiting;
  }
}
