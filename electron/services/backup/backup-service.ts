import { dirname } from 'node:path';
import type { BackupEntry } from '@shared/contract';
import type { ProfileFile } from '../branch/profile-file';
import type { Clock } from '../clock';
import type { Sqlite } from '../db/open-database';
import type { Logger } from '../log/logger';
import { parseBackupFileName, stampToIso } from './backup-file';
import type { BackupSettings } from './backup-settings';
import type { VerifiedBackup } from './inspect-backup';
import { listBackups } from './list-backups';
import { takeBackup, type FolderOutcome } from './take-backup';

export interface BackupServiceOptions {
  settings: BackupSettings;
  /** Null while the database is refused: listing and restoring only. */
  sqlite: Sqlite | null;
  branchCode: () => string | null;
  profile: () => ProfileFile | null;
  clock: Clock;
  logger: Logger;
  onChange: () => void;
}

/** The rotated online backups of one running counter: on a timer, at day close, on request. */
export class BackupService {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<FolderOutcome[]> | null = null;
  lastBackupAt: string | null = null;
  backupError: string | null = null;

  constructor(private readonly options: BackupServiceOptions) {}

  get folders(): string[] {
    return this.options.settings.folders;
  }

  /** Every `everyHours`; unref'd so a timer never keeps a closing process alive. */
  start(): void {
    if (!this.options.sqlite || this.timer) return;
    this.timer = setInterval(() => void this.now('interval'), this.options.settings.everyHours * 3_600_000);
    this.timer.unref();
  }

  stop(): Promise<unknown> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    return this.running ?? Promise.resolve();
  }

  /** One backup at a time: a second request while one runs gets the same outcome. */
  now(why: string): Promise<FolderOutcome[]> {
    this.running ??= this.take(why)
      // Called from a timer and after a day close: a failure is reported, never an unhandled rejection.
      .catch((error: unknown) => {
        this.backupError = error instanceof Error ? error.message : String(error);
        this.options.logger.error({ why, err: error }, 'backup failed');
        this.options.onChange();
        return [];
      })
      .finally(() => (this.running = null));
    return this.running;
  }

  list(): { backups: BackupEntry[]; unusable: Array<{ file: string; problem: string }> } {
    const inspections = listBackups(this.folders, this.options.profile());
    return {
      backups: inspections.flatMap((i) => (i.ok ? [entryOf(i.backup)] : [])),
      unusable: inspections.flatMap((i) => (i.ok ? [] : [{ file: i.file, problem: i.problem }])),
    };
  }

  private async take(why: string): Promise<FolderOutcome[]> {
    const { sqlite } = this.options;
    const code = this.options.branchCode();
    if (!sqlite || !code) return [];
    const outcomes = await takeBackup(sqlite, code, this.options.settings, this.options.clock.now());
    const failed = outcomes.filter((o) => o.problem);
    if (outcomes.some((o) => o.backup)) this.lastBackupAt = this.options.clock.now().toISOString();
    this.backupError = failed.length > 0 ? failed.map((o) => `${o.folder}: ${o.problem}`).join('; ') : null;
    if (failed.length > 0) this.options.logger.error({ why, failed }, 'backup failed in some folders');
    else this.options.logger.info({ why, files: outcomes.map((o) => o.backup?.file) }, 'backup taken');
    this.options.onChange();
    return outcomes;
  }
}

export function entryOf(backup: VerifiedBackup): BackupEntry {
  const stamp = parseBackupFileName(backup.file)?.stamp ?? '';
  return {
    file: backup.file,
    folder: dirname(backup.file),
    branchCode: backup.branchCode,
    lastSeq: backup.lastSeq,
    transfers: backup.transfers,
    takenAt: stampToIso(stamp),
  };
}
