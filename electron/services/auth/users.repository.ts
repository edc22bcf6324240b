import type { Role, Language } from '@shared/roles';
import type { UserAccount, UserView } from '@shared/contract';
import type { Sqlite } from '../db/open-database';
import { all, build, first, run } from '../db/typed-statement';
import type { UserTable } from './auth.tables';

export type UserRow = UserTable;

export const toUserView = (row: UserRow): UserView => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  language: row.language,
});

export const toUserAccount = (row: UserRow): UserAccount => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  lockedAt: row.locked_at,
  failedAttempts: row.failed_attempts,
});

/** Plain synchronous statements: they run inside the callers' transactions. */
export class UsersRepository {
  constructor(private readonly sqlite: Sqlite) {}

  findByUsername(username: string): UserRow | undefined {
    return first(this.sqlite, build.selectFrom('users').selectAll().where('username', '=', username));
  }

  findById(id: string): UserRow | undefined {
    return first(this.sqlite, build.selectFrom('users').selectAll().where('id', '=', id));
  }

  list(): UserRow[] {
    return all(this.sqlite, build.selectFrom('users').selectAll().orderBy('role').orderBy('username'));
  }

  insert(row: UserRow): void {
    run(this.sqlite, build.insertInto('users').values(row));
  }

  /**
   * Counts an attempt before its secret is checked: `failed_attempts` holds
   * every attempt since the last success, settled or still being checked, so
   * a check that never finishes (a crash mid-scrypt) still counts.
   */
  countAttempt(id: string): number {
    const row = first(
      this.sqlite,
      build
        .updateTable('users')
        .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
        .where('id', '=', id)
        .returning('failed_attempts'),
    );
    if (!row) throw new Error(`no user ${id} to count an attempt for`);
    return row.failed_attempts;
  }

  lock(id: string, at: string): void {
    run(this.sqlite, build.updateTable('users').set({ locked_at: at }).where('id', '=', id));
  }

  /** After a success or a supervisor's unlock; checks still running keep their count. */
  clearFailures(id: string, stillChecking = 0): void {
    run(this.sqlite, build.updateTable('users').set({ failed_attempts: stillChecking, locked_at: null }).where('id', '=', id));
  }

  setLanguage(id: string, language: Language): void {
    run(this.sqlite, build.updateTable('users').set({ language }).where('id', '=', id));
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
