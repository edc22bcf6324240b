import { z } from 'zod';
import { defineMethod } from '../define';
import { Empty, LanguageSchema, Ok, Secret, UserView, Username } from './common';
import { ROLES } from '../../roles';

export const SessionView = z.object({
  token: z.string(),
  user: UserView,
  idleLockSeconds: z.number().int().positive(),
});
export type SessionView = z.infer<typeof SessionView>;

export const authMethods = {
  'auth.signIn': defineMethod({
    input: z.strictObject({ username: Username, secret: Secret }),
    output: SessionView,
    access: 'public',
  }),
  'auth.signOut': defineMethod({ input: Empty, output: Ok, access: ROLES, allowWhileLocked: true }),
  'auth.lock': defineMethod({ input: Empty, output: Ok, access: ROLES }),
  /** The window reports keyboard and scanner activity so a clerk filling a long form is not locked. */
  'auth.touch': defineMethod({ input: Empty, output: Ok, access: ROLES }),
  'auth.unlock': defineMethod({
    input: z.strictObject({ secret: Secret }),
    output: SessionView,
    access: ROLES,
    allowWhileLocked: true,
  }),
  /**
   * The session this window already holds (its token kept for the tab), after a reload: the clerk
   * comes back to her screen and her draft instead of the sign-in form. Locked stays locked.
   */
  'auth.resume': defineMethod({
    input: Empty,
    output: z.object({ session: SessionView, locked: z.boolean() }),
    access: ROLES,
    allowWhileLocked: true,
  }),
  'auth.setLanguage': defineMethod({
    input: z.strictObject({ language: LanguageSchema }),
    output: UserView,
    access: ROLES,
  }),
};
