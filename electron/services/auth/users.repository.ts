import type { Role, Language } from '@shared/roles';
import type { UserAccount, UserView } from '@shared/contract';
import type { Sqlite } from '../db/open-database';
import type { UserTable } from '../db/tables';

export type UserRow = UserTable;

export const toUserView = (row: UserRow): UserView => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role as Role,
  language: row.language as Language,
});

export const toUserAccount = (row: UserRow): UserAccount => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role as Role,
  lockedAt: row.locked_at,
  failedAttempts: row.failed_attempts,
});

/** Plain synchronous statements: they run inside the callers' transactions. */
export class UsersRepository {
  constructor(private readonly sqlite: Sqlite) {}

  findByUsername(username: string): UserRow | undefined {
    return this.sqlite.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  }

  findById(id: string): UserRow | undefined {
    return this.sqlite.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  }

  list(): UserRow[] {
    return this.sqlite.prepare('SELECT * FROM users ORDER BY role, username').all() as UserRow[];
  }

  insert(row: UserRow): void {
    this.sqlite
      .prepare(
        `INSERT INTO users (id, username, display_name, role, language, secret_hash, failed_attempts, locked_at, disabled, created_at)
         VALUES (@id, @username, @display_name, @role, @language, @secret_hash, @failed_attempts, @locked_at, @disabled, @created_at)`,
      )
      .run(row);
  }

  /**
   * Counts an attempt before its secret is checked: `failed_attempts` holds
   * every attempt since the last success, settled or still being checked, so
   * a check that never finishes (a crash mid-scrypt) still counts.
   */
  countAttempt(id: string): number {
    const row = this.sqlite
      .prepare('UPDATE users SET failed_attempts = failed_attempts + 1 WHERE id = ? RETURNING failed_attempts')
      .get(id) as { failed_attempts: number };
    return row.failed_attempts;
  }

  lock(id: string, at: string): void {
    this.sqlite.prepare('UPDATE users SET locked_at = ? WHERE id = ?').run(at, id);
  }

  /** After a success or a supervisor's unlock; checks still running keep their count. */
  clearFailures(id: string, stillChecking = 0): void {
    this.sqlite.prepare('UPDATE users SET failed_attempts = ?, locked_at = NULL WHERE id = ?').run(stillChecking, id);
  }

  setLanguage(id: string, language: Language): void {
    this.sqlite.prepare('UPDATE users SET language = ? WHERE id = ?').run(language, id);
  }
}

export const newUserRow = (fields: {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  language: Language;
  secretHash: string;
  createdAt: string;
}): UserRow => ({
  id: fields.id,
  username: fields.username,
  display_name: fields.displayName,
  role: fields.role,
  language: fields.language,
  secret_hash: fields.secretHash,
  failed_attempts: 0,
  locked_at: null,
  disabled: 0,
  created_at: fields.createdAt,
});
