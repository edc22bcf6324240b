import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { addBranch } from './branch-admin';
import { migrateHeadOffice } from './migrate-head-office';
import { pglitePool } from './pglite-pool';
import type { SqlConnection, SqlRunner } from './sql-runner';

/**
 * A head office inside the app, for the demo branch and training: PGlite
 * (PostgreSQL in WebAssembly) running the very same migrations and functions.
 * PGlite runs with fsync off and relaxed durability — a demo, never production;
 * the status bar says `demo` whenever this is what the branch talks to.
 */
export class DemoHeadOffice {
  private constructor(
    private readonly pglite: PGlite,
    readonly branchRole: string,
  ) {}

  /** Opens (or creates) the demo head office in `dir`, with this branch registered. */
  static async open(dir: string | null, branchCode: string): Promise<DemoHeadOffice> {
    if (dir) mkdirSync(dir, { recursive: true });
    const pglite = new PGlite(dir ?? undefined, { relaxedDurability: true });
    await pglite.waitReady;
    await migrateHeadOffice(pglitePool(pglite));
    const sql = runnerOf(pglite);
    const role = `branch_${branchCode.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
    const known = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM ho.branches WHERE code = $1', [branchCode]);
    if (known.rows[0]?.n === 0) {
      await addBranch(sql, { code: branchCode, name: `Demo ${branchCode}`, role, s10: [{ serviceIndicator: 'RR', size: 100_000 }, { serviceIndicator: 'CP', size: 100_000 }] });
    }
    // PGlite is one session: from here on it speaks as the branch role, as a real branch would.
    await pglite.query(`SET SESSION AUTHORIZATION ${role}`);
    return new DemoHeadOffice(pglite, role);
  }

  /** The branch's session; closing it leaves the demo head office running. */
  connection(): SqlConnection {
    const sql = runnerOf(this.pglite);
    return { query: (text, params) => sql.query(text, params), close: async () => {} };
  }

  async close(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close();
  }
}

function runnerOf(pglite: PGlite): SqlRunner {
  return {
    async query<R>(text: string, params: unknown[] = []) {
      const result = await pglite.query<R>(text, params);
      return { rows: result.rows };
    },
  };
}
