import { z } from 'zod';
import { defineMethod } from '../define';
import { code } from '../text';
import { Empty } from './common';
import { DayCloseHeadOffice } from './day';
import { HeadOfficeLinkDraft, HeadOfficeSettingsView, LinkTestResult } from './head-office-link';
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

/** The head-office link settings are the technician's only (they say where the ledger goes). */
const TECHNICIAN = ['technician'] as const;

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
  'replication.settings': defineMethod({ input: Empty, output: HeadOfficeSettingsView, access: TECHNICIAN }),
  /** Saves, then restarts the replication job on the new link (no app restart). Nothing is saved when a check fails. */
  'replication.saveSettings': defineMethod({ input: HeadOfficeLinkDraft, output: HeadOfficeSettingsView, access: TECHNICIAN }),
  /** Connects with the draft (saved secrets where it says `stored`), runs a harmless head-office call, saves nothing. */
  'replication.testConnection': defineMethod({ input: HeadOfficeLinkDraft, output: LinkTestResult, access: TECHNICIAN }),
};
