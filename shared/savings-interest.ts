// Interest on postal savings, the reference computation head office's SQL is tested against
// (tests/integration/headoffice/savings-interest-property.test.ts).
//
// The rule, stated once:
// - the balance that earns is each day's closing balance, by value date (the day the branch took
//   the cash; never earlier than the day after the last posting, so a posted period never changes);
// - a day earns balance × annual rate / 365 (actual/365 fixed: a leap year's 366th day earns too);
// - over a posting period the days' interest is summed exactly (rational, no rounding per day),
//   then rounded once, half to even, to the currency's minor unit; a negative sum earns nothing.
// Amounts are integer minor units already, so "round to the minor unit" is rounding to an integer.

export type SavingsLineKind = 'deposit' | 'withdrawal' | 'interest';

export interface SavingsLineForInterest {
  kind: SavingsLineKind;
  /** Integer minor units, > 0. */
  amount: number;
  /** YYYY-MM-DD. */
  valueDate: string;
}

export const INTEREST_DAY_COUNT = 365;
/** Basis points per unit rate: 1 % = 100 bp. */
const BASIS = 10_000;

const DAY_MS = 86_400_000;
const dayNumber = (date: string): number => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not a date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
};

export const signedAmount = (line: SavingsLineForInterest): bigint =>
  line.kind === 'withdrawal' ? -BigInt(line.amount) : BigInt(line.amount);

/** n / d rounded half to even, for d > 0. */
export function roundHalfEven(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new Error('the divisor must be positive');
  let q = n / d;
  let r = n % d;
  // BigInt division truncates toward zero: bring it to floor.
  if (r < 0n) {
    q -= 1n;
    r += d;
  }
  if (2n * r > d || (2n * r === d && q % 2n !== 0n)) q += 1n;
  return q;
}

/**
 * Interest earned from `from` to `to` inclusive (YYYY-MM-DD) by an account whose lines are
 * `lines` (all of them, any value dates), at `annualRateBp`. Day by day, on purpose: head
 * office computes the same thing in closed form, so the two checking each other is worth something.
 */
export function interestForPeriod(lines: readonly SavingsLineForInterest[], annualRateBp: number, from: string, to: string): number {
  const first = dayNumber(from);
  const last = dayNumber(to);
  let balanceDays = 0n;
  for (let day = first; day <= last; day += 1) {
    for (const line of lines) if (dayNumber(line.valueDate) <= day) balanceDays += signedAmount(line);
  }
  if (balanceDays <= 0n) return 0;
  return Number(roundHalfEven(balanceDays * BigInt(annualRateBp), BigInt(BASIS * INTEREST_DAY_COUNT)));
}
