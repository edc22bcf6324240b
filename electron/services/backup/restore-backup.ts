import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AuditLog } from '../audit/audit-log';
import { readProfile } from '../branch/profile-file';
import { openDatabase } from '../db/open-database';
import { belongsTo } from './list-backups';
import { inspectBackup, type VerifiedBackup } from './inspect-backup';

export class RestoreRefused extends Error {}

/**
 * Puts a checked backup in place of the branch database, with the counter's
 * database closed. The backup is checked again (it may have changed since it
 * was listed) and must hold this counter's ledger. A damaged file that was
 * there is kept beside it as evidence, never deleted; the old `-wal`/`-shm`
 * go, or SQLite would replay them over the restored pages. Transfers made after
 * the backup come back from head office through replication's recovery.
 */
export interface RestoreRequest {
  dataDir: string;
  databaseFile: string;
  backupFile: string;
  at: Date;
  /** Who restored (a username, or `command line`), and over what refusal: kept in the restored audit trail. */
  actor: string;
  why: string;
}

export function restoreBackup(request: RestoreRequest): VerifiedBackup {
  const { dataDir, databaseFile, backupFile, at } = request;
  const inspection = inspectBackup(backupFile);
  if (!inspection.ok) throw new RestoreRefused(`backup ${backupFile} failed its check: ${inspection.problem}`);
  if (!belongsTo(inspection.backup, readProfile(dataDir))) {
    throw new RestoreRefused(`backup ${backupFile} holds the ledger of branch ${inspection.backup.branchCode}, not this counter's`);
  }
  const incoming = `${databaseFile}.restoring`;
  copyFileSync(backupFile, incoming);
  const fd = openSync(incoming, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  const stamp = at.toISOString().replace(/[-:.]/g, '');
  if (existsSync(databaseFile) && statSync(databaseFile).size > 0) renameSync(databaseFile, `${databaseFile}.replaced-${stamp}`);
  for (const suffix of ['-wal', '-shm']) {
    const side = `${databaseFile}${suffix}`;
    if (existsSync(side) && statSync(side).size > 0) renameSync(side, `${databaseFile}.replaced-${stamp}${suffix}`);
    else rmSync(side, { force: true });
  }
  renameSync(incoming, databaseFile);
  const dir = openSync(dirname(databaseFile), 'r');
  fsyncSync(dir);
  closeSync(dir);
  recordRestore(request, inspection.backup.lastSeq);
  return { ...inspection.backup, file: backupFile };
}

/** The restored ledger's own audit trail says who restored which backup, and why. */
function recordRestore(request: RestoreRequest, lastSeq: number): void {
  const opened = openDatabase(request.databaseFile);
  if (!opened.ok) throw new RestoreRefused(`the restored file does not open: ${opened.refusal.detail}`);
  try {
    new AuditLog(opened.opened.sqlite, { now: () => request.at }).record({
      actor: request.actor,
      action: 'backup.restored',
      subject: request.backupFile,
      outcome: 'ok',
      details: { lastSeq, why: request.why },
    });
  } finally {
    opened.opened.sqlite.close();
  }
}
