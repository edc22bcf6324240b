import { readFileSync } from 'node:fs';
import { systemClock } from '../../electron/services/clock';
import { HeadOfficeApi, HeadOfficeBusy } from '../../electron/services/headoffice/head-office-api';
import { addBranch } from '../../electron/services/headoffice/branch-admin';
import { PUSH_COLUMNS } from '../../electron/services/headoffice/migrations/0002-branch-functions';
import { connectPostgres } from '../../electron/services/headoffice/postgres-connection';
import type { SqlConnection } from '../../electron/services/headoffice/sql-runner';
import { HeadOfficeTrackingApi } from '../../electron/services/headoffice/tracking-api';
import { ReplicationStore } from '../../electron/services/replication/replication.repository';
import { openTestBranchLedger } from '../support/branch-ledger';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { makeTempDir } from '../support/temp-dir';
import { migrateBenchHeadOffice } from './bench-head-office';
import { bookTransfers } from './replication-booking';
import { nowMs } from './stats';

/**
 * Where head office's CPU goes in a branch's session, by PostgreSQL's own accounting rather
 * than the wall clock of a shared machine.
 *
 * One session per branch, as the replication job opens it on the national day: the journal
 * key, the link check, the lean-door lookup, the day's transfers (BENCH_TRANSFERS, default
 * 2,000) pushed lean in signed batches of BENCH_BATCH (default 1,000), then the same rows by a
 * plain `INSERT … SELECT FROM unnest` in the same session, the pulls. Each step's cost is the
 * branch backend's own CPU time (/proc/<pid>/schedstat: the server must be on this machine),
 * medians over BENCH_ROUNDS fresh branches (default 8).
 *
 * With BENCH_HO_WITHOUT=<migration>, a second head office without that migration and the
 * later ones runs beside the first, branches alternating between them: before and after in
 * one run. Then BENCH_BRANCHES branches (default 24) push at once through admission, with
 * `track_functions`: the time inside each head-office function per push.
 */
