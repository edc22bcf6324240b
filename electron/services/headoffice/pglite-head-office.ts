import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { addBranch } from './branch-admin';
import { seedDemoMoneyOrders } from './demo-money-orders';
import { seedDemoSavings } from './demo-savings';
import { migrateHeadOffice } from './migrate-head-office';
import { pglitePool } from './pglite-pool';
import type { SqlRunner } from './sql-runner';

/** PGlite opened as the demo head office, in the process that calls this (its own child process). */
export interface PgliteHeadOffice {
  readonly branchRole: string;
  readonly sql: SqlRunner;
  close(): Promise<void>;
}

/**
 * Opens (or creates) the demo head office in `dir` with this branch registered: PGlite
 * (PostgreSQL in WebAssembly) running the very same migrations and functions as a real
 * head office, with fsync off and relaxed durability — a demo, never production.
 * Long synchronous WebAssembly stretches (initdb, migrations) happen here, which is why
 * only the demo head office's own process calls it (demo-head-office-process.ts).
 */
export async function openPgliteHeadOffice(dir: string | null, branchCode: string): Promise<PgliteHeadOffice> {
  if (dir) mkdirSync(dir, { recursive: true });
  // A demo's few thousand rows need no 128 MB of shared buffers (PostgreSQL's default):
  // 16 MB keeps the head office's process near 230 MB instead of 350 MB.
  const pglite = new PGlite(dir ?? undefined, { relaxedDurability: true, postgresqlconf: ['shared_buffers=16MB'] });
  await pglite.waitReady;
  await migrateHeadOffice(pglitePool(pglite));
  const sql: SqlRunner = {
    async query<R>(text: string, params: unknown[] = []) {
      const result = await pglite.query<R>(text, params);
      return { rows: result.rows };
    },
  };
  const role = `branch_${branchCode.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
  const known = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM ho.branches WHERE code = $1', [branchCode]);
  if (known.rows[0]?.n === 0) {
    await addBranch(sql, { code: branchCode, name: `Demo ${branchCode}`, role, s10: [{ serviceIndicator: 'RR', size: 100_000 }, { serviceIndicator: 'CP', size: 100_000 }] });
  }
  await seedDemoSavings(sql, branchCode);
  await seedDemoMoneyOrders(sql, branchCode);
  // PGlite is one session: from here on it speaks as the branch role, as a real branch would.
  await pglite.query(`SET SESSION AUTHORIZATION ${role}`);
  return {
    branchRole: role,
    sql,
    close: async () => {
      if (!pglite.closed) await pglite.close();
    },
  };
}
