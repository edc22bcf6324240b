import { z } from 'zod';

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
