import { z } from 'zod';
import { defineMethod } from '../define';
import { code, name } from '../text';
import { LanguageSchema, Ok, Secret, Username } from './common';

const NewAccount = z.strictObject({ username: Username, displayName: name(60).min(2), secret: Secret });

/** A technician's first-run setup: replaces the demo branch with the real profile. */
export const BranchSetup = z.strictObject({
  code: code(16).regex(/^[A-Z0-9-]{2,16}$/, 'A–Z, 0–9 and -'),
  name: name(80).min(2),
  country: code(2).regex(/^[A-Z]{2}$/),
  currency: code(3).regex(/^[A-Z]{3}$/),
  language: LanguageSchema,
  supervisor: NewAccount,
  technician: NewAccount,
});
export type BranchSetup = z.infer<typeof BranchSetup>;

export const branchMethods = {
  'branch.setup': defineMethod({ input: BranchSetup, output: Ok, access: ['technician'] }),
};
