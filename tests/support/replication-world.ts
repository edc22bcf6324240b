import type { Clock } from '../../electron/services/clock';
import { connectPostgres } from '../../electron/services/headoffice/postgres-connection';
import { ReplicationJob, type PushHooks } from '../../electron/services/replication/replication-job';
import type { WatermarkFile } from '../../electron/services/replication/watermark';
import type { Sqlite } from '../../electron/services/db/open-database';
import { systemClock } from '../../electron/services/clock';

/** A branch role's connection string, optionally through a proxy port on 127.0.0.1. */
export function branchUrl(databaseUrlAs: (role: string) => string, role: string, proxyPort?: number): string {
  const url = new URL(databaseUrlAs(role));
  if (proxyPort) {
    url.hostname = '127.0.0.1';
    url.port = String(proxyPort);
  }
  return url.toString();
}

export interface JobOptions {
  sqlite: Sqlite;
  url: string;
  clock?: Clock;
  batchSize?: number;
  /** The session's statement timeout (the job sizes its batches to fit well inside it). */
  statementTimeoutMs?: number;
  connectTimeoutMs?: number;
  hooks?: PushHooks;
  watermark?: WatermarkFile | null;
  random?: () => number;
}

/** The real job against a real head office, with short backoff so failure tests run fast. */
export function makeJob(options: JobOptions): ReplicationJob {
  return new ReplicationJob({
    sqlite: options.sqlite,
    clock: options.clock ?? systemClock,
    mode: 'configured',
    connect: () =>
      connectPostgres({
        connectionString: options.url,
        connectionTimeoutMillis: options.connectTimeoutMs ?? 3000,
        statement_timeout: options.statementTimeoutMs ?? 30_000,
      }),
    batchSize: options.batchSize ?? 200,
    statementTimeoutMs: options.statementTimeoutMs ?? 30_000,
    pollMs: 50,
    pullEveryMs: 1000,
    backoffBaseMs: 20,
    backoffMaxMs: 200,
    hooks: options.hooks,
    watermark: options.watermark ?? null,
    random: options.random,
  });
}
