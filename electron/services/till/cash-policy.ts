import { ContractError, type TillConfig } from '@shared/contract';
import { amountProblem, minorUnitExponent, type AmountProblem } from '@shared/money';
import denominationsFile from '../../../resources/samples/denominations.json' with { type: 'json' };
import policyFile from '../../../resources/samples/cash-policy.json' with { type: 'json' };

/**
 * Denominations, reason codes, approval thresholds and ceilings. Head office sets
 * them; until it does, the bundled sample files (marked `sample`) apply, and the
 * counter configuration may override them.
 */
export interface CashPolicy {
  denominations: Record<string, { notes: number[]; coins: number[] }>;
  currencies: Record<string, { ceiling: number; approvalAbove: { paidIn: number; paidOut: number; drop: number } }>;
  paidInReasons: TillConfig['paidInReasons'];
  paidOutReasons: TillConfig['paidOutReasons'];
  sample: boolean;
}

export const SAMPLE_CASH_POLICY: CashPolicy = {
  denominations: denominationsFile.currencies,
  currencies: policyFile.currencies,
  paidInReasons: policyFile.paidInReasons,
  paidOutReasons: policyFile.paidOutReasons,
  sample: true,
};

/** The policy for the branch currency; a currency without one cannot trade. */
export function tillConfig(policy: CashPolicy, currency: string): TillConfig {
  const limits = policy.currencies[currency];
  const denominations = policy.denominations[currency];
  if (!limits || !denominations) {
    throw new ContractError('RULE_BROKEN', `no cash policy for ${currency}: ask head office for the configuration`, { rule: 'no-cash-policy', currency });
  }
  return {
    currency,
    exponent: minorUnitExponent(currency),
    denominations: [
      ...denominations.notes.map((value) => ({ value, kind: 'note' as const })),
      ...denominations.coins.map((value) => ({ value, kind: 'coin' as const })),
    ].sort((a, b) => b.value - a.value),
    paidInReasons: policy.paidInReasons,
    paidOutReasons: policy.paidOutReasons,
    approvalAbove: limits.approvalAbove,
    ceiling: limits.ceiling,
    sample: policy.sample,
  };
}

const problemMessage: Record<AmountProblem, string> = {
  empty: 'an amount is needed',
  'not-a-number': 'the amount is not a whole number of minor units',
  'too-many-decimals': 'the amount has more decimals than the currency',
  zero: 'the amount must be above zero',
  negative: 'the amount cannot be negative',
  'too-large': 'the amount is above the ceiling allowed at the counter',
  'unknown-currency': 'unknown currency',
};

/**
 * Refuses an amount the branch cannot book, the way the router refuses bad input:
 * INVALID_INPUT with an issue on the field, its code naming the problem.
 */
export function checkAmount(path: string, money: { minor: number; currency: string }, config: TillConfig): number {
  if (money.currency !== config.currency) {
    throw invalidAmount(path, 'currency-mismatch', `the branch trades in ${config.currency}, not ${money.currency}`);
  }
  const problem = amountProblem(money.minor, config.ceiling);
  if (problem) throw invalidAmount(path, `amount-${problem}`, problemMessage[problem], problem === 'too-large' ? { ceiling: config.ceiling } : {});
  return money.minor;
}

export function invalidAmount(path: string, code: string, message: string, extra: Record<string, unknown> = {}): ContractError {
  return new ContractError('INVALID_INPUT', message, { issues: [{ path, message, code }], rule: code, ...extra });
}

/** Sum of a count by denomination; a face value the currency does not have is refused. */
export function countTotal(counts: Array<{ denomination: number; quantity: number }>, config: TillConfig, path: string): number {
  const known = new Set(config.denominations.map((d) => d.value));
  let total = 0;
  counts.forEach((line, index) => {
    if (!known.has(line.denomination)) {
      throw invalidAmount(`${path}.${index}.denomination`, 'unknown-denomination', `${line.denomination} is not a ${config.currency} note or coin`);
    }
    total += line.denomination * line.quantity;
  });
  if (!Number.isSafeInteger(total)) throw invalidAmount(path, 'amount-too-large', 'count too large');
  return total;
}
