import { ContractError } from '@shared/contract';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Sqlite } from '../db/open-database';
import type { UserRow, UsersRepository } from './users.repository';

/** An attempt that holds one of the account's slots while its secret is checked. */
export interface OpenAttempt {
  user: UserRow;
  action: string;
}

/** What `open` decides: check this secret, check a decoy (unknown username), or refuse without hashing. */
export type Opening = { check: OpenAttempt } | { unknown: true } | { refusal: ContractError };

/**
 * The PIN lockout, safe against concurrent guesses. An attempt is counted in
 * the same synchronous SQLite transaction that reads the lock, before any
 * hashing, and takes one of `maxFailedAttempts` slots; with every slot taken
 * (checks still running) or the account locked, the attempt is refused
 * without hashing. So at most `maxFailedAttempts` secrets are ever checked
 * between two successes, whatever the interleaving of the async scrypt checks.
 * Settling runs in a second transaction: the lock falls when that many checks
 * have failed, and a right secret is honoured only while the account is not
 * locked. Every refusal is audited with its reason.
 */
export class Lockout {
  /** Checks running now per user id; held in memory, so a crash leaves them counted as failures. */
  private readonly checking = new Map<string, number>();

  constructor(
    private readonly sqlite: Sqlite,
    private readonly users: UsersRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly maxFailedAttempts: number,
  ) {}

  /** Checks running for `userId`: a supervisor's unlock keeps them counted. */
  stillChecking(userId: string): number {
    return this.checking.get(userId) ?? 0;
  }

  open(username: string, action: string): Opening {
    return this.sqlite.transaction((): Opening => {
      const user = this.users.findByUsername(username);
      if (!user) return { unknown: true };
      if (user.disabled) return this.refusal(action, user, 'disabled');
      if (user.locked_at) return this.refusal(action, user, 'locked');
      if (user.failed_attempts >= this.maxFailedAttempts) {
        // Every slot is counted: either checks are still running, or they
        // never settled (the process stopped mid-check) and count as failures.
        if (this.stillChecking(user.id) > 0) return this.refusal(action, user, 'attempts-in-flight');
        this.lockNow(user, user.failed_attempts, 'unsettled-attempts');
        return this.refusal(action, user, 'locked');
      }
      this.users.countAttempt(user.id);
      this.checking.set(user.id, this.stillChecking(user.id) + 1);
      return { check: { user, action } };
    })();
  }

  /** Closes an attempt once its secret was checked: the user on success, else the refusal to throw. */
  settle(attempt: OpenAttempt, matches: boolean): { user: UserRow } | { refusal: ContractError } {
    const id = attempt.user.id;
    const others = this.stillChecking(id) - 1;
    if (others > 0) this.checking.set(id, others);
    else this.checking.delete(id);
    return this.sqlite.transaction(() => {
      const user = this.users.findById(id);
      if (!user) return { refusal: new ContractError('BAD_CREDENTIALS', 'wrong username or secret') };
      if (matches) {
        // A right secret that finishes after the lock fell (or the account was disabled) opens nothing.
        if (user.disabled) return this.refusal(attempt.action, user, 'disabled');
        if (user.locked_at) return this.refusal(attempt.action, user, 'locked', { secret: 'right' });
        if (user.failed_attempts !== others) this.users.clearFailures(id, others);
        return { user };
      }
      const failures = user.failed_attempts - others;
      this.auditRefusal(attempt.action, user.username, 'wrong-secret', { failures });
      if (user.locked_at) return { refusal: locked(user.username, 'account locked: a supervisor must unlock it') };
      if (failures < this.maxFailedAttempts) return { refusal: new ContractError('BAD_CREDENTIALS', 'wrong username or secret') };
      this.lockNow(user, failures, 'wrong-secret');
      return { refusal: locked(user.username, 'too many wrong attempts: account locked') };
    })();
  }

  /** An unknown username, after its decoy check. */
  refuseUnknown(username: string, action: string): ContractError {
    this.auditRefusal(action, username, 'unknown-user');
    return new ContractError('BAD_CREDENTIALS', 'wrong username or secret');
  }

  private lockNow(user: UserRow, failures: number, reason: string): void {
    this.users.lock(user.id, this.clock.now().toISOString());
    this.audit.record({ actor: null, action: 'account.locked', subject: user.username, outcome: 'ok', details: { failures, reason } });
  }

  private refusal(action: string, user: UserRow, reason: 'disabled' | 'locked' | 'attempts-in-flight', extra: Record<string, unknown> = {}) {
    this.auditRefusal(action, user.username, reason, extra);
    const username = user.username;
    if (reason === 'disabled') return { refusal: new ContractError('ACCOUNT_DISABLED', 'account disabled', { username }) };
    if (reason === 'locked') return { refusal: locked(username, 'account locked: a supervisor must unlock it') };
    return {
      refusal: new ContractError('TOO_MANY_ATTEMPTS', 'every attempt this account may take is being checked: wait and try again', { username }),
    };
  }

  private auditRefusal(action: string, username: string, reason: string, extra: Record<string, unknown> = {}): void {
    this.audit.record({ actor: null, action, subject: username, outcome: 'refused', details: { reason, ...extra } });
  }
}

const locked = (username: string, message: string) => new ContractError('ACCOUNT_LOCKED', message, { username });
