import type { BranchProfile } from '@shared/contract';
import type { Sqlite } from '../db/open-database';
import { build, first, run } from '../db/typed-statement';

/** What tells one branch ledger from another: its code and the moment it was made. */
export interface BranchIdentity {
  code: string;
  created_at: string;
}

export function readBranch(sqlite: Sqlite): BranchProfile | null {
  const row = first(sqlite, build.selectFrom('branch').selectAll().where('id', '=', 1));
  if (!row) return null;
  return {
    code: row.code,
    name: row.name,
    country: row.country,
    currency: row.currency,
    language: row.language,
    demo: row.demo === 1,
  };
}

export function branchIdentity(sqlite: Sqlite): BranchIdentity | null {
  return first(sqlite, build.selectFrom('branch').select(['code', 'created_at']).where('id', '=', 1)) ?? null;
}

export function insertBranch(sqlite: Sqlite, profile: BranchProfile, createdAt: string): void {
  run(
    sqlite,
    build.insertInto('branch').values({
      id: 1,
      code: profile.code,
      name: profile.name,
      country: profile.country,
      currency: profile.currency,
      language: profile.language,
      demo: profile.demo ? 1 : 0,
      created_at: createdAt,
    }),
  );
}
