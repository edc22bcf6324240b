import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { uuid7 } from '@shared/uuid7';
import { interestForPeriod, type SavingsLineForInterest } from '@shared/savings-interest';
import { startTestHeadOffice, type TestHeadOffice } from '../../support/head-office';
import { allocateNumbers, publishProduct, TEST_PRODUCT } from '../../support/savings-world';

/**
 * Head office's interest (closed form, numeric, in SQL) against the reference computation
 * (day by day, BigInt, in shared/savings-interest.ts) on random balance histories, through the
 * real posting job: any rounding or day-count slip on either side shows as a counterexample.
 */
let ho: TestHeadOffice;
let numbers: string[];
let used = 0;

beforeAll(async () => {
  ho = await startTestHeadOffice();
  await ho.addBranch('PROP');
  numbers = await allocateNumbers(ho.staff, 'PROP', 500);
}, 120_000);
afterAll(async () => {
  await ho?.close();
}, 60_000);

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const history = fc.record({
  // A month between January 2024 and October 2026 (a leap February included).
  month: fc.integer({ min: 0, max: 33 }),
  rateBp: fc.integer({ min: 0, max: 2_500 }),
  lines: fc.array(
    fc.record({
      kind: fc.constantFrom<SavingsLineForInterest['kind']>('deposit', 'deposit', 'withdrawal', 'interest'),
      amount: fc.integer({ min: 1, max: 50_000_000 }),
      // Days from 45 before the month's start to 10 after its end: opening balance, the month, and lines after it.
      offset: fc.integer({ min: -45, max: 40 }),
    }),
    { maxLength: 14 },
  ),
});

it('posts the interest the reference computation gives, once per period, on random balance histories', async () => {
  await fc.assert(
    fc.asyncProperty(history, async ({ month, rateBp, lines }) => {
      const start = Date.UTC(2024, month, 1);
      const end = Date.UTC(2024, month + 1, 0);
      const [from, to] = [isoDay(start), isoDay(end)];
      const product = `prop-${used}`;
      await publishProduct(ho.staff, { ...TEST_PRODUCT, code: product, annual_rate_bp: rateBp });
      const number = numbers[used++]!;
      await ho.staff.query(
        `INSERT INTO ho.savings_accounts (branch_code, account_number, customer_id, product_code, kyc_tier, status, interest_posted_to,
                                          opened_at, opened_by, opened_by_operation, last_activity_at)
         VALUES ('PROP', $1, $2, $3, 'full', 'active', $4::date - 1, now(), 'PROP', $5, now())`,
        [number, uuid7(), product, from, uuid7()],
      );
      // Interest lines are earlier postings: before the month, one per day at most (as head office's index has it).
      const interestDays = new Set<number>();
      const history: SavingsLineForInterest[] = lines
        .map((l) => (l.kind === 'interest' && l.offset >= 0 ? { ...l, kind: 'deposit' as const } : l))
        .filter((l) => l.kind !== 'interest' || (!interestDays.has(l.offset) && interestDays.add(l.offset)))
        .map((l) => ({ kind: l.kind, amount: l.amount, valueDate: isoDay(start + l.offset * DAY) }));
      for (const line of history) {
        await ho.staff.query('SELECT ho.savings_append_line($1, $2, $3, $4, $5::date, NULL, NULL, NULL, $6::date)', [
          'PROP', number, line.kind, line.amount, line.valueDate, line.kind === 'interest' ? line.valueDate : null,
        ]);
      }
      await ho.staff.query('SELECT ho.savings_post_interest($1::date)', [to]);
      await ho.staff.query('SELECT ho.savings_post_interest($1::date)', [to]);
      const posted = await ho.staff.query<{ amount: string }>(
        'SELECT amount FROM ho.savings_lines WHERE account_number = $1 AND kind = $2 AND period_end = $3::date AND value_date = $3::date AND line_no > $4',
        [number, 'interest', to, history.length],
      );
      const expected = interestForPeriod(history, rateBp, from, to);
      expect(posted.rows.map((r) => Number(r.amount))).toEqual(expected > 0 ? [expected] : []);
      const account = await ho.staff.query<{ interest_posted_to: string }>(
        "SELECT to_char(interest_posted_to, 'YYYY-MM-DD') AS interest_posted_to FROM ho.savings_accounts WHERE account_number = $1", [number]);
      expect(account.rows[0]!.interest_posted_to).toBe(to);
    }),
    { numRuns: 60 },
  );
}, 600_000);
