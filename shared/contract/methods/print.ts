import { z } from 'zod';
import { defineMethod } from '../define';
import { code } from '../text';

/** Clerks reprint at the window; supervisors and technicians can do the same. */
const AT_THE_WINDOW = ['clerk', 'supervisor', 'technician'] as const;

export const PrintJobView = z.object({
  id: z.string(),
  deviceId: z.string(),
  kind: z.enum(['receipt', 'label']),
  status: z.enum(['waiting', 'printing', 'printed', 'cancelled']),
  attempts: z.number().int().nonnegative(),
  createdAt: z.string(),
  lastError: z.string(),
  printedAt: z.string().nullable(),
  reprintOf: z.string().nullable(),
  reference: z.string().nullable(),
});
export type PrintJobView = z.infer<typeof PrintJobView>;

/** The print outbox: every receipt and label is a job, and a reprint is a new job pointing at its original. */
export const printMethods = {
  'print.jobs': defineMethod({
    input: z.strictObject({ limit: z.number().int().min(1).max(200).default(50) }),
    output: z.object({ jobs: z.array(PrintJobView) }),
    access: AT_THE_WINDOW,
  }),
  /** A new job marked as a reprint of the original (audited): a second copy is never anonymous. */
  'print.reprint': defineMethod({ input: z.strictObject({ jobId: code(80).min(1) }), output: PrintJobView, access: AT_THE_WINDOW }),
};
