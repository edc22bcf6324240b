import { ContractError, type SessionView, type UserView } from '@shared/contract';
import type { Language } from '@shared/roles';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Sqlite } from '../db/open-database';
import { hashSecret, verifySecret } from './secret-hash';
import type { Session, SessionStore } from './sessions';
import { toUserView, type UsersRepository } from './users.repository';

export interface AuthPolicy {
  /** Wrong secrets in a row before the account locks until a supervisor lifts it. */
  maxFailedAttempts: number;
  idleLockSeconds: number;
}

// Verified against when the username is unknown, so timing does not reveal
// which usernames exist.
const decoyHash = hashSecret('decoy-secret-never-matches');

export class AuthService {
  constructor(
    private readonly sqlite: Sqlite,
    private readonly users: UsersRepository,
    private readonly sessions: SessionStore,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly policy: AuthPolicy,
  ) {}

  async signIn(username: string, secret: string): Promise<SessionView> {
    const user = await this.checkCredentials(username, secret, 'signin');
    const session = this.sessions.create(toUserView(user));
    this.audit.record({ actor: user.username, action: 'signin', subject: user.username, outcome: 'ok', details: { role: user.role } });
    return this.view(session);
  }

  signOut(session: Session): void {
    this.sessions.end(session.token);
    this.audit.record({ actor: session.user.username, action: 'signout', subject: session.user.username, outcome: 'ok' });
  }

  lock(session: Session): void {
    this.sessions.lock(session);
    this.audit.record({ actor: session.user.username, action: 'session.lock', subject: session.user.username, outcome: 'ok' });
  }

  async unlock(session: Session, secret: string): Promise<SessionView> {
    await this.checkCredentials(session.user.username, secret, 'session.unlock');
    this.sessions.unlock(session);
    this.audit.record({ actor: session.user.username, action: 'session.unlock', subject: session.user.username, outcome: 'ok' });
    return this.view(session);
  }

  /** The same session seen again by a window that reloaded; nothing changes but the audit trail. */
  resume(session: Session): SessionView {
    this.audit.record({ actor: session.user.username, action: 'session.resume', subject: session.user.username, outcome: 'ok' });
    return this.view(session);
  }

  setLanguage(session: Session, language: Language): UserView {
    this.users.setLanguage(session.user.id, language);
    session.user = { ...session.user, language };
    return session.user;
  }

  /** Lifts a lockout; the caller has already obtained a supervisor's approval. */
  unlockAccount(username: string, approver: string): void {
    const user = this.users.findByUsername(username);
    if (!user) throw new ContractError('NOT_FOUND', `no user ${username}`, { username });
    this.sqlite.transaction(() => {
      this.users.clearFailures(user.id);
      this.audit.record({ actor: approver, action: 'account.unlock', subject: username, outcome: 'ok' });
    })();
  }

  /**
   * Checks a username and secret, counting failures and locking the account
   * after `maxFailedAttempts`. Every refusal is audited with its reason.
   */
  async checkCredentials(username: string, secret: string, action: string) {
    const user = this.users.findByUsername(username);
    if (!user) {
      await verifySecret(secret, await decoyHash);
      this.refuse(action, username, 'unknown-user');
      throw new ContractError('BAD_CREDENTIALS', 'wrong username or secret');
    }
    if (user.disabled) {
      this.refuse(action, username, 'disabled');
      throw new ContractError('ACCOUNT_DISABLED', 'account disabled', { username });
    }
    if (user.locked_at) {
      this.refuse(action, username, 'locked');
      throw new ContractError('ACCOUNT_LOCKED', 'account locked: a supervisor must unlock it', { username });
    }
    if (!(await verifySecret(secret, user.secret_hash))) {
      const locked = this.sqlite.transaction(() => {
        const failures = this.users.recordFailure(user.id);
        this.refuse(action, username, 'wrong-secret', { failures });
        if (failures < this.policy.maxFailedAttempts) return false;
        this.users.lock(user.id, this.clock.now().toISOString());
        this.audit.record({ actor: null, action: 'account.locked', subject: username, outcome: 'ok', details: { failures } });
        return true;
      })();
      if (locked) throw new ContractError('ACCOUNT_LOCKED', 'too many wrong attempts: account locked', { username });
      throw new ContractError('BAD_CREDENTIALS', 'wrong username or secret');
    }
    if (user.failed_attempts > 0) this.users.clearFailures(user.id);
    return user;
  }

  private refuse(action: string, username: string, reason: string, extra: Record<string, unknown> = {}): void {
    this.audit.record({ actor: null, action, subject: username, outcome: 'refused', details: { reason, ...extra } });
  }

  private view(session: Session): SessionView {
    return { token: session.token, user: session.user, idleLockSeconds: this.policy.idleLockSeconds };
  }
}
