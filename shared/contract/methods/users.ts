import { z } from 'zod';
import { defineMethod } from '../define';
import { Empty, Ok, RoleSchema, Username } from './common';

export const UserAccount = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  lockedAt: z.string().nullable(),
  failedAttempts: z.number().int().nonnegative(),
});
export type UserAccount = z.infer<typeof UserAccount>;

export const usersMethods = {
  'users.list': defineMethod({ input: Empty, output: z.array(UserAccount), access: ['supervisor', 'auditor'] }),
  /**
   * Lifts a lockout. Public because the locked-out clerk asks for it at the sign-in
   * screen; it always needs a supervisor's approval (their own session, or their
   * credentials keyed in at the window).
   */
  'users.unlockAccount': defineMethod({
    input: z.strictObject({ username: Username }),
    output: Ok,
    access: 'public',
  }),
};
