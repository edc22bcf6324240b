import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where and how often the branch database is copied. */
export interface BackupSettings {
  /** The data folder's own `backups/` first, then any second folder (a USB disk). */
  folders: string[];
  /** Hours between two backups while the counter runs (day close always takes one). */
  everyHours: number;
  /** Backups kept per folder; the oldest goes first. */
  keep: number;
}

/** What a technician may put in `backup.json` or the shell may pass. */
export interface BackupOptions {
  secondFolder?: string | null;
  everyHours?: number;
  keep?: number;
}

export function defaultBackupFolder(dataDir: string): string {
  return join(dataDir, 'backups');
}

export function readBackupSettings(dataDir: string, options?: BackupOptions): BackupSettings {
  const file = join(dataDir, 'backup.json');
  const fromFile = !options && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BackupOptions) : {};
  const chosen = options ?? fromFile;
  const second = chosen.secondFolder ?? null;
  return {
    folders: second ? [defaultBackupFolder(dataDir), second] : [defaultBackupFolder(dataDir)],
    everyHours: positive(chosen.everyHours, 4),
    keep: Math.max(1, Math.floor(positive(chosen.keep, 7))),
  };
}

const positive = (value: number | undefined, fallback: number) => (typeof value === 'number' && value > 0 ? value : fallback);
