import { ContractError } from '@shared/contract';
import { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { openDatabase, type DatabaseRefusal } from '../db/open-database';
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

/** A restore cannot mend a read-only disk nor a file from a newer version. */
const RESTORABLE: ReadonlyArray<DatabaseRefusal['reason']> = ['missing', 'corrupt', 'unreadable'];

export function backupHandlers(deps: BackupHandlerDeps): Pick<Handlers, 'backup.list' | 'backup.now' | 'backup.restore'> {
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
      let restored;
      try {
        restored = restoreBackup(deps.dataDir, deps.databaseFile, input.file, deps.clock.now());
      } catch (error) {
        if (error instanceof RestoreRefused) throw new ContractError('RULE_BROKEN', error.message, { rule: 'backup-refused' });
        throw error;
      }
      recordRestore(deps, input.username, refusal, restored.file, restored.lastSeq);
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

/** The restored ledger's own audit trail says who restored what, and over which refusal. */
function recordRestore(deps: BackupHandlerDeps, actor: string, refusal: DatabaseRefusal, file: string, lastSeq: number): void {
  const opened = openDatabase(deps.databaseFile);
  if (!opened.ok) {
    deps.logger.error({ refusal: opened.refusal }, 'restored database did not reopen for its audit entry');
    return;
  }
  try {
    new AuditLog(opened.opened.sqlite, deps.clock).record({ actor, action: 'backup.restored', subject: file, outcome: 'ok', details: { lastSeq, refusal: refusal.reason, detail: refusal.detail } });
  } finally {
    opened.opened.sqlite.close();
  }
  deps.logger.warn({ actor, file, lastSeq, refusal }, 'branch database restored from a backup');
}
