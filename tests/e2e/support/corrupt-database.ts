import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Overwrites pages 2 and 3 (1-based) of a SQLite file with garbage, where the
 * b-tree pages of the first tables live. The header (page 1) stays intact so
 * the file still opens: only the integrity check can tell it is damaged.
 */
export function overwritePagesTwoAndThree(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    const header = Buffer.alloc(100);
    readSync(fd, header, 0, 100, 0);
    const raw = header.readUInt16BE(16);
    const pageSize = raw === 1 ? 65536 : raw;
    const garbage = Buffer.alloc(pageSize * 2);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 131 + 17) & 0xff;
    writeSync(fd, garbage, 0, garbage.length, pageSize);
  } finally {
    closeSync(fd);
  }
}

/** What SQLite itself says of the file: `ok`, or the first problems it found. */
export function quickCheck(file: string): string {
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    const rows = sqlite.pragma('quick_check') as Array<{ quick_check: string }>;
    return rows.map((row) => row.quick_check).join('; ');
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    sqlite?.close();
  }
}
