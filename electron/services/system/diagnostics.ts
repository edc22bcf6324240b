import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostics } from '@shared/contract';
import type { Sqlite } from '../db/open-database';

export function readDiagnostics(sqlite: Sqlite, dataDir: string, databaseFile: string, quickCheckAt: Date): Diagnostics {
  const migrations = sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as Array<{ name: string }>;
  return {
    dataDir,
    databaseFile,
    databaseBytes: statSync(databaseFile).size,
    schemaMigrations: migrations.map((m) => m.name),
    quickCheckAt: quickCheckAt.toISOString(),
    logDir: join(dataDir, 'logs'),
    nodeVersion: process.version,
  };
}
