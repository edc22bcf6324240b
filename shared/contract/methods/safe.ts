import { z } from 'zod';
import { defineMethod } from '../define';
import { note, reference } from '../text';
import { Empty } from './common';
import { DayCloseHeadOffice } from './day-close-state';
import { DenominationCount, MoneyInput, MoneyView, OperationId } from './money';
import { PendingCash, TillStatus } from './till';

export const SafeStatus = z.object({
  currency: z.string(),
  balance: MoneyView,
  /** Drops from tills not yet confirmed by a supervisor. */
  pendingIn: MoneyView,
  /** Floats and top-ups not yet confirmed by their clerk. */
  pendingOut: MoneyView,
});

export const SafeMovementResult = z.object({
  operationId: z.string(),
  kind: z.enum(['received', 'sent']),
  amount: MoneyView,
  reference: z.string().nullable(),
  at: z.string(),
  replayed: z.boolean(),
});

export const DayClosePreview = z.object({
  businessDate: z.string(),
  /** Tills still live: each must be closed first. */
  liveTills: z.array(z.object({ sessionId: z.string(), tillId: z.string(), clerk: z.string(), status: TillStatus })),
  pending: z.array(PendingCash),
  alreadyClosed: z.boolean(),
  /** Head office's verdict on today's close, once it is booked. */
  headOffice: DayCloseHeadOffice.nullable(),
  /** Every close head office has not confirmed yet, oldest first (waiting or disputed). */
  unconfirmed: z.array(DayCloseHeadOffice),
  /** A close head office disputes: the next close is refused until a comparison matches. */
  blockedBy: DayCloseHeadOffice.nullable(),
});

export const AccountTotal = z.object({
  accountId: z.string(),
  code: z.string(),
  currency: z.string(),
  debitsPosted: z.number().int(),
  creditsPosted: z.number().int(),
});

/** Kept for the head-office comparison: same sequence, same hash, same totals, or the close is disputed. */
export const DayCloseSummary = z.object({
  id: z.string(),
  businessDate: z.string(),
  closedBy: z.string(),
  at: z.string(),
  firstSeq: z.number().int(),
  lastSeq: z.number().int(),
  lastHash: z.string(),
  /** Fingerprint of the journal key that signed the chain up to lastHash (absent on closes made before signing). */
  keyFingerprint: z.string().nullable().optional(),
  safe: z.object({ expected: MoneyView, counted: MoneyView, difference: MoneyView, explanation: z.string().nullable() }),
  accounts: z.array(AccountTotal),
  replayed: z.boolean(),
  /** Where head office stands on this close, read when answering (not part of what was booked). */
  headOffice: DayCloseHeadOffice.optional(),
});
export type DayCloseSummary = z.infer<typeof DayCloseSummary>;

const Movement = z.strictObject({
  operationId: OperationId,
  amount: MoneyInput,
  reference: reference(40).optional(),
  note: note(500).optional(),
});

export const safeMethods = {
  'safe.status': defineMethod({ input: Empty, output: SafeStatus, access: ['supervisor', 'auditor'] }),
  /** Cash delivered to the branch (from head office or the bank) into the safe. */
  'safe.receiveCash': defineMethod({ input: Movement, output: SafeMovementResult, access: ['supervisor'] }),
  /** Cash sent from the safe to head office or the bank. */
  'safe.sendCash': defineMethod({ input: Movement, output: SafeMovementResult, access: ['supervisor'] }),
  'day.preview': defineMethod({ input: Empty, output: DayClosePreview, access: ['supervisor'] }),
  /**
   * One atomic step: every till closed, nothing in transit, the safe counted (a
   * difference goes to suspense with the explanation), the branch summary stored.
   * Retrying with the same id returns the stored summary.
   */
  'day.close': defineMethod({
    input: z.strictObject({
      operationId: OperationId,
      safeCount: z.array(DenominationCount).min(1).max(40),
      explanation: note(500).optional(),
    }),
    output: DayCloseSummary,
    access: ['supervisor'],
  }),
  'day.closes': defineMethod({
    input: z.strictObject({ limit: z.number().int().min(1).max(100).default(20) }),
    output: z.array(DayCloseSummary),
    access: ['supervisor', 'auditor'],
  }),
  /**
   * "Compare now": sends what head office lacks, then asks it to recompare every
   * close it has not confirmed (a disputed one included). Answers their states.
   */
  'day.compareNow': defineMethod({ input: Empty, output: z.array(DayCloseHeadOffice), access: ['supervisor'] }),
};
