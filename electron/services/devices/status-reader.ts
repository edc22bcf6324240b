// One status question at a time to a printer whose link reads back. The answer is whatever
// arrives until the reader makes sense of it; after the timeout it is null, because a printer
// that does not answer status requests (some models, some modes) must still print.

export class StatusReader {
  private received: number[] = [];
  private waiter: (() => void) | null = null;

  constructor(private readonly timeoutMs: number) {}

  ask<H>(send: () => Promise<void>, read: (received: readonly number[]) => H | null): Promise<H | null> {
    this.received = [];
    const answered = new Promise<H | null>((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve(null);
      }, this.timeoutMs);
      this.waiter = () => {
        const answer = read(this.received);
        if (answer === null) return;
        clearTimeout(timer);
        this.waiter = null;
        resolve(answer);
      };
    });
    return send().then(() => answered);
  }

  /** Bytes from the printer. Only what arrives while a question waits matters; a chatty link cannot grow this for ever. */
  feed(chunk: Buffer): void {
    if (!this.waiter) return;
    this.received.push(...chunk);
    if (this.received.length > 256) this.received = this.received.slice(-64);
    this.waiter();
  }
}
