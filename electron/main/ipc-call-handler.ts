import type { CallResponse } from '@shared/contract';
import { isTrustedSender, type SenderFrame } from './sender-guard';

export interface IpcCallEvent {
  senderFrame: SenderFrame | null;
}

/** The IPC transport: checks the sender, then hands the call to the router (through the sender's window link). */
export function createIpcCallHandler<E extends IpcCallEvent>(route: (raw: unknown, event: E) => Promise<CallResponse>) {
  return async (event: E, raw: unknown): Promise<CallResponse> => {
    if (!isTrustedSender(event.senderFrame)) {
      const id = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : 'unknown';
      return { id, ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'call refused: not the counter window' } };
    }
    return route(raw, event);
  };
}
