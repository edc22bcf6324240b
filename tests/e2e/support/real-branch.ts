import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { BranchSetup } from '@shared/contract';
import { newUserRow, UsersRepository } from '../../../electron/services/auth/users.repository';
import { createRealBranch } from '../../../electron/services/branch/first-run-setup';
import { BRANCH_DATABASE } from '../../../electron/services/branch/profile-file';
import { systemClock } from '../../../electron/services/clock';
import { openDatabase } from '../../../electron/services/db/open-database';
import { testSecretHasher } from '../../support/test-secret-hasher';

export interface Person {
  username: string;
  displayName: string;
  secret: string;
}

/**
 * A second, real branch (not the demo) in `dataDir`, as a technician's first-run setup makes it,
 * plus its first clerk. No contract method adds a user yet (head office will publish them): the
 * clerk goes into the new database before the counter starts, through the users repository.
 */
export async function createRealBranchWithClerk(dataDir: string, setup: BranchSetup, clerk: Person): Promise<void> {
  const hasher = testSecretHasher();
  await createRealBranch(dataDir, setup, setup.technician.username, systemClock, hasher);
  const opened = openDatabase(join(dataDir, BRANCH_DATABASE));
  if (!opened.ok) throw new Error(`cannot open the new branch database: ${opened.refusal.detail}`);
  const { sqlite, db } = opened.opened;
  try {
    new UsersRepository(sqlite).insert(
      newUserRow({ id: randomUUID(), ...clerk, role: 'clerk', language: setup.language, secretHash: await hasher.hash(clerk.secret), createdAt: new Date().toISOString() }),
    );
  } finally {
    await db.destroy();
  }
}
