import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostics } from '@shared/contract';
import type { Sqlite } from '../db/open-database';
import { appliedMigrations } from './schema.repository';

export function readDiagnostics(sqlite: Sqlite, dataDir: string, databaseFile: string, quickCheckAt: Date): Diagnostics {
  return {
    dataDir,
    databaseFile,
    databaseBytes: statSync(databaseFile).size,
    schemaMigrations: appliedMigrations(sqlite),
    quickCheckAt: quickCheckAt.toISOString(),
    logDir: join(dataDir, 'logs'),
    nodeVersion: process.version,
  };
}
