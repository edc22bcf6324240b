import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `counter.json` in the data folder names the database the counter trades on
 * and which ledger it holds. Absent means first start: the demo branch in
 * `demo.sqlite`, seeded once. Once present, a ledger has existed: a missing or
 * empty database is refused (restore a backup), never replaced by a fresh one.
 * A technician's first-run setup writes a fresh `branch.sqlite` and then
 * switches this file — atomically, so a power cut leaves either the demo or the
 * real branch active, never a mix.
 */
export interface ProfileFile {
  database: string;
  /** The branch whose ledger the database holds (absent in files written before it was recorded). */
  branchCode?: string;
  /** When that branch row was created: tells two ledgers of one branch code apart. */
  createdAt?: string;
}

export const DEMO_DATABASE = 'demo.sqlite';
export const BRANCH_DATABASE = 'branch.sqlite';

const profilePath = (dataDir: string) => join(dataDir, 'counter.json');

/** null: the counter never started in this folder. */
export function readProfile(dataDir: string): ProfileFile | null {
  const file = profilePath(dataDir);
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as ProfileFile;
}

export function activeDatabaseFile(dataDir: string): string {
  return join(dataDir, readProfile(dataDir)?.database ?? DEMO_DATABASE);
}

export function switchActiveDatabase(dataDir: string, database: string, identity: Omit<ProfileFile, 'database'> = {}): void {
  writeProfile(dataDir, { database, ...identity });
}

export function writeProfile(dataDir: string, profile: ProfileFile): void {
  const file = profilePath(dataDir);
  const temporary = `${file}.tmp`;
  const fd = openSync(temporary, 'w');
  writeSync(fd, JSON.stringify(profile, null, 2));
  fsyncSync(fd);
  closeSync(fd);
  renameSync(temporary, file);
  const dir = openSync(dataDir, 'r');
  fsyncSync(dir);
  closeSync(dir);
}
