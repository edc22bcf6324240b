import { z } from 'zod';
import { defineMethod } from '../define';
import { Empty, IsoTime, Secret, Username } from './common';
import { name } from '../text';

/** A backup file that passed its checks (quick_check and the full ledger verify). */
export const BackupEntry = z.object({
  file: z.string(),
  folder: z.string(),
  branchCode: z.string(),
  lastSeq: z.number().int().nonnegative(),
  transfers: z.number().int().nonnegative(),
  takenAt: IsoTime,
});
export type BackupEntry = z.infer<typeof BackupEntry>;

/** A file in a backup folder that may not be restored, and why. */
export const UnusableBackup = z.object({ file: z.string(), problem: z.string() });

export const BackupList = z.object({
  backups: z.array(BackupEntry),
  unusable: z.array(UnusableBackup),
  folders: z.array(z.string()),
});

export const BackupRun = z.object({
  folders: z.array(z.object({ folder: z.string(), backup: BackupEntry.nullable(), problem: z.string().nullable() })),
});

export const BackupRestore = z
  .object({
    /** One of the files `backup.list` answered; nothing else is ever restored. */
    file: name(4096).min(1),
    /** A technician or supervisor of the backup's own ledger, checked against that backup. */
    username: Username,
    secret: Secret,
  })
  .strict();

export const BackupRestored = z.object({ restored: BackupEntry });

export const backupMethods = {
  /**
   * Public so the refusal screen can offer a restore: with a missing or damaged
   * database nobody can sign in. While trading, the handler asks for a
   * technician's or supervisor's session.
   */
  'backup.list': defineMethod({ input: Empty, output: BackupList, access: 'public', allowWhenRefused: true }),
  'backup.now': defineMethod({ input: Empty, output: BackupRun, access: ['technician', 'supervisor'] }),
  /** Only while the database is refused (missing, empty or damaged); the credentials are checked against the backup. */
  'backup.restore': defineMethod({ input: BackupRestore, output: BackupRestored, access: 'public', allowWhenRefused: true }),
};
