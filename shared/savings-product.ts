import { z } from 'zod';

const Minor = z.number().int().min(0);
/** Limits per KYC tier, by the tier's code; a tier absent from one has a limit of 0. */
const ByTier = z.record(z.string(), Minor);

/**
 * A savings product as head office publishes it (ho.publish_savings_product, HO migration 0012;
 * reference pull kind `savings-product`, key = the code): head office's columns, as they are. Every
 * figure is head office's: the counter shows them and refuses early what head office would refuse.
 */
export const SavingsProduct = z.object({
  code: z.string().min(1),
  name: z.string(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  /** Annual rate in basis points (250 = 2.50 %). */
  annual_rate_bp: z.number().int().min(0),
  posting_period: z.string(),
  min_opening_deposit: Minor,
  min_balance: Minor,
  max_balance: ByTier,
  daily_withdrawal_limit: ByTier,
  monthly_withdrawal_limit: ByTier,
  dormancy_days: z.number().int().positive(),
  fees: z.record(z.string(), Minor),
});
export type SavingsProduct = z.infer<typeof SavingsProduct>;
