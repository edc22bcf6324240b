import { randomUUID } from 'node:crypto';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { ContractError, type BranchSetup } from '@shared/contract';
import { AuditLog } from '../audit/audit-log';
import { SecretHasher } from '../auth/secret-hash';
import { newUserRow, UsersRepository } from '../auth/users.repository';
import type { Clock } from '../clock';
import { migrateToLatest } from '../db/migrate';
import { openDatabase } from '../db/open-database';
import { insertBranch } from './branch.repository';
import { BRANCH_DATABASE, switchActiveDatabase } from './profile-file';

/**
 * Creates the real branch database with its first supervisor and technician,
 * then makes it the active one. Runs only from the demo branch.
 */
export async function createRealBranch(
  dataDir: string,
  setup: BranchSetup,
  technician: string,
  clock: Clock,
  hasher: SecretHasher = new SecretHasher(),
): Promise<void> {
  if (setup.supervisor.username === setup.technician.username) {
    throw new ContractError('INVALID_INPUT', 'supervisor and technician need different usernames', {
      issues: [{ path: 'technician.username', message: 'duplicate username', code: 'custom' }],
    });
  }
  const file = join(dataDir, BRANCH_DATABASE);
  // A file left by an interrupted setup was never active: keep it aside, never reuse it.
  if (existsSync(file)) renameSync(file, `${file}.abandoned-${Date.now()}`);

  const opened = openDatabase(file);
  if (!opened.ok) throw new Error(`cannot create ${file}: ${opened.refusal.detail}`);
  const { sqlite, db } = opened.opened;
  const at = clock.now().toISOString();
  try {
    await migrateToLatest(db);
    const [supervisorHash, technicianHash] = await Promise.all([
      hasher.hash(setup.supervisor.secret),
      hasher.hash(setup.technician.secret),
    ]);
    const users = new UsersRepository(sqlite);
    const audit = new AuditLog(sqlite, clock);
    sqlite.transaction(() => {
      insertBranch(sqlite, { ...setup, demo: false }, at);
      users.insert(newUserRow({ id: randomUUID(), ...setup.supervisor, role: 'supervisor', language: setup.language, secretHash: supervisorHash!, createdAt: at }));
      users.insert(newUserRow({ id: randomUUID(), ...setup.technician, role: 'technician', language: setup.language, secretHash: technicianHash!, createdAt: at }));
      audit.record({ actor: technician, action: 'branch.created', subject: setup.code, outcome: 'ok', details: { name: setup.name, currency: setup.currency } });
    })();
  } finally {
    await db.destroy();
  }
  switchActiveDatabase(dataDir, BRANCH_DATABASE, { branchCode: setup.code, createdAt: at });
}
