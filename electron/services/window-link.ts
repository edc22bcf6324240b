import { randomUUID } from 'node:crypto';
import type { CallResponse, EventMessage } from '@shared/contract';
import type { EventListener } from './events';

/** What a window link needs from the running counter. */
export interface WindowGate {
  /** `window` names the link, so secret checks can be bounded per window. */
  route(raw: unknown, window: string): Promise<CallResponse>;
  subscribe(listener: EventListener): () => void;
  /** Whether the session behind `token` (undefined: none) may hear `event` now. */
  mayReceive(event: string, token: string | undefined): boolean;
}

/** Methods whose answer hands the window its session (a SessionView with its token). */
const SESSION_ISSUERS = new Set(['auth.signIn', 'auth.unlock']);

const fieldOf = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/**
 * One window's connection to the counter: an Electron webContents or a browser-host WebSocket.
 * Sessions travel in each call's envelope, not in the connection, so the link remembers the
 * session the window last presented (or was just given by a sign-in) and passes an event on only
 * when that session may hear it at that moment: a signed-out, locked or signed-off window hears
 * no weight and no scan, whatever the transport. The session is looked up again for every event,
 * so an idle lock or a sign-out elsewhere takes effect at once.
 */
export class WindowLink {
  private token: string | undefined;
  /** Names this link to the router: a burst of guesses is bounded per window. */
  readonly id = randomUUID();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly gate: WindowGate,
    deliver: (message: EventMessage) => void,
  ) {
    this.unsubscribe = gate.subscribe((message) => {
      if (gate.mayReceive(message.event, this.token)) deliver(message);
    });
  }

  route = async (raw: unknown): Promise<CallResponse> => {
    const presented = fieldOf(raw, 'session');
    this.token = typeof presented === 'string' ? presented : undefined;
    const response = await this.gate.route(raw, this.id);
    const method = fieldOf(raw, 'method');
    const issued = response.ok ? fieldOf(response.result, 'token') : undefined;
    if (typeof method === 'string' && SESSION_ISSUERS.has(method) && typeof issued === 'string') this.token = issued;
    return response;
  };

  close(): void {
    this.unsubscribe();
  }
}
