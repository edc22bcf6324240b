import { z } from 'zod';
import { UUID7_PATTERN } from '../../uuid7';
import { code } from '../text';

/** The id of one user intent: made once by the window, sent again unchanged on every retry. */
export const OperationId = code(36).regex(UUID7_PATTERN, 'a UUIDv7 made once per user intent');

export const CurrencyCode = code(3).regex(/^[A-Z]{3}$/, 'ISO 4217 code');

/**
 * An amount to book: integer minor units and the currency. Positivity and the
 * ceiling are the service's to judge (they depend on configuration); it answers
 * INVALID_INPUT with an issue on `…minor` whose code says why (amount-zero,
 * amount-negative, amount-too-large, currency-mismatch).
 */
export const MoneyInput = z.strictObject({ minor: z.number().int(), currency: CurrencyCode });
export type MoneyInput = z.infer<typeof MoneyInput>;

/** An amount in an answer; may be negative where it is a difference (counted − expected). */
export const MoneyView = z.object({ minor: z.number().int(), currency: z.string() });
export type MoneyView = z.infer<typeof MoneyView>;

/** A blind count line: how many notes or coins of one face value. */
export const DenominationCount = z.strictObject({
  denomination: z.number().int().positive(),
  quantity: z.number().int().min(0).max(100_000),
});
export type DenominationCount = z.infer<typeof DenominationCount>;

/**
 * The short number on a customer's receipt: the branch code and a gap-free sequence of the
 * branch's cash operations (`DJ-DEMO-000123`), read aloud or typed to find an operation again.
 * Absent on operations booked before receipts were numbered.
 */
export const OperationNumber = z.string().regex(/^.+-\d{6,}$/, 'branch code and sequence');

/** Labels kept in data come in the three counter languages. */
export const LocalizedLabel = z.object({ fr: z.string(), en: z.string(), ar: z.string() });
export type LocalizedLabel = z.infer<typeof LocalizedLabel>;
