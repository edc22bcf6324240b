import { z } from 'zod';

const Minor = z.number().int().min(0);

/**
 * A savings product as head office publishes it (reference pull, kind `savings-product`, key =
 * the code). Limits per KYC tier are keyed by the tier's code. Every figure is head office's:
 * the counter only shows them and refuses early what head office would refuse anyway.
 */
export const SavingsProduct = z.object({
  code: z.string().min(1),
  name: z.object({ fr: z.string(), en: z.string(), ar: z.string() }),
  currency: z.string().regex(/^[A-Z]{3}$/),
  /** Annual rate in basis points (250 = 2.50 %). */
  annualRateBp: z.number().int().min(0),
  postingPeriod: z.enum(['month', 'quarter', 'half-year', 'year']),
  minimumOpeningDeposit: Minor,
  minimumBalance: Minor,
  maximumBalanceByTier: z.record(z.string(), Minor),
  withdrawalLimits: z.object({ perDay: Minor, perMonth: Minor }),
  dormancyDays: z.number().int().positive(),
  fees: z.object({ opening: Minor, passbookReplacement: Minor }),
  /** A withdrawal above this needs a supervisor's approval at the window. */
  approvalAbove: Minor,
});
export type SavingsProduct = z.infer<typeof SavingsProduct>;
