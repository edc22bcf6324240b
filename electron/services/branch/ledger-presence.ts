import { statSync } from 'node:fs';
import type { DatabaseRefusal } from '../db/open-database';
import type { BranchIdentity } from './branch.repository';
import { writeProfile, type ProfileFile } from './profile-file';

/**
 * SQLite happily opens a missing or zero-byte file as a new, empty database.
 * For a counter that has had a ledger that would be a silent fresh start with
 * every transfer gone, so the file is checked before SQLite sees it.
 */
export function missingLedger(profile: ProfileFile | null, file: string): DatabaseRefusal | null {
  if (!profile) return null;
  let bytes: number;
  try {
    bytes = statSync(file).size;
  } catch {
    return { reason: 'missing', detail: `the ledger of ${ledgerName(profile)} is gone: no file`, file };
  }
  return bytes === 0 ? { reason: 'missing', detail: `the ledger of ${ledgerName(profile)} is gone: the file is empty (0 bytes)`, file } : null;
}

/** After opening: the file must hold the ledger the profile names, not an empty or another branch's one. */
export function foreignLedger(profile: ProfileFile | null, found: BranchIdentity | null, file: string): DatabaseRefusal | null {
  if (!profile) return null;
  if (!found) return { reason: 'missing', detail: `the ledger of ${ledgerName(profile)} is gone: the file holds no branch`, file };
  const sameCode = profile.branchCode === undefined || profile.branchCode === found.code;
  const sameLedger = profile.createdAt === undefined || profile.createdAt === found.created_at;
  if (sameCode && sameLedger) return null;
  return { reason: 'missing', detail: `the file holds branch ${found.code} created ${found.created_at}, not the ledger of ${ledgerName(profile)}`, file };
}

/** Written once the ledger is known: on the demo's first start, or over a profile from before identities were kept. */
export function rememberLedger(dataDir: string, database: string, profile: ProfileFile | null, found: BranchIdentity): void {
  if (profile?.branchCode === found.code && profile.createdAt === found.created_at) return;
  writeProfile(dataDir, { database, branchCode: found.code, createdAt: found.created_at });
}

function ledgerName(profile: ProfileFile): string {
  return profile.branchCode ? `branch ${profile.branchCode}${profile.createdAt ? ` (created ${profile.createdAt})` : ''}` : profile.database;
}
