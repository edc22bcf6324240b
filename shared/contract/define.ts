import type { z } from 'zod';
import type { Role } from '../roles';

/** Who may call a method: anyone (before sign-in) or a signed-in user of one of these roles. */
export type Access = 'public' | readonly Role[];

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** Still answered while the session is locked for idleness (unlock, sign-out). */
  allowWhileLocked?: boolean;
  /** Still answered when the database refused to open (status and diagnostics only). */
  allowWhenRefused?: boolean;
}

export const defineMethod = <I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> =>
  spec;

/**
 * Which windows hear an event: every connected window (the status bar before sign-in), a window
 * whose session is signed in and unlocked, or only such a session of one of these roles.
 */
export type EventAudience = 'everyone' | 'signed-in' | readonly Role[];

export interface EventSpec<P extends z.ZodType = z.ZodType> {
  payload: P;
  audience: EventAudience;
}

export const defineEvent = <P extends z.ZodType>(payload: P, audience: EventAudience): EventSpec<P> => ({ payload, audience });