export async function benchPushProfile(): Promise<Record<string, unknown>> {
  const perBranch = Number(process.env.BENCH_TRANSFERS ?? 2000);
  const batchSize = Number(process.env.BENCH_BATCH ?? 1000);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 8);
  const together = Number(process.env.BENCH_BRANCHES ?? 24);
  const temp = makeTempDir('bench-push-profile-');
  const databases: TestDatabase[] = [];
  const opened: SqlConnection[] = [];
  try {
    const template = await openTestBranchLedger(temp.dir, systemClock, 'template.sqlite');
    bookTransfers(template, perBranch);
    const store = new ReplicationStore(template.opened.sqlite);
    const publicKey = store.journalPublicKey()!;
    const batches: Array<ReturnType<ReplicationStore['unsentColumns']>> = [];
    for (let after = 0; after < perBranch; ) {
      const batch = store.unsentColumns(after, batchSize);
      batches.push(batch);
      after += batch.count;
    }
    await template.close();

    interface HeadOffice {
      schema: string;
      database: TestDatabase;
      staff: SqlConnection;
      branches: number;
    }
    const headOffices: HeadOffice[] = [];
    for (const without of process.env.BENCH_HO_WITHOUT ? [null, process.env.BENCH_HO_WITHOUT] : [null]) {
      const database = await createTestDatabase('ho_profile');
      databases.push(database);
      const schema = await migrateBenchHeadOffice(database.url, without);
      const staff = await connectPostgres({ connectionString: database.url });
      opened.push(staff);
      // Sessions opened from now on count their function calls.
      await staff.query(`ALTER DATABASE ${database.name} SET track_functions = 'all'`);
      await staff.query(`CREATE TABLE bench_plain (branch_code text NOT NULL, ${PUSH_COLUMNS.map(([c, t]) => `${c} ${t}`).join(', ')},
        received_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (branch_code, seq), UNIQUE (branch_code, id))`);
      await staff.query('GRANT INSERT ON bench_plain TO ho_branch');
      headOffices.push({ schema, database, staff, branches: 0 });
    }

    const branch = async (ho: HeadOffice) => {
      const code = `PB${String((ho.branches += 1)).padStart(4, '0')}`;
      const role = ho.database.roleName(code);
      await addBranch(ho.staff, { code, name: code, role });
      const connection = await connectPostgres({ connectionString: ho.database.urlAs(role) });
      opened.push(connection);
      return { code, connection, api: new HeadOfficeApi(connection, code, 'lean') };
    };
    const insert = `INSERT INTO bench_plain (branch_code, ${PUSH_COLUMNS.map(([c]) => c).join(', ')})
      SELECT $1, * FROM unnest(${PUSH_COLUMNS.map(([, t], i) => `$${i + 2}::${t}[]`).join(', ')})`;
    const push = async (api: HeadOfficeApi, batch: (typeof batches)[number]) => {
      for (;;) {
        try {
          const answer = await api.push({ sent_at: new Date().toISOString(), signature: batch.signature, columns: batch.columns });
          if (answer.status !== 'ok' || answer.inserted !== batch.count) throw new Error(`push answered ${JSON.stringify(answer)}`);
          return;
        } catch (error) {
          if (!(error instanceof HeadOfficeBusy)) throw error;
          await new Promise((resolve) => setTimeout(resolve, error.retryAfterMs * (0.5 + Math.random())));
        }
      }
    };

    // A branch's session, step by step, on each head office in turn.
    const steps = new Map<string, number[][]>();
    const note = (step: string, variant: number, ms: number) => {
      const byVariant = steps.get(step) ?? headOffices.map(() => []);
      steps.set(step, byVariant);
      byVariant[variant]!.push(ms);
    };
    for (let round = 0; round < rounds; round += 1) {
      for (let k = 0; k < headOffices.length; k += 1) {
        const variant = round % 2 === 0 ? k : headOffices.length - 1 - k;
        const { code, connection, api } = await branch(headOffices[variant]!);
        const pid = (await connection.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
        let before = backendCpuMs(pid);
        const step = async (name: string, run: () => Promise<unknown>) => {
          await run();
          const now = backendCpuMs(pid);
          if (now !== null && before !== null) note(name, variant, now - before);
          before = now;
        };
        const session = new HeadOfficeApi(connection);
        await step('journal key', () => session.registerJournalKey(publicKey));
        await step('link check', () => session.linkState());
        await step('lean door offered', () => session.offersLeanPush());
        for (const [i, batch] of batches.entries()) await step(i === 0 ? 'first push of the session' : 'later push', () => push(api, batch));
        for (const [i, batch] of batches.entries()) await step(i === 0 ? 'first plain insert' : 'later plain insert', () => connection.query(insert, [code, ...batch.columns]));
        await step('pull', () => api.pull(0, 500));
        await step('tracking pull', () => new HeadOfficeTrackingApi(connection, code).pull(0, 500));
        await connection.close();
      }
    }
    const median = (xs: number[]) => (xs.length === 0 ? null : round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!));
    const perStep = Object.fromEntries([...steps].map(([name, byVariant]) => [name, Object.fromEntries(headOffices.map((ho, v) => [ho.schema, median(byVariant[v]!)]))]));
    const ratio = (a: string, b: string, v: number) => {
      const x = median(steps.get(a)?.[v] ?? []);
      const y = median(steps.get(b)?.[v] ?? []);
      return x !== null && y ? round(x / y) : null;
    };

    // Many at once on the first head office: every branch its own session, through admission.
    const ho = headOffices[0]!;
    await ho.staff.query('SELECT pg_stat_reset()');
    const crowd = await Promise.all(Array.from({ length: together }, () => branch(ho)));
    for (const { connection } of crowd) await new HeadOfficeApi(connection).registerJournalKey(publicKey);
    let t = nowMs();
    await Promise.all(crowd.map(async ({ api }) => {
      for (const batch of batches) await push(api, batch);
    }));
    const crowdPushMs = nowMs() - t;
    t = nowMs();
    await Promise.all(crowd.map(async ({ connection, code }) => {
      for (const batch of batches) await connection.query(insert, [code, ...batch.columns]);
    }));
    const crowdPlainMs = nowMs() - t;
    for (const { connection } of crowd) await connection.close();
    const pushes = together * batches.length;
    const functions = await settledFunctions(ho.staff, pushes);

    return {
      transfersPerBranch: perBranch,
      batch: batchSize,
      backendCpuMsPerStep: { medianOf: rounds, steps: perStep },
      laterPushOverPlainInsert: Object.fromEntries(headOffices.map((h, v) => [h.schema, ratio('later push', 'later plain insert', v)])),
      firstPushOverPlainInsert: Object.fromEntries(headOffices.map((h, v) => [h.schema, ratio('first push of the session', 'first plain insert', v)])),
      branchesAtOnce: {
        headOffice: ho.schema,
        branches: together,
        pushesSeconds: round(crowdPushMs / 1000),
        plainSeconds: round(crowdPlainMs / 1000),
        // Time inside each function per push (wall time summed over sessions: waits for the CPU included).
        functionsPerPush: Object.fromEntries(functions.map((f) => [f.funcname, { calls: round(Number(f.calls) / pushes), selfMs: round(f.self_time / pushes), totalMs: round(f.total_time / pushes) }])),
      },
    };
  } finally {
    for (const connection of opened) await connection.close().catch(() => undefined);
    for (const database of databases) await database.drop();
    temp.remove();
  }
}

/** A backend's CPU time so far, in ms (Linux, server on this machine), or null. */
function backendCpuMs(pid: number): number | null {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}

/** Function counts reach the shared view when sessions end; ask until the pushes are all there. */
async function settledFunctions(staff: SqlConnection, pushes: number) {
  const read = async () =>
    (await staff.query<{ funcname: string; calls: string; self_time: number; total_time: number }>(
      'SELECT funcname, calls, self_time, total_time FROM pg_stat_user_functions ORDER BY self_time DESC LIMIT 12',
    )).rows;
  for (let i = 0; i < 50; i += 1) {
    const rows = await read();
    if (Number(rows.find((r) => r.funcname === 'push_lean')?.calls ?? 0) >= pushes) return rows;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return read();
}

const round = (x: number) => Math.round(x * 100) / 100;
