import { randomUUID } from 'node:crypto';
import type { Language, Role } from '@shared/roles';
import type { BranchProfile } from '@shared/contract';
import type { AuditLog } from '../audit/audit-log';
import type { SecretHasher } from '../auth/secret-hash';
import { newUserRow, type UsersRepository } from '../auth/users.repository';
import type { Clock } from '../clock';
import type { Sqlite } from '../db/open-database';
import { insertBranch } from './branch.repository';

export const DEMO_BRANCH: BranchProfile = {
  code: 'DJ-DEMO',
  name: 'Agence de démonstration',
  country: 'DJ',
  currency: 'DJF',
  language: 'fr',
  demo: true,
};

/** Sample users of the demo branch. The README lists them; never used outside DEMO. */
export const DEMO_USERS: ReadonlyArray<{ username: string; displayName: string; role: Role; secret: string; language: Language }> = [
  { username: 'amina', displayName: 'Amina Guichetière', role: 'clerk', secret: '1234', language: 'fr' },
  { username: 'omar', displayName: 'Omar Guichetier', role: 'clerk', secret: '4321', language: 'fr' },
  { username: 'hassan', displayName: 'Hassan Chef d’agence', role: 'supervisor', secret: '5678', language: 'fr' },
  { username: 'ismail', displayName: 'Ismaïl Technicien', role: 'technician', secret: '9012', language: 'fr' },
  { username: 'fatouma', displayName: 'Fatouma Auditrice', role: 'auditor', secret: '2468', language: 'fr' },
];

/** Fills an empty database with the demo branch on first start. */
export async function seedDemoBranch(sqlite: Sqlite, users: UsersRepository, audit: AuditLog, clock: Clock, hasher: SecretHasher): Promise<void> {
  const hashes = await Promise.all(DEMO_USERS.map((user) => hasher.hash(user.secret)));
  const at = clock.now().toISOString();
  sqlite.transaction(() => {
    insertBranch(sqlite, DEMO_BRANCH, at);
    DEMO_USERS.forEach((user, index) =>
      users.insert(newUserRow({ id: randomUUID(), ...user, secretHash: hashes[index]!, createdAt: at })),
    );
    audit.record({ actor: null, action: 'branch.demo-created', subject: DEMO_BRANCH.code, outcome: 'ok' });
  })();
}
