import { z } from 'zod';
import { defineMethod } from '../define';
import { code } from '../text';

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string().nullable(),
  action: z.string(),
  subject: z.string().nullable(),
  outcome: z.enum(['ok', 'refused']),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const auditMethods = {
  'audit.list': defineMethod({
    input: z.strictObject({
      limit: z.number().int().min(1).max(500).default(100),
      beforeSeq: z.number().int().positive().optional(),
      action: code(64).optional(),
    }),
    output: z.array(AuditEntry),
    access: ['supervisor', 'auditor', 'technician'],
  }),
};
