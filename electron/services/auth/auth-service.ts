import { ContractError, type SessionView, type UserView } from '@shared/contract';
import type { Language } from '@shared/roles';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Sqlite } from '../db/open-database';
import { Lockout } from './lockout';
import type { SecretHasher } from './secret-hash';
import type { Session, SessionStore } from './sessions';
import { toUserView, type UserRow, type UsersRepository } from './users.repository';

export interface AuthPolicy {
  /** Wrong secrets in a row before the account locks until a supervisor lifts it. */
  maxFailedAttempts: number;
  idleLockSeconds: number;
}

export class AuthService {
  private readonly lockout: Lockout;
  // Checked when the username is unknown, so timing does not reveal which
  // usernames exist; made at the hasher's cost, like every real hash.
  private readonly decoyHash: Promise<string>;

  constructor(
    private readonly sqlite: Sqlite,
    private readonly users: UsersRepository,
    private readonly sessions: SessionStore,
    private readonly audit: AuditLog,
    clock: Clock,
    private readonly policy: AuthPolicy,
    private readonly hasher: SecretHasher,
  ) {
    this.lockout = new Lockout(sqlite, users, audit, clock, policy.maxFailedAttempts);
    this.decoyHash = hasher.hash('decoy-secret-never-matches');
  }

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
      this.users.clearFailures(user.id, this.lockout.stillChecking(user.id));
      this.audit.record({ actor: approver, action: 'account.unlock', subject: username, outcome: 'ok' });
    })();
  }

  /**
   * Checks a username and secret under the lockout (see `Lockout`): the
   * attempt is counted before the secret is hashed, a locked account is
   * refused without hashing, and every refusal is audited with its reason.
   */
  async checkCredentials(username: string, secret: string, action: string): Promise<UserRow> {
    const opening = this.lockout.open(username, action);
    if ('refusal' in opening) throw opening.refusal;
    if ('unknown' in opening) {
      await this.hasher.verify(secret, await this.decoyHash);
      throw this.lockout.refuseUnknown(username, action);
    }
    let matches: boolean;
    try {
      matches = await this.hasher.verify(secret, opening.check.user.secret_hash);
    } catch (error) {
      // A check that failed to run frees its slot and stays counted as a failure.
      this.lockout.settle(opening.check, false);
      throw error;
    }
    const settled = this.lockout.settle(opening.check, matches);
    if ('refusal' in settled) throw settled.refusal;
    return settled.user;
  }

  private view(session: Session): SessionView {
    return { token: session.token, user: session.user, idleLockSeconds: this.policy.idleLockSeconds };
  }
}
