import type { TillConfig } from '@shared/contract';
import { parseAmount, type AmountProblem } from '@shared/money';

export type AmountReading = { ok: true; minor: number } | { ok: false; problem: AmountProblem };

/**
 * What the clerk typed, in integer minor units of the branch currency: wrong
 * precision, zero, negative and anything above the counter's ceiling are refused
 * here, before a call is even made (the service refuses them again).
 */
export function readAmount(text: string, config: TillConfig, options: { allowZero?: boolean } = {}): AmountReading {
  const parsed = parseAmount(text, config.currency, options);
  if (!parsed.ok) return parsed;
  if (parsed.money.minor > config.ceiling) return { ok: false, problem: 'too-large' };
  return { ok: true, minor: parsed.money.minor };
}
