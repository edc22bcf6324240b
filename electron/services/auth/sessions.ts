import { randomBytes } from 'node:crypto';
import type { UserView } from '@shared/contract';
import type { Clock } from '../clock';

export interface Session {
  token: string;
  user: UserView;
  startedAt: Date;
  lastActivityAt: Date;
  /** Locked by idleness or by the user; the token stays valid for unlock and sign-out only. */
  locked: boolean;
}

/**
 * Sessions live in memory: a restart signs everyone out, which is what a
 * counter wants after a power cut. Idleness is enforced here, not only in the
 * window, so a forgotten screen cannot be used by whoever walks up.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly clock: Clock,
    private readonly idleLockSeconds: number,
  ) {}

  create(user: UserView): Session {
    const now = this.clock.now();
    const session: Session = { token: randomBytes(32).toString('base64url'), user, startedAt: now, lastActivityAt: now, locked: false };
    this.sessions.set(session.token, session);
    return session;
  }

  /** The session for a token, locked first if it has been idle too long. */
  resolve(token: string | undefined): Session | null {
    if (!token) return null;
    const session = this.sessions.get(token);
    if (!session) return null;
    const idleMs = this.clock.now().getTime() - session.lastActivityAt.getTime();
    if (idleMs > this.idleLockSeconds * 1000) session.locked = true;
    return session;
  }

  touch(session: Session): void {
    session.lastActivityAt = this.clock.now();
  }

  lock(session: Session): void {
    session.locked = true;
  }

  unlock(session: Session): void {
    session.locked = false;
    this.touch(session);
  }

  end(token: string): void {
    this.sessions.delete(token);
  }

  endAll(): void {
    this.sessions.clear();
  }
}
