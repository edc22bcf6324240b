import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Sqlite } from '../db/open-database';
import { backupFileName, parseBackupFileName } from './backup-file';
import type { BackupSettings } from './backup-settings';
import { inspectBackup, type VerifiedBackup } from './inspect-backup';

export interface FolderOutcome {
  folder: string;
  backup: VerifiedBackup | null;
  /** Why this folder got no backup (USB disk absent, disk full, copy failed its check). */
  problem: string | null;
}

/**
 * Copies the live database into every backup folder with SQLite's online backup
 * (pages copied in steps, trading goes on), makes the copy a single
 * self-contained file (no WAL beside it), checks it like a restore would, and
 * only then gives it its final name and drops the oldest beyond `keep`. One
 * folder failing (the USB disk unplugged) never stops the others.
 */
export async function takeBackup(sqlite: Sqlite, branchCode: string, settings: BackupSettings, at: Date): Promise<FolderOutcome[]> {
  const outcomes: FolderOutcome[] = [];
  for (const folder of settings.folders) {
    const name = backupFileName(branchCode, at);
    const partial = join(folder, `.${name}.partial`);
    try {
      mkdirSync(folder, { recursive: true });
      await sqlite.backup(partial);
      selfContained(partial);
      const inspection = inspectBackup(partial);
      if (!inspection.ok) throw new Error(`the copy failed its check: ${inspection.problem}`);
      const final = join(folder, name);
      renameSync(partial, final);
      syncFolder(folder);
      rotate(folder, branchCode, settings.keep);
      outcomes.push({ folder, backup: { ...inspection.backup, file: final }, problem: null });
    } catch (error) {
      discard(partial);
      outcomes.push({ folder, backup: null, problem: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcomes;
}

/** A copy of a WAL database is in WAL mode too; rollback mode makes it one file that opens read-only anywhere. */
function selfContained(file: string): void {
  const copy = new Database(file);
  try {
    // A PRAGMA, not a query of our tables: better-sqlite3's pragma() runs it (Kysely has no builder for it).
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  const fd = openSync(file, 'r+');
  fsyncSync(fd);
  closeSync(fd);
}

/** The folder itself may be the problem (gone, a file, read-only): cleaning up must not throw over the real error. */
function discard(partial: string): void {
  try {
    rmSync(partial, { force: true });
  } catch {
    // nothing was written there either
  }
}

function rotate(folder: string, branchCode: string, keep: number): void {
  const mine = readdirSync(folder)
    .filter((name) => parseBackupFileName(name)?.branchCode === branchCode.replace(/[^A-Za-z0-9_-]/g, '_'))
    .sort();
  for (const old of mine.slice(0, Math.max(0, mine.length - keep))) rmSync(join(folder, old), { force: true });
}

function syncFolder(folder: string): void {
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
