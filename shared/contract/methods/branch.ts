import { z } from 'zod';
import { defineMethod } from '../define';
import { LanguageSchema, Ok, Secret, Username } from './common';

const NewAccount = z.object({ username: Username, displayName: z.string().trim().min(2).max(60), secret: Secret });

/** A technician's first-run setup: replaces the demo branch with the real profile. */
export const BranchSetup = z.object({
  code: z.string().trim().regex(/^[A-Z0-9-]{2,16}$/, 'A–Z, 0–9 and -'),
  name: z.string().trim().min(2).max(80),
  country: z.string().regex(/^[A-Z]{2}$/),
  currency: z.string().regex(/^[A-Z]{3}$/),
  language: LanguageSchema,
  supervisor: NewAccount,
  technician: NewAccount,
});
export type BranchSetup = z.infer<typeof BranchSetup>;

export const branchMethods = {
  'branch.setup': defineMethod({ input: BranchSetup, output: Ok, access: ['technician'] }),
};
