import { ContractError } from '@shared/contract';

/**
 * A failing disk is not an internal error: the clerk can act on it (free space,
 * call a technician), and nothing was booked — SQLite rolled the operation back.
 * better-sqlite3 reports SQLite's extended code (`SQLITE_FULL`, `SQLITE_READONLY_DBMOVED`…);
 * Node's own file calls report errno names (`ENOSPC`, `EROFS`).
 */
export function storageErrorOf(error: unknown): ContractError | null {
  const code = typeof (error as { code?: unknown } | null)?.code === 'string' ? (error as { code: string }).code : '';
  const message = error instanceof Error ? error.message : '';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || /database or disk is full/i.test(message)) {
    return new ContractError('STORAGE_FULL', 'the disk holding the branch database is full: nothing was booked, free space and retry', { cause: code || message });
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EPERM' || /readonly database/i.test(message)) {
    return new ContractError('STORAGE_READ_ONLY', 'the branch database cannot be written: nothing was booked', { cause: code || message });
  }
  return null;
}
