import { z } from 'zod';
import { defineMethod } from '../define';
import { code } from '../text';
import { Empty } from './common';
import { MoneyView } from './money';

export const VerifyCheckName = z.enum(['sequence', 'hash-chain', 'signatures', 'transfer-rules', 'balances', 'debits-equal-credits', 'session-totals']);
export type VerifyCheckName = z.infer<typeof VerifyCheckName>;

export const VerifyCheck = z.object({ name: VerifyCheckName, ok: z.boolean(), detail: z.string() });

/** The first transfer (lowest branch sequence) that breaks a rule, with the rule it breaks. */
export const BadRow = z.object({
  seq: z.number().int(),
  transferId: z.string().nullable(),
  check: VerifyCheckName,
  detail: z.string(),
});
export type BadRow = z.infer<typeof BadRow>;

export const VerifyReport = z.object({
  ok: z.boolean(),
  transfers: z.number().int().nonnegative(),
  lastSeq: z.number().int().nonnegative(),
  lastHash: z.string(),
  checks: z.array(VerifyCheck),
  firstBadRow: BadRow.nullable(),
  /** Accounts whose stored balance differs from the sum of their transfers. */
  badAccounts: z.array(
    z.object({
      accountId: z.string(),
      stored: z.string(),
      recomputed: z.string(),
      /** The account's last transfer: its stored balance disagrees from this transfer on. */
      afterSeq: z.number().int().nullable(),
      afterTransferId: z.string().nullable(),
      /** Whether the stored balance carries the ledger's seal (null: checked without the branch key). */
      sealHolds: z.boolean().nullable(),
    }),
  ),
  /** Fingerprint of the key that signed the last transfer (printed on every Z report and day close). */
  signedBy: z.string().nullable(),
  durationMs: z.number().nonnegative(),
});
export type VerifyReport = z.infer<typeof VerifyReport>;

export const AccountFlag = z.enum(['debits_must_not_exceed_credits', 'credits_must_not_exceed_debits']);

export const AccountView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  currency: z.string(),
  flags: z.array(AccountFlag),
  tillSessionId: z.string().nullable(),
  debitsPosted: z.number().int(),
  creditsPosted: z.number().int(),
  debitsPending: z.number().int(),
  creditsPending: z.number().int(),
  /** debits − credits posted: positive for cash held, negative for revenue earned. */
  balance: MoneyView,
});
export type AccountView = z.infer<typeof AccountView>;

export const ledgerMethods = {
  /** Recomputes everything from the transfers; the same check as `npm run ledger -- verify`. */
  'ledger.verify': defineMethod({ input: Empty, output: VerifyReport, access: ['supervisor', 'auditor', 'technician'] }),
  'ledger.accounts': defineMethod({
    input: z.strictObject({ code: code(32).optional() }),
    output: z.array(AccountView),
    access: ['supervisor', 'auditor'],
  }),
};
