import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../../electron/services/clock';
import { openDatabase, type OpenedDatabase } from '../../electron/services/db/open-database';
import { addBranch } from '../../electron/services/headoffice/branch-admin';
import { PUSH_COLUMNS } from '../../electron/services/headoffice/migrations/0002-branch-functions';
import { connectPostgres } from '../../electron/services/headoffice/postgres-connection';
import type { SqlConnection } from '../../electron/services/headoffice/sql-runner';
import { ReplicationJob } from '../../electron/services/replication/replication-job';
import { openTestBranchLedger } from '../support/branch-ledger';
import { startThrowawayCluster } from '../support/postgres';
import { makeTempDir } from '../support/temp-dir';
import { migrateBenchHeadOffice } from './bench-head-office';
import { bookTransfers } from './replication-booking';
import { clusterCpuSeconds } from './server-cpu';
import { nowMs, summarize } from './stats';

/**
 * "The national day": every branch pushes its day at once, each through its own
 * connection and role, with the real job (admission, busy retries, batch sizing,
 * statement timeout). Beside it, in the same run and the same server, a plain
 * `INSERT … SELECT FROM unnest(…)` of the same rows over as many connections at
 * once. The server is a cluster of the bench's own (enough max_connections),
 * removed after.
 *
 * Default: 200 branches × 500 transfers (a few minutes on a 2-core machine); BENCH_BRANCHES
 * and BENCH_TRANSFERS set another size, `npm run bench -- replicationNational --national` runs
 * 1,000 × 2,000. The rows are one ledger's (the hash does not name the branch), copied per branch.
 * Beside the wall times: head office's own CPU seconds (the cluster's processes, from /proc)
 * and the jobs' (this process), since the machine may be shared, and the time spent in each
 * head-office function.
 */
