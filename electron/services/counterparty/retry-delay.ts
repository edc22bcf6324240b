/**
 * The wait before asking again after `attempts` unanswered attempts: exponential with full
 * jitter, the formula of replication/backoff.ts. That class counts failures in memory for one
 * link; here each operation keeps its own count in its row, so the schedule survives a restart
 * and one slow operation does not delay the others.
 */
export interface RetryTiming {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryTiming = { baseMs: 1_000, maxMs: 120_000 };

export function retryDelay(attempts: number, timing: RetryTiming, random: () => number = Math.random): number {
  const ceiling = Math.min(timing.maxMs, timing.baseMs * 2 ** Math.min(attempts, 30));
  return Math.round(timing.baseMs + random() * Math.max(0, ceiling - timing.baseMs));
}
