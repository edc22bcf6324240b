import { describe, expect, it } from 'vitest';
import { BatchSizer } from '../../../electron/services/replication/batch-sizer';

describe('the batch sizer', () => {
  const timeout = 60_000; // budget: a quarter, 15 s

  it('starts where it is told and never leaves the bounds', () => {
    const sizer = new BatchSizer({ maxRows: 500, statementTimeoutMs: timeout, initialRows: 1000, minRows: 10 });
    expect(sizer.size).toBe(500);
    for (let i = 0; i < 10; i += 1) sizer.timedOut();
    expect(sizer.size).toBe(10);
    for (let i = 0; i < 20; i += 1) sizer.succeeded(sizer.size, 1);
    expect(sizer.size).toBe(500);
  });

  it('sizes the next batch to what the link carried in a quarter of the timeout', () => {
    const sizer = new BatchSizer({ maxRows: 10_000, statementTimeoutMs: timeout, initialRows: 1000 });
    // 1,000 transfers took 36 s (a 2G link): 15 s carry about 416.
    sizer.succeeded(1000, 36_000);
    expect(sizer.size).toBe(416);
  });

  it('grows at most twofold after a fast push', () => {
    const sizer = new BatchSizer({ maxRows: 10_000, statementTimeoutMs: timeout, initialRows: 1000 });
    sizer.succeeded(1000, 100);
    expect(sizer.size).toBe(2000);
    sizer.succeeded(2000, 100);
    expect(sizer.size).toBe(4000);
  });

  it('shrinks to a quarter after a timeout', () => {
    const sizer = new BatchSizer({ maxRows: 10_000, statementTimeoutMs: timeout, initialRows: 1000 });
    sizer.timedOut();
    expect(sizer.size).toBe(250);
  });

  it('does not shrink on a short batch whose time was mostly the round trip', () => {
    const sizer = new BatchSizer({ maxRows: 10_000, statementTimeoutMs: timeout, initialRows: 400 });
    // 3 transfers in 700 ms: the link's speed says little; keep the size measured on full batches.
    sizer.succeeded(3, 700);
    expect(sizer.size).toBe(400);
    // A short batch that still proves a faster link may raise it.
    sizer.succeeded(300, 100);
    expect(sizer.size).toBe(800);
  });
});
