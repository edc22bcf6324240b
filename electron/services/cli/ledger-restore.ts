// `npm run ledger -- restore --data-dir DIR [--from FILE] [--list]`: the technician's
// restore with the counter stopped (from the refusal screen it runs inside the counter).
// Without --from, the newest backup that passes its checks is restored. Exit code 0
// when restored (or listed), 1 when no usable backup or the restore was refused,
// 2 for usage.
import { readBackupSettings } from '../backup/backup-settings';
import { listBackups } from '../backup/list-backups';
import { restoreBackup, RestoreRefused } from '../backup/restore-backup';
import { activeDatabaseFile, readProfile } from '../branch/profile-file';

const USAGE = 'usage: npm run ledger -- restore --data-dir DIR [--from BACKUP_FILE] [--list]';

export function runRestore(args: string[], out: (line: string) => void, err: (line: string) => void): number {
  const value = (flag: string) => {
    const at = args.indexOf(flag);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const dataDir = value('--data-dir');
  if (!dataDir) {
    err(`--data-dir DIR is required\n${USAGE}`);
    return 2;
  }
  const inspections = listBackups(readBackupSettings(dataDir).folders, readProfile(dataDir));
  for (const i of inspections) out(i.ok ? `ok       ${i.backup.file}  seq ${i.backup.lastSeq}` : `UNUSABLE ${i.file}: ${i.problem}`);
  if (args.includes('--list')) return 0;
  const newest = inspections.find((i) => i.ok);
  const from = value('--from') ?? (newest?.ok ? newest.backup.file : undefined);
  if (!from) {
    err('no backup passed its checks: nothing restored');
    return 1;
  }
  const databaseFile = activeDatabaseFile(dataDir);
  try {
    const restored = restoreBackup({ dataDir, databaseFile, backupFile: from, at: new Date(), actor: 'command line', why: 'restored with npm run ledger -- restore' });
    out(`RESTORED ${databaseFile} from ${restored.file} (last seq ${restored.lastSeq}); start the counter: head office sends back what came after`);
    return 0;
  } catch (error) {
    if (!(error instanceof RestoreRefused)) throw error;
    err(`REFUSED ${error.message}`);
    return 1;
  }
}
