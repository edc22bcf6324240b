// What the account's life at the window answers — reactivation, closing, a full passbook renewed
// (the methods themselves are in savings.ts). Kept apart so these shapes read in one place.
import { z } from 'zod';
import { MoneyView } from './money';

/** Head office's block: which movements the account refuses (Fineract's debit, credit, or both). */
export const SAVINGS_BLOCK_TYPES = ['debit', 'credit', 'all'] as const;

/** Where a closing stands at this branch: money held for it and not yet paid (`under-way`), or paid. */
export const SAVINGS_CLOSING_STANDINGS = ['none', 'under-way', 'paid'] as const;

/**
 * How a closing ended at the window. Cash is handed over only for `paid` (or by
 * `counterparty.handOver` for `to-pay`); `closed`: nothing was left to pay, the account closed at
 * once; `waiting`: head office did not answer — nothing booked, nothing paid: press again with the
 * same operation (head office answers a repeat the same), or head office's hold lapses on its own.
 */
export const SAVINGS_CLOSING_OUTCOMES = ['paid', 'to-pay', 'closed', 'refused', 'waiting', 'cancelled', 'expired'] as const;

export const SavingsClosingResult = z.object({
  operationId: z.string(),
  accountNumber: z.string(),
  outcome: z.enum(SAVINGS_CLOSING_OUTCOMES),
  /** The balance before today's interest, the interest to date, and what is paid: balance + interest. Null until head office said. */
  balance: MoneyView.nullable(),
  interest: MoneyView.nullable(),
  amount: MoneyView.nullable(),
  /** Head office's reason for a refusal (account-blocked, holds-outstanding…), worded by the window. */
  refusal: z.string().nullable(),
  approver: z.string().nullable(),
  replayed: z.boolean(),
});
export type SavingsClosingResult = z.infer<typeof SavingsClosingResult>;

export const SavingsReactivation = z.object({
  accountNumber: z.string(),
  /** False when the account was already active (another window, another branch): nothing changed. */
  reactivated: z.boolean(),
  approver: z.string(),
  at: z.string(),
});
export type SavingsReactivation = z.infer<typeof SavingsReactivation>;

export const PassbookRenewal = z.object({
  operationId: z.string(),
  accountNumber: z.string(),
  /** The full book, kept by the customer as a record; no line is printed in it any more. */
  fullPassbook: z.string(),
  /** The new book: page 1 line 1, opening with the balance brought forward. */
  passbookNumber: z.string(),
  /** Head office's last line printed in the full book: the new one carries on after it. */
  broughtForwardThrough: z.number().int(),
  at: z.string(),
  replayed: z.boolean(),
});
export type PassbookRenewal = z.infer<typeof PassbookRenewal>;
