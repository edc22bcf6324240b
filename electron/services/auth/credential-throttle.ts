import { ContractError, type ApprovalCredentials, type MethodName } from '@shared/contract';
import type { AuditLog } from '../audit/audit-log';
import type { Session } from './sessions';

/** How many calls carrying a secret may be checked at once, per bound. */
export interface ThrottleLimits {
  /** Per window link (a desktop window or one browser-host WebSocket). */
  perWindow: number;
  /** Per username presented, known or not (unknown ones still cost a decoy check). */
  perUsername: number;
  /** For the whole counter: scrypt runs on libuv's four threads, 32 MiB each. */
  total: number;
}

export const DEFAULT_THROTTLE_LIMITS: Readonly<ThrottleLimits> = Object.freeze({ perWindow: 2, perUsername: 2, total: 4 });

/** What the router shows the throttle of a call that passed every other check. */
export interface SecretCallEnvelope {
  method: MethodName;
  input: unknown;
  session: Session | null;
  approval: ApprovalCredentials | undefined;
  window: string | null;
}

export interface SecretCall {
  method: string;
  /** The username whose secret is presented. */
  username: string;
  /** The window link the call came through; null for in-process callers. */
  window: string | null;
}

/**
 * Keeps a burst of guesses from holding the CPU in scrypt: a call that
 * carries a secret takes a slot per window, per username and for the counter
 * before anything is hashed, and is refused at once with TOO_MANY_ATTEMPTS
 * (audited) when one is full. The lockout bounds how many guesses an account
 * can take; this bounds how much work guesses can cost while they are refused.
 */
export class CredentialThrottle {
  private readonly byWindow = new Map<string, number>();
  private readonly byUsername = new Map<string, number>();
  private inFlight = 0;

  constructor(
    private readonly audit: AuditLog,
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE_LIMITS,
  ) {}

  /** Takes the slots for `call` and returns their release, or throws TOO_MANY_ATTEMPTS. */
  admit(call: SecretCall): () => void {
    const full = this.fullBound(call);
    if (full) {
      this.audit.record({
        actor: null,
        action: 'credentials.throttled',
        subject: call.username,
        outcome: 'refused',
        details: { method: call.method, bound: full, window: call.window },
      });
      throw new ContractError('TOO_MANY_ATTEMPTS', `too many secret checks at once (${full}): wait and try again`, { bound: full });
    }
    this.inFlight += 1;
    bump(this.byUsername, call.username, 1);
    if (call.window !== null) bump(this.byWindow, call.window, 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
      bump(this.byUsername, call.username, -1);
      if (call.window !== null) bump(this.byWindow, call.window, -1);
    };
  }

  /**
   * The router's gate: a call presenting a secret (a sign-in, an unlock,
   * supervisor credentials on any call) is admitted or refused here; other
   * calls pass untouched.
   */
  admitCall = (call: SecretCallEnvelope): (() => void) => {
    const username = secretUsernameOf(call);
    if (username === null) return () => {};
    return this.admit({ method: call.method, username, window: call.window });
  };

  private fullBound(call: SecretCall): 'window' | 'username' | 'counter' | null {
    if (call.window !== null && (this.byWindow.get(call.window) ?? 0) >= this.limits.perWindow) return 'window';
    if ((this.byUsername.get(call.username) ?? 0) >= this.limits.perUsername) return 'username';
    if (this.inFlight >= this.limits.total) return 'counter';
    return null;
  }
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next === 0) counts.delete(key);
  else counts.set(key, next);
}

/** Whose secret a call presents, or null when it presents none. */
function secretUsernameOf(call: SecretCallEnvelope): string | null {
  if (call.method === 'auth.signIn') {
    const username = (call.input as { username?: unknown }).username;
    return typeof username === 'string' ? username : null;
  }
  if (call.method === 'auth.unlock') return call.session?.user.username ?? null;
  return call.approval?.username ?? null;
}
