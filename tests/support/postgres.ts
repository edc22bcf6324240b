import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A real PostgreSQL for tests: the one on 127.0.0.1:5432 when it answers, else a
 * throwaway cluster started here (initdb refuses root, so it runs as `postgres`).
 * Never skipped: a fresh CI machine gets its own cluster.
 */
export interface PostgresServer {
  host: string;
  port: number;
  /** Superuser connection string to a database. */
  url(database: string, user?: string): string;
}

let server: Promise<PostgresServer> | null = null;

export function postgresServer(): Promise<PostgresServer> {
  server ??= findOrStart();
  return server;
}

const makeServer = (host: string, port: number): PostgresServer => ({
  host,
  port,
  url: (database, user = 'postgres') => `postgres://${encodeURIComponent(user)}@${host}:${port}/${database}`,
});

async function answers(host: string, port: number): Promise<boolean> {
  const client = new pg.Client({ host, port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function findOrStart(): Promise<PostgresServer> {
  const port = Number(process.env.PGPORT_TEST ?? 5432);
  if (await answers('127.0.0.1', port)) return makeServer('127.0.0.1', port);
  return startThrowawayCluster();
}

function binDir(): string {
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    for (const version of ['17', '16', '15']) {
      const dir = `/usr/lib/postgresql/${version}/bin`;
      if (existsSync(join(dir, 'initdb'))) return dir;
    }
    throw new Error('PostgreSQL binaries not found: install postgresql (apt-get install -y postgresql)');
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A cluster of one's own, for what the shared server cannot show (TLS, certificate authentication). */
export interface ClusterOptions {
  /** Extra server settings, as `-c name=value` (ssl=on, ssl_cert_file=…). */
  settings?: Record<string, string>;
  /** pg_hba.conf to use instead of initdb's (trust for all). */
  hba?: string;
}

export interface ThrowawayCluster extends PostgresServer {
  /** The Unix socket directory: the superuser always gets in there, whatever pg_hba says of TCP. */
  socketDir: string;
  /** Stops the server and removes its files now (the watchdog would, once this process ends). */
  stop(): Promise<void>;
}

/**
 * Hands a file (a server key) to the server's user, as PostgreSQL requires:
 * it refuses a key that others can read.
 */
export function giveToServer(file: string): void {
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(file, uid, gid);
  }
  chmodSync(file, 0o600);
}

export async function startThrowawayCluster(options: ClusterOptions = {}): Promise<ThrowawayCluster> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'pg-cluster-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  // The server must not inherit our pipes (spawnSync would wait for them to close): it logs to a file.
  const asPostgres = (command: string, args: string[]): void => {
    const isRoot = process.getuid?.() === 0;
    const options = { encoding: 'utf8' as const, stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'], timeout: 60_000 };
    const result = isRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', join(bin, command), ...args], options)
      : spawnSync(join(bin, command), args, options);
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout || result.error?.message}`);
  };
  asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  if (options.hba !== undefined) {
    writeFileSync(join(data, 'pg_hba.conf'), options.hba);
    giveToServer(join(data, 'pg_hba.conf'));
  }
  const extra = Object.entries(options.settings ?? {}).map(([name, value]) => ` -c ${name}=${value}`).join('');
  asPostgres('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off${extra}`, '-w', 'start']);
  // A watchdog outlives us and stops the cluster once this process is gone, however it ends
  // (a test worker is often killed rather than exited, and then no 'exit' handler runs).
  const stop = process.getuid?.() === 0
    ? `runuser -u postgres -- ${join(bin, 'pg_ctl')} -D ${data} -m immediate stop`
    : `${join(bin, 'pg_ctl')} -D ${data} -m immediate stop`;
  const watchdog = spawn('sh', ['-c', `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ${stop} >/dev/null 2>&1; rm -rf ${dir}`], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.unref();
  return {
    ...makeServer('127.0.0.1', port),
    socketDir: dir,
    async stop() {
      spawnSync('sh', ['-c', `${stop} >/dev/null 2>&1; rm -rf ${dir}`], { stdio: 'ignore', timeout: 60_000 });
    },
  };
}

export interface TestDatabase {
  name: string;
  /** Superuser (head-office staff) connection string. */
  url: string;
  /** Connection string for a role (a branch role). */
  urlAs(role: string): string;
  /** A role name unique to this database: roles are cluster-wide, databases are not. */
  roleName(branch: string): string;
  drop(): Promise<void>;
}

/** A fresh, uniquely named database; `drop()` removes it and every role made for it. */
export async function createTestDatabase(prefix = 'ho_test'): Promise<TestDatabase> {
  const pgServer = await postgresServer();
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgServer.url('postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: pgServer.url(name),
    urlAs: (role) => pgServer.url(name, role),
    roleName: (branch) => `${name}_${branch.toLowerCase()}`,
    async drop() {
      const client = new pg.Client({ connectionString: pgServer.url('postgres') });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        const roles = await client.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname LIKE $1', [`${name}\\_%`]);
        for (const { rolname } of roles.rows) await client.query(`DROP ROLE IF EXISTS "${rolname}"`);
      } finally {
        await client.end();
      }
    },
  };
}
