/**
 * Exponential backoff with full jitter: after n failures wait a random time in
 * [base, min(max, base·2ⁿ)]. Many branches coming back after a head-office outage
 * then spread out instead of knocking together.
 */
export class Backoff {
  private failures = 0;

  constructor(
    private readonly baseMs: number,
    private readonly maxMs: number,
    private readonly random: () => number = Math.random,
  ) {}

  next(): number {
    const ceiling = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.failures, 30));
    this.failures += 1;
    return Math.round(this.baseMs + this.random() * Math.max(0, ceiling - this.baseMs));
  }

  reset(): void {
    this.failures = 0;
  }

  get attempts(): number {
    return this.failures;
  }
}
