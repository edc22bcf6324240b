import { z } from 'zod';
import { ApprovalCredentials } from './methods/common';
import type { ContractErrorBody } from './errors';

/** What a transport carries from a window to the router. */
export const CallRequest = z.object({
  id: z.string().min(1).max(64),
  method: z.string().min(1).max(64),
  input: z.unknown(),
  session: z.string().max(128).optional(),
  approval: ApprovalCredentials.optional(),
});
export type CallRequest = z.infer<typeof CallRequest>;

const isBoundedString = (value: unknown, min: number, max: number): value is string =>
  typeof value === 'string' && value.length >= min && value.length <= max;

/**
 * The everyday envelope — no supervisor approval inside — checked by hand, to the
 * same rules as `CallRequest`. Every call pays for the envelope, and zod's generic
 * parse costs tens of microseconds while its code is still cold (a counter makes a
 * few hundred calls a day, so it mostly is). Anything this does not accept goes
 * through `CallRequest`, which gives the issues and trims the approval's username.
 * A property test holds the two to the same answers.
 */
export function plainCallRequest(raw: unknown): CallRequest | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !('input' in raw)) return undefined;
  const { id, method, input, session, approval } = raw as Record<string, unknown>;
  if (approval !== undefined || !isBoundedString(id, 1, 64) || !isBoundedString(method, 1, 64)) return undefined;
  if (session !== undefined && !isBoundedString(session, 0, 128)) return undefined;
  return session === undefined ? { id, method, input } : { id, method, input, session };
}

export type CallResponse =
  | { id: string; ok: true; result: unknown }
  | { id: string; ok: false; error: ContractErrorBody };

export interface EventMessage {
  event: string;
  payload: unknown;
}
