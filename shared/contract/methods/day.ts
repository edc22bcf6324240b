import { z } from 'zod';
import { defineMethod } from '../define';
import { note } from '../text';
import { Empty } from './common';
import { DenominationCount, MoneyView, OperationId } from './money';
import { CounterpartyOperationView } from './counterparty';
import { PendingCash, TillStatus } from './till';

/**
 * Where a branch day close stands with head office. The close is booked at the
 * branch in one atomic step; it is final only once head office, recomputing
 * from the transfers it received, finds the same last hash and the same totals.
 */
export const DayCloseState = z.enum(['awaiting-head-office', 'confirmed', 'mismatch']);
export type DayCloseState = z.infer<typeof DayCloseState>;

/**
 * Why a close still waits, for the supervisor to read plainly:
 * no head office configured, head office unreachable, transfers still to send,
 * or head office has them all and the comparison is under way.
 */
export const DayCloseWaitingFor = z.enum(['no-head-office', 'head-office-unreachable', 'sending', 'comparing']);
export type DayCloseWaitingFor = z.infer<typeof DayCloseWaitingFor>;

/** One account whose totals differ: the branch's figures beside head office's. */
export const DayCloseDifference = z.object({
  accountId: z.string(),
  branchDebits: z.number(),
  branchCredits: z.number(),
  headOfficeDebits: z.number(),
  headOfficeCredits: z.number(),
});
export type DayCloseDifference = z.infer<typeof DayCloseDifference>;

export const DayCloseHeadOffice = z.object({
  dayCloseId: z.string(),
  businessDate: z.string(),
  lastSeq: z.number().int().nonnegative(),
  state: DayCloseState,
  /** Set while awaiting head office, null once decided. */
  waitingFor: DayCloseWaitingFor.nullable(),
  /** Transfers up to this close that head office has not acknowledged yet. */
  unsent: z.number().int().nonnegative(),
  /** Head office's or the link's own words (the last error, "holds up to seq N"). */
  detail: z.string().nullable(),
  /** Null until head office has answered. */
  hashMatches: z.boolean().nullable(),
  differences: z.array(DayCloseDifference),
  attempts: z.number().int().nonnegative(),
  lastAttemptAt: z.string().nullable(),
  /** When head office confirmed it or reported the mismatch. */
  decidedAt: z.string().nullable(),
});
export type DayCloseHeadOffice = z.infer<typeof DayCloseHeadOffice>;

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
  /** Operations whose counterparty has not answered yet: the close is refused while there are any. */
  counterpartyOpen: z.array(CounterpartyOperationView),
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

/** The branch day: its preview, its one atomic close, and the comparison with head office. */
export const dayMethods = {
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
