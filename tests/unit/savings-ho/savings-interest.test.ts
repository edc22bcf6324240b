import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interestForPeriod, roundHalfEven } from '@shared/savings-interest';

describe('the reference interest computation', () => {
  it('rounds half to even, once', () => {
    expect([roundHalfEven(5n, 2n), roundHalfEven(7n, 2n), roundHalfEven(5n, 4n), roundHalfEven(7n, 4n), roundHalfEven(-5n, 2n)]).toEqual([2n, 4n, 1n, 2n, -2n]);
  });

  it('earns a day of balance × rate / 365 for each day, summed exactly before rounding', () => {
    // 3,650,000 minor units at 100 bp for one day: exactly 100.
    expect(interestForPeriod([{ kind: 'deposit', amount: 3_650_000, valueDate: '2026-01-01' }], 100, '2026-01-01', '2026-01-01')).toBe(100);
    // 100,000 for 10 days and 150,000 for 12 at 350 bp: 2,800,000 × 350 / 3,650,000 = 268.49… → 268.
    const lines = [
      { kind: 'deposit' as const, amount: 100_000, valueDate: '2026-10-10' },
      { kind: 'deposit' as const, amount: 50_000, valueDate: '2026-10-20' },
    ];
    expect(interestForPeriod(lines, 350, '2026-10-01', '2026-10-31')).toBe(268);
    // A line after the period does not count; a withdrawal counts against.
    expect(interestForPeriod([...lines, { kind: 'withdrawal', amount: 150_000, valueDate: '2026-11-01' }], 350, '2026-10-01', '2026-10-31')).toBe(268);
    expect(interestForPeriod([{ kind: 'withdrawal', amount: 5, valueDate: '2026-10-01' }], 350, '2026-10-01', '2026-10-31')).toBe(0);
  });

  it('never pays more than the whole period at the highest balance, nor less than zero', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ amount: fc.integer({ min: 1, max: 10_000_000 }), day: fc.integer({ min: 1, max: 28 }) }), { maxLength: 8 }), fc.integer({ min: 0, max: 3000 }), (deposits, rate) => {
        const lines = deposits.map((d) => ({ kind: 'deposit' as const, amount: d.amount, valueDate: `2026-02-${String(d.day).padStart(2, '0')}` }));
        const total = deposits.reduce((sum, d) => sum + d.amount, 0);
        const interest = interestForPeriod(lines, rate, '2026-02-01', '2026-02-28');
        expect(interest).toBeGreaterThanOrEqual(0);
        expect(interest).toBeLessThanOrEqual(Math.ceil((total * 28 * rate) / 3_650_000));
      }),
    );
  });
});
