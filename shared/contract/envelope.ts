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

export type CallResponse =
  | { id: string; ok: true; result: unknown }
  | { id: string; ok: false; error: ContractErrorBody };

export interface EventMessage {
  event: string;
  payload: unknown;
}
