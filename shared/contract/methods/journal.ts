import { z } from 'zod';
import { defineMethod } from '../define';
import { code, reference } from '../text';
import { MoneyView } from './money';

export const JournalEntry = z.object({
  seq: z.number().int(),
  transferId: z.string(),
  operationId: z.string(),
  operationKind: z.string(),
  at: z.string(),
  code: z.string(),
  /** `code` (till-cash, safe, revenue…) names the account in the reader's language; `name` is the stored fallback. */
  debit: z.object({ id: z.string(), name: z.string(), code: z.string() }),
  credit: z.object({ id: z.string(), name: z.string(), code: z.string() }),
  amount: MoneyView,
  phase: z.enum(['posted', 'pending', 'post-pending', 'void-pending']),
  pendingId: z.string().nullable(),
  reference: z.string().nullable(),
  sessionId: z.string().nullable(),
  tillId: z.string().nullable(),
  operator: z.string(),
  approvedBy: z.string().nullable(),
  reason: z.string().nullable(),
  /** For a reversal: the transfer it undoes. */
  reversalOf: z.string().nullable(),
  /** Every correction shows who, when and why. */
  correction: z.object({ by: z.string(), approvedBy: z.string().nullable(), at: z.string(), why: z.string() }).nullable(),
  hash: z.string(),
});
export type JournalEntry = z.infer<typeof JournalEntry>;

export const journalMethods = {
  /** Newest first; page with `beforeSeq`. */
  'journal.query': defineMethod({
    input: z.strictObject({
      sessionId: code(64).optional(),
      tillId: code(16).optional(),
      clerk: code(32).optional(),
      code: code(32).optional(),
      reference: reference(40).optional(),
      operationId: code(64).optional(),
      correctionsOnly: z.boolean().default(false),
      beforeSeq: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.array(JournalEntry),
    access: ['supervisor', 'auditor'],
  }),
};
