import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `counter.json` in the data folder names the database the counter trades on.
 * Absent means first start: the demo branch in `demo.sqlite`. A technician's
 * first-run setup writes a fresh `branch.sqlite` and then switches this file —
 * atomically, so a power cut leaves either the demo or the real branch active,
 * never a mix. Demo transactions never enter the real branch's ledger.
 */
interface ProfileFile {
  database: string;
}

export const DEMO_DATABASE = 'demo.sqlite';
export const BRANCH_DATABASE = 'branch.sqlite';

export function activeDatabaseFile(dataDir: string): string {
  const file = join(dataDir, 'counter.json');
  if (!existsSync(file)) return join(dataDir, DEMO_DATABASE);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as ProfileFile;
  return join(dataDir, profile.database);
}

export function switchActiveDatabase(dataDir: string, database: string): void {
  const file = join(dataDir, 'counter.json');
  const temporary = `${file}.tmp`;
  const fd = openSync(temporary, 'w');
  writeSync(fd, JSON.stringify({ database } satisfies ProfileFile, null, 2));
  fsyncSync(fd);
  closeSync(fd);
  renameSync(temporary, file);
  const dir = openSync(dataDir, 'r');
  fsyncSync(dir);
  closeSync(dir);
}
