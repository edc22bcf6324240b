import { readFileSync } from 'node:fs';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import pg from 'pg';
import type { SqlConnection } from './sql-runner';

/**
 * How a branch reaches a real head office. `verify-full` checks the server's
 * certificate against `caFile` and its name; a client certificate proves the
 * branch (PostgreSQL `cert` auth) — the password then is only a second factor.
 */
export interface PostgresLinkSettings {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string | null;
  sslmode: 'disable' | 'require' | 'verify-ca' | 'verify-full';
  caFile?: string | null;
  certFile?: string | null;
  keyFile?: string | null;
  /** The same as PEM text (pasted by the technician); used instead of the file when present. */
  caPem?: string | null;
  certPem?: string | null;
  keyPem?: string | null;
  connectTimeoutMs?: number;
  /** A push that takes longer than this is abandoned (and safely resent later). */
  statementTimeoutMs?: number;
}

/** What a branch session allows one statement (a push) before head office cancels it. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 60_000;

export function postgresClientConfig(settings: PostgresLinkSettings): pg.ClientConfig {
  const read = (file: string | null | undefined, pem?: string | null): string | undefined => pem || (file ? readFileSync(file, 'utf8') : undefined);
  const ssl: pg.ClientConfig['ssl'] =
    settings.sslmode === 'disable'
      ? false
      : {
          rejectUnauthorized: settings.sslmode !== 'require',
          ca: read(settings.caFile, settings.caPem),
          cert: read(settings.certFile, settings.certPem),
          key: read(settings.keyFile, settings.keyPem),
          // verify-ca checks the chain but not the name, as libpq does. verify-full names the host
          // itself: node-postgres passes no name to TLS for an IP address, and Node then checks the
          // certificate against "localhost" — a certificate for localhost would pass for any address.
          checkServerIdentity:
            settings.sslmode === 'verify-ca' ? () => undefined : (_name: string, cert: PeerCertificate) => checkServerIdentity(settings.host, cert),
        };
  return {
    host: settings.host,
    port: settings.port,
    database: settings.database,
    user: settings.user,
    password: settings.password ?? undefined,
    ssl,
    connectionTimeoutMillis: settings.connectTimeoutMs ?? 10_000,
    statement_timeout: settings.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    application_name: 'postal-counter-replication',
  };
}

/** One connection to head office; errors surface on the next query, never as an uncaught event. */
export async function connectPostgres(config: pg.ClientConfig): Promise<SqlConnection> {
  const client = new pg.Client(config);
  let broken: Error | null = null;
  client.on('error', (error) => (broken = error));
  await client.connect();
  return {
    binaryParameters: true,
    async query<R>(text: string, params: unknown[] = []) {
      if (broken) throw broken;
      const result = await client.query(text, params);
      return { rows: result.rows as R[] };
    },
    close: () => client.end().catch(() => undefined),
  };
}
