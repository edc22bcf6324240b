import Database from 'better-sqlite3';
import { ContractError } from '@shared/contract';
import { verifySecret } from '../auth/secret-hash';
import { UsersRepository, type UserRow } from '../auth/users.repository';

const MAY_RESTORE = ['technician', 'supervisor'];

/**
 * Nobody can sign in while the database is missing or damaged, so the person
 * restoring proves who they are against the backup itself: a technician or
 * supervisor of that ledger, not disabled, with their own PIN as the backup
 * holds it. The scrypt cost of each check slows a guesser as sign-in does.
 */
export async function checkRestoreApproval(backupFile: string, username: string, secret: string): Promise<void> {
  const sqlite = new Database(backupFile, { readonly: true, fileMustExist: true });
  let row: UserRow | undefined;
  try {
    row = new UsersRepository(sqlite).findByUsername(username);
  } finally {
    sqlite.close();
  }
  const valid = row !== undefined && (await verifySecret(secret, row.secret_hash));
  if (!row || !valid) throw new ContractError('BAD_CREDENTIALS', 'wrong username or PIN for this backup');
  if (row.disabled === 1) throw new ContractError('ACCOUNT_DISABLED', `${username} is disabled in this backup`);
  if (!MAY_RESTORE.includes(row.role)) {
    throw new ContractError('FORBIDDEN_ROLE', `a ${row.role} may not restore a backup`, { allowed: MAY_RESTORE });
  }
}
