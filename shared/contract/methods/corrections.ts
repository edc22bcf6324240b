import { z } from 'zod';
import { defineMethod } from '../define';
import { code } from '../text';
import { Empty } from './common';

/** A correction booked by head office: shown at the branch until a supervisor acknowledges it. */
export const CorrectionView = z.object({
  id: z.string(),
  author: z.string(),
  reason: z.string(),
  debitAccountId: z.string(),
  creditAccountId: z.string(),
  amount: z.number().int().positive(),
  currency: z.string(),
  receivedAt: z.string(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  /** The branch sequence of the transfer the acknowledgement booked. */
  bookedSeq: z.number().int().nullable(),
});
export type CorrectionView = z.infer<typeof CorrectionView>;

/** Corrections head office books for this branch, shown until a supervisor acknowledges them. */
export const correctionsMethods = {
  'corrections.list': defineMethod({ input: Empty, output: z.array(CorrectionView), access: ['supervisor', 'auditor'] }),
  /** Books the correction as a transfer (author: head office, approver: this supervisor). */
  'corrections.acknowledge': defineMethod({ input: z.strictObject({ id: code(64).min(1) }), output: CorrectionView, access: ['supervisor'] }),
};
