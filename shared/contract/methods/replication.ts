import { z } from 'zod';
import { defineMethod } from '../define';
import { code } from '../text';
import { Empty } from './common';
import { DayCloseHeadOffice } from './day-close-state';
import { HeadOfficeLink } from './system';

/** What the status bar shows about head office, plus the numbers behind "unsynced". */
export const ReplicationStatusView = HeadOfficeLink.extend({
  localSeq: z.number().int().nonnegative(),
  ackedSeq: z.number().int().nonnegative(),
  recovering: z.boolean(),
});
export type ReplicationStatusView = z.infer<typeof ReplicationStatusView>;

/** The technician's view of the link: both cursors, the connection, the last errors. */
export const ReplicationLinkView = ReplicationStatusView.extend({
  ackedHash: z.string(),
  /** What head office said it holds, at the last exchange (null before the first). */
  headOfficeSeq: z.number().int().nonnegative().nullable(),
  pullVersion: z.number().int().nonnegative(),
  clockSkewSeconds: z.number().int().nullable(),
  recentErrors: z.array(z.object({ at: z.string(), message: z.string() })),
  connection: z.object({
    host: z.string().nullable(),
    database: z.string().nullable(),
    user: z.string().nullable(),
    sslmode: z.string().nullable(),
    clientCertificate: z.boolean(),
    secretProtection: z.enum(['os', 'none']),
  }),
});
export type ReplicationLinkView = z.infer<typeof ReplicationLinkView>;

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

export const DayCloseComparisonView = z.object({
  outcome: z.enum(['match', 'mismatch', 'behind', 'unreachable']),
  lastSeq: z.number().int().nonnegative(),
  lastHash: z.string(),
  hashMatches: z.boolean().nullable(),
  differences: z.array(
    z.object({
      accountId: z.string(),
      branchDebits: z.number(),
      branchCredits: z.number(),
      headOfficeDebits: z.number(),
      headOfficeCredits: z.number(),
    }),
  ),
  detail: z.string().nullable(),
  /** The stored close of that date, with the state this comparison left it in (null: no close booked that day). */
  dayClose: DayCloseHeadOffice.nullable().optional(),
});
export type DayCloseComparisonView = z.infer<typeof DayCloseComparisonView>;

export const replicationMethods = {
  'replication.status': defineMethod({
    input: Empty,
    output: ReplicationStatusView,
    access: ['clerk', 'supervisor', 'technician', 'auditor'],
    allowWhileLocked: true,
  }),
  'replication.syncNow': defineMethod({ input: Empty, output: ReplicationStatusView, access: ['clerk', 'supervisor', 'technician'] }),
  'replication.link': defineMethod({ input: Empty, output: ReplicationLinkView, access: ['technician', 'supervisor'] }),
  /** The branch summary (last seq, hash, per-account totals) checked against head office's recomputation. */
  'replication.compareDayClose': defineMethod({
    input: z.strictObject({ businessDate: code(10).regex(/^\d{4}-\d{2}-\d{2}$/) }),
    output: DayCloseComparisonView,
    access: ['supervisor'],
  }),
  'corrections.list': defineMethod({ input: Empty, output: z.array(CorrectionView), access: ['supervisor', 'auditor'] }),
  /** Books the correction as a transfer (author: head office, approver: this supervisor). */
  'corrections.acknowledge': defineMethod({ input: z.strictObject({ id: code(64).min(1) }), output: CorrectionView, access: ['supervisor'] }),
};
