import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ProfileFile } from '../branch/profile-file';
import { parseBackupFileName } from './backup-file';
import { inspectBackup, type Inspection } from './inspect-backup';

/**
 * Every backup file in the folders, newest first, each checked; those of
 * another ledger (another branch code, or the same code created at another
 * time) are left out when the profile knows which ledger this counter keeps.
 */
export function listBackups(folders: string[], profile: ProfileFile | null): Inspection[] {
  const files = folders.flatMap((folder) =>
    existsSync(folder) ? readdirSync(folder).filter((name) => parseBackupFileName(name) !== null).map((name) => join(folder, name)) : [],
  );
  const newestFirst = files.sort((a, b) => parseBackupFileName(b)!.stamp.localeCompare(parseBackupFileName(a)!.stamp));
  return newestFirst.map(inspectBackup).filter((inspection) => !inspection.ok || belongsTo(inspection.backup, profile));
}

export function belongsTo(backup: { branchCode: string; ledgerCreatedAt: string }, profile: ProfileFile | null): boolean {
  if (!profile) return true;
  if (profile.branchCode !== undefined && profile.branchCode !== backup.branchCode) return false;
  return profile.createdAt === undefined || profile.createdAt === backup.ledgerCreatedAt;
}
