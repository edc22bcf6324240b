import { ContractError } from '@shared/contract';
import type { Clock } from '../clock';
import type { DatabaseRefusal } from '../db/open-database';
import type { Logger } from '../log/logger';
import type { CallContext, Handlers } from '../router/handlers';
import { signedIn } from '../router/handlers';
import type { BackupService } from './backup-service';
import { entryOf } from './backup-service';
import { checkRestoreApproval } from './restore-approval';
import { restoreBackup, RestoreRefused } from './restore-backup';

export interface BackupHandlerDeps {
  service: BackupService;
  dataDir: string;
  databaseFile: string;
  refusal: DatabaseRefusal | null;
  clock: Clock;
  logger: Logger;
  /** The host reopens the counter on the restored file once the answer is sent. */
  onRestored: () => void;
}

/** A restore cannot mend a read-only or full disk, nor a file from a newer version. */
const RESTORABLE: ReadonlyArray<DatabaseRefusal['reason']> = ['missing', 'corrupt', 'unreadable'];

export function backupHandlers(deps: BackupHandlerDeps): Pick<Handlers, 'backup.list' | 'backup.now' | 'backup.restore'> {
  // Two windows restoring at once would move the first restored file aside as "replaced".
  let restoring = false;
  return {
    'backup.list': (_input, context) => {
      if (!deps.refusal) mayManage(context);
      return { ...deps.service.list(), folders: deps.service.folders };
    },
    'backup.now': async (_input, context) => {
      const who = signedIn(context).session.user.username;
      const outcomes = await deps.service.now(`asked by ${who}`);
      return { folders: outcomes.map((o) => ({ folder: o.folder, backup: o.backup ? entryOf(o.backup) : null, problem: o.problem })) };
    },
    'backup.restore': async (input) => {
      const refusal = deps.refusal;
      if (!refusal) {
        throw new ContractError('RULE_BROKEN', 'the branch database is in use: a restore runs only while it is refused (or from the command line with the counter stopped)', { rule: 'database-in-use' });
      }
      if (!RESTORABLE.includes(refusal.reason)) {
        throw new ContractError('RULE_BROKEN', `a backup cannot mend a ${refusal.reason} database`, { rule: 'restore-cannot-help', reason: refusal.reason });
      }
      const listed = deps.service.list().backups.find((b) => b.file === input.file);
      if (!listed) throw new ContractError('NOT_FOUND', `${input.file} is not a checked backup of this counter`);
      await checkRestoreApproval(input.file, input.username, input.secret);
      if (restoring) throw new ContractError('CONFLICT', 'a restore is already under way', { rule: 'restore-under-way' });
      restoring = true;
      let restored;
      try {
        restored = restoreBackup({
          dataDir: deps.dataDir,
          databaseFile: deps.databaseFile,
          backupFile: input.file,
          at: deps.clock.now(),
          actor: input.username,
          why: `${refusal.reason}: ${refusal.detail}`,
        });
      } catch (error) {
        restoring = false;
        if (error instanceof RestoreRefused) throw new ContractError('RULE_BROKEN', error.message, { rule: 'backup-refused' });
        throw error;
      }
      deps.logger.warn({ actor: input.username, file: restored.file, lastSeq: restored.lastSeq, refusal }, 'branch database restored from a backup');
      deps.onRestored();
      return { restored: entryOf(restored) };
    },
  };
}

function mayManage(context: CallContext): void {
  const session = context.session;
  if (!session) throw new ContractError('NO_SESSION', 'listing backups needs a signed-in technician or supervisor');
  if (session.user.role !== 'technician' && session.user.role !== 'supervisor') {
    throw new ContractError('FORBIDDEN_ROLE', `backup.list is not allowed for role ${session.user.role}`, { allowed: ['technician', 'supervisor'] });
  }
}
