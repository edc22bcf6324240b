import { ContractError } from '@shared/contract';
import type { DatabaseRefusal } from './open-database';

/** What every call but status answers while the database is refused, by why it is. */
export function refusalError(refusal: DatabaseRefusal): ContractError {
  switch (refusal.reason) {
    case 'missing':
      return new ContractError('DATABASE_MISSING', 'the branch database is missing or empty: restore a backup', { reason: refusal.reason });
    case 'disk-full':
      return new ContractError('STORAGE_FULL', 'the disk holding the branch database is full: free space, then restart the counter', { reason: refusal.reason });
    case 'read-only':
      return new ContractError('STORAGE_READ_ONLY', 'the branch database cannot be written: trading is refused', { reason: refusal.reason });
    case 'corrupt':
    case 'unreadable':
    case 'newer-schema':
      return new ContractError('DATABASE_REFUSED', 'the branch database failed its check: trading is refused', { reason: refusal.reason });
  }
}