export async function benchNationalDay(argv: string[] = process.argv): Promise<Record<string, unknown>> {
  const full = argv.includes('--national');
  const branches = full ? 1000 : Number(process.env.BENCH_BRANCHES ?? 200);
  const perBranch = full ? 2000 : Number(process.env.BENCH_TRANSFERS ?? 500);
  const temp = makeTempDir('bench-national-');
  const cluster = await startThrowawayCluster({
    // track_functions: where head office's time went, function by function (reported below).
    settings: { max_connections: String(branches * 2 + 20), shared_buffers: '512MB', max_wal_size: '4GB', synchronous_commit: 'on', track_functions: 'all' },
  });
  // Head office's own CPU seconds per phase: on a machine shared with other work, wall time alone says little.
  const serverCpu = () => clusterCpuSeconds(join(cluster.socketDir, 'data'));
  const url = cluster.url('postgres');
  const roleOf = (i: number) => `bench_branch_${i}`;
  const codeOf = (i: number) => `NB${String(i).padStart(4, '0')}`;
  const opened: OpenedDatabase[] = [];
  try {
    // BENCH_HO_WITHOUT=<migration> measures head office without that migration and the later ones.
    const headOffice = await migrateBenchHeadOffice(url, process.env.BENCH_HO_WITHOUT ?? null);
    const staff = await connectPostgres({ connectionString: url });
    for (let i = 0; i < branches; i += 1) await addBranch(staff, { code: codeOf(i), name: `Branch ${i}`, role: roleOf(i) });
    await staff.query(`CREATE TABLE bench_plain (branch_code text NOT NULL, ${PUSH_COLUMNS.map(([c, t]) => `${c} ${t}`).join(', ')},
      received_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (branch_code, seq), UNIQUE (branch_code, id))`);
    await staff.query('GRANT INSERT ON bench_plain TO ho_branch');
    // BENCH_SLOTS / BENCH_RETRY_MS try other admission settings (default: the migration's).
    if (process.env.BENCH_SLOTS) await staff.query('SELECT ho.set_push_admission($1, $2)', [Number(process.env.BENCH_SLOTS), Number(process.env.BENCH_RETRY_MS ?? 200)]);
    const admission = (await staff.query<{ slots: number; retry_after_ms: number }>('SELECT slots, retry_after_ms FROM ho.push_admission')).rows[0]!;

    // One day of one branch, copied to every branch's own database file.
    const template = await openTestBranchLedger(temp.dir, systemClock, 'template.sqlite');
    bookTransfers(template, perBranch);
    const rows = template.transfers();
    await template.close();
    for (let i = 0; i < branches; i += 1) copyFileSync(join(temp.dir, 'template.sqlite'), join(temp.dir, `b${i}.sqlite`));

    // Baseline: every branch's connection inserts the same rows at once, plainly.
    const plainBatch = 1000;
    const connections: SqlConnection[] = [];
    // Its CPU includes opening the connections, as the national day's includes the jobs'.
    const plainCpu = serverCpu();
    for (let i = 0; i < branches; i += 1) connections.push(await connectPostgres({ connectionString: cluster.url('postgres', roleOf(i)) }));
    const insert = `INSERT INTO bench_plain (branch_code, ${PUSH_COLUMNS.map(([c]) => c).join(', ')})
      SELECT $1, * FROM unnest(${PUSH_COLUMNS.map(([, t], i) => `$${i + 2}::${t}[]`).join(', ')})`;
    const plainStarted = nowMs();
    let plainErrors = 0;
    await Promise.all(
      connections.map(async (connection, i) => {
        for (let from = 0; from < rows.length; from += plainBatch) {
          const batch = rows.slice(from, from + plainBatch);
          await connection.query(insert, [codeOf(i), ...PUSH_COLUMNS.map(([c]) => batch.map((r) => r[c]))]).catch(() => (plainErrors += 1));
        }
      }),
    );
    const plainMs = nowMs() - plainStarted;
    const plainCpuSeconds = cpuSince(plainCpu, serverCpu());
    for (const connection of connections) await connection.close();

    // The national day: the real job of every branch, started together.
    const jobs: Array<{ job: ReplicationJob; doneAt: number | null }> = [];
    for (let i = 0; i < branches; i += 1) {
      const result = openDatabase(join(temp.dir, `b${i}.sqlite`));
      if (!result.ok) throw new Error(result.refusal.detail);
      opened.push(result.opened);
      const job = new ReplicationJob({
        sqlite: result.opened.sqlite,
        clock: systemClock,
        mode: 'configured',
        connect: () => connectPostgres({ connectionString: cluster.url('postgres', roleOf(i)), statement_timeout: 60_000, connectionTimeoutMillis: 60_000 }),
        statementTimeoutMs: 60_000,
        pollMs: 1000,
      });
      jobs.push({ job, doneAt: null });
    }
    await staff.query('SELECT pg_stat_reset()');
    const dayCpu = serverCpu();
    const jobsCpu = process.cpuUsage();
    const started = nowMs();
    for (const entry of jobs) entry.job.start();
    const deadline = Date.now() + (full ? 900_000 : 600_000);
    while (jobs.some((j) => j.doneAt === null) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      for (const entry of jobs) if (entry.doneAt === null && entry.job.status().ackedSeq === perBranch) entry.doneAt = nowMs() - started;
    }
    const wallMs = nowMs() - started;
    const dayCpuSeconds = cpuSince(dayCpu, serverCpu());
    const { user, system } = process.cpuUsage(jobsCpu);
    const errors = jobs.flatMap((j) => j.job.status().recentErrors.map((e) => e.message));
    await Promise.all(jobs.map(({ job }) => job.stop()));
    const check = await connectPostgres({ connectionString: url });
    const held = Number((await check.query<{ n: string }>('SELECT count(*) AS n FROM ho.transfers')).rows[0]!.n);
    // The jobs' sessions have ended, so their counts have reached the shared statistics.
    const functions = (await check.query<{ funcname: string; calls: string; self_s: number; total_s: number }>(
      `SELECT funcname, calls, round(self_time::numeric / 1000, 2)::float AS self_s, round(total_time::numeric / 1000, 2)::float AS total_s
         FROM pg_stat_user_functions ORDER BY self_time DESC LIMIT 14`,
    )).rows.map((f) => ({ ...f, calls: Number(f.calls) }));
    await check.close();
    await staff.close();

    const total = branches * perBranch;
    const finished = jobs.filter((j) => j.doneAt !== null).length;
    const rate = (ms: number) => Math.round(total / (ms / 1000));
    return {
      branches,
      transfersPerBranch: perBranch,
      headOffice,
      full,
      nationalDay: {
        seconds: Math.round(wallMs) / 1000,
        rowsPerSecond: rate(wallMs),
        rowsHeld: held,
        branchesFinished: finished,
        errors: errors.length,
        firstErrors: [...new Set(errors)].slice(0, 5),
        branchFinishSeconds: summarize(jobs.filter((j) => j.doneAt !== null).map((j) => j.doneAt! / 1000)),
        headOfficeCpuSeconds: dayCpuSeconds,
        // Every branch's job runs in this one process, on the same two cores as head office.
        branchJobsCpuSeconds: Math.round((user + system) / 10_000) / 100,
        // Time inside head-office functions, summed over sessions (waits included): where the CPU went.
        functionsBySelfSeconds: functions,
      },
      plainUnnestInsertSameConnections: { seconds: Math.round(plainMs) / 1000, rowsPerSecond: rate(plainMs), errors: plainErrors, batch: plainBatch, headOfficeCpuSeconds: plainCpuSeconds },
      ratioToPlainInsert: Math.round((plainMs / wallMs) * 100) / 100,
      cpuRatioToPlainInsert: dayCpuSeconds !== null && plainCpuSeconds ? Math.round((dayCpuSeconds / plainCpuSeconds) * 100) / 100 : null,
      admission: { ...admission, jitter: '±50 %' },
      targetSeconds: full ? 120 : null,
    };
  } finally {
    for (const db of opened) await db.db.destroy().catch(() => undefined);
    await cluster.stop();
    temp.remove();
  }
}

function cpuSince(before: number | null, after: number | null): number | null {
  return before === null || after === null ? null : Math.round((after - before) * 100) / 100;
}
