import { accessSync, constants, existsSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import { CounterSqliteDialect } from './sqlite-dialect';
import type { CounterDatabase } from './tables';

export type Sqlite = Database.Database;

export interface OpenedDatabase {
  sqlite: Sqlite;
  db: Kysely<CounterDatabase>;
}

/** Why the counter refuses to trade on this file. */
export interface DatabaseRefusal {
  reason: 'corrupt' | 'unreadable' | 'newer-schema' | 'missing' | 'read-only' | 'disk-full';
  detail: string;
  file: string;
}

export type OpenResult = { ok: true; opened: OpenedDatabase } | { ok: false; refusal: DatabaseRefusal };

/**
 * Opens the branch database for trading. `synchronous=FULL` because
 * better-sqlite3 in WAL defaults to NORMAL, which can lose the last commits on
 * power loss — and branches lose power often. `quick_check` runs before the
 * first trade: a damaged file is refused, never traded on.
 */
export function openDatabase(file: string): OpenResult {
  const readOnly = unwritable(file);
  if (readOnly) return { ok: false, refusal: { reason: 'read-only', detail: readOnly, file } };
  let sqlite: Sqlite | undefined;
  try {
    sqlite = new Database(file);
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    const problems = sqlite.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
    const first = problems[0]?.quick_check;
    if (first !== 'ok') {
      sqlite.close();
      return { ok: false, refusal: { reason: 'corrupt', detail: problems.map((p) => p.quick_check).slice(0, 5).join('; '), file } };
    }
  } catch (error) {
    sqlite?.close();
    const detail = error instanceof Error ? error.message : String(error);
    const reason = /malformed|corrupt|not a database/i.test(detail) ? 'corrupt' : diskFull(file) ? 'disk-full' : 'unreadable';
    return { ok: false, refusal: { reason, detail, file } };
  }
  const db = new Kysely<CounterDatabase>({ dialect: new CounterSqliteDialect({ database: sqlite }) });
  return { ok: true, opened: { sqlite, db } };
}

/**
 * SQLite opens a write-protected file read-only without a word and fails only at
 * the first write (a start-up migration or sync, long after the checks). WAL also
 * needs to create `-wal` and `-shm` beside the file. `access` sees both a
 * read-only mount and an immutable file, even for root.
 */
function unwritable(file: string): string | null {
  for (const path of existsSync(file) ? [file, dirname(file)] : [dirname(file)]) {
    try {
      accessSync(path, constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!['EROFS', 'EPERM', 'EACCES'].includes(code)) continue;
      return `${path} cannot be written: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return null;
}

/**
 * On a full disk SQLite cannot even map its WAL index and says only "disk I/O
 * error": the free space tells a full disk from a damaged one (a backup mends
 * the second, not the first).
 */
function diskFull(file: string): boolean {
  try {
    const fs = statfsSync(dirname(file));
    return fs.bavail * fs.bsize < 256 * 1024;
  } catch {
    return false;
  }
}
