import type { BranchProfile } from '@shared/contract';
import type { Language } from '@shared/roles';
import type { Sqlite } from '../db/open-database';
import type { BranchTable } from '../db/tables';

export function readBranch(sqlite: Sqlite): BranchProfile | null {
  const row = sqlite.prepare('SELECT * FROM branch WHERE id = 1').get() as BranchTable | undefined;
  if (!row) return null;
  return {
    code: row.code,
    name: row.name,
    country: row.country,
    currency: row.currency,
    language: row.language as Language,
    demo: row.demo === 1,
  };
}

export function insertBranch(sqlite: Sqlite, profile: BranchProfile, createdAt: string): void {
  sqlite
    .prepare('INSERT INTO branch (id, code, name, country, currency, language, demo, created_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)')
    .run(profile.code, profile.name, profile.country, profile.currency, profile.language, profile.demo ? 1 : 0, createdAt);
}
