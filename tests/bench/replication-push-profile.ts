import pg from 'pg';
import { systemClock } from '../../electron/services/clock';
import { HeadOfficeApi, HeadOfficeBusy } from '../../electron/services/headoffice/head-office-api';
import { addBranch } from '../../electron/services/headoffice/branch-admin';
import { migrateHeadOffice } from '../../electron/services/headoffice/migrate-head-office';
import { PUSH_COLUMNS } from '../../electron/services/headoffice/migrations/0002-branch-functions';
import { connectPostgres } from '../../electron/services/headoffice/postgres-connection';
import type { SqlConnection } from '../../electron/services/headoffice/sql-runner';
import { ReplicationStore } from '../../electron/services/replication/replication-store';
import { openTestBranchLedger } from '../support/branch-ledger';
import { createTestDatabase } from '../support/postgres';
import { makeTempDir } from '../support/temp-dir';
import { bookTransfers } from './replication-booking';
import { nowMs } from './stats';

/**
 * Where head office's time goes in a lean push, by PostgreSQL's own accounting
 * (`track_functions = 'all'`, `pg_stat_user_functions`) rather than by the wall clock of
 * a shared machine: one branch's day (BENCH_TRANSFERS, default 2,000, one batch as the job
 * sends it, signed) pushed by a fresh branch, beside the plain `INSERT … SELECT FROM unnest`
 * of the same rows in the same session, alternated BENCH_ROUNDS times (default 8); then
 * BENCH_BRANCHES (default 24) branches pushing at once through admission, beside the plain
 * insert over as many connections. Every figure of a pair comes from the same run.
 */
export async function benchPushProfile(): Promise<Record<string, unknown>> {
  const perBranch = Number(process.env.BENCH_TRANSFERS ?? 2000);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 8);
  const together = Number(process.env.BENCH_BRANCHES ?? 24);
  const temp = makeTempDir('bench-push-profile-');
  const database = await createTestDatabase('ho_profile');
  const opened: SqlConnection[] = [];
  try {
    await migrateHeadOffice(new pg.Pool({ connectionString: database.url, max: 1 }));
    const staff = await connectPostgres({ connectionString: database.url });
    opened.push(staff);
    // Sessions opened from now on count their function calls.
    await staff.query(`ALTER DATABASE ${database.name} SET track_functions = 'all'`);
    await staff.query(`CREATE TABLE bench_plain (branch_code text NOT NULL, ${PUSH_COLUMNS.map(([c, t]) => `${c} ${t}`).join(', ')},
      received_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (branch_code, seq), UNIQUE (branch_code, id))`);
    await staff.query('GRANT INSERT ON bench_plain TO ho_branch');

    const template = await openTestBranchLedger(temp.dir, systemClock, 'template.sqlite');
    bookTransfers(template, perBranch);
    const store = new ReplicationStore(template.opened.sqlite);
    const publicKey = store.journalPublicKey()!;
    const batch = store.unsentColumns(0, perBranch);
    if (batch.count !== perBranch || batch.signature === null) throw new Error(`expected one signed batch of ${perBranch}, got ${batch.count}`);
    await template.close();

    let branches = 0;
    const branch = async () => {
      const code = `PB${String((branches += 1)).padStart(4, '0')}`;
      const role = database.roleName(code);
      await addBranch(staff, { code, name: code, role });
      const connection = await connectPostgres({ connectionString: database.urlAs(role) });
      opened.push(connection);
      const api = new HeadOfficeApi(connection, code, 'lean');
      await api.registerJournalKey(publicKey);
      return { code, connection, api };
    };
    const insert = `INSERT INTO bench_plain (branch_code, ${PUSH_COLUMNS.map(([c]) => c).join(', ')})
      SELECT $1, * FROM unnest(${PUSH_COLUMNS.map(([, t], i) => `$${i + 2}::${t}[]`).join(', ')})`;
    const plain = (connection: SqlConnection, code: string) => connection.query(insert, [`plain-${code}`, ...batch.columns]);
    const push = async (api: HeadOfficeApi) => {
      for (;;) {
        try {
          const answer = await api.push({ sent_at: new Date().toISOString(), signature: batch.signature, columns: batch.columns });
          if (answer.status !== 'ok' || answer.inserted !== perBranch) throw new Error(`push answered ${JSON.stringify(answer)}`);
          return;
        } catch (error) {
          if (!(error instanceof HeadOfficeBusy)) throw error;
          await new Promise((resolve) => setTimeout(resolve, error.retryAfterMs * (0.5 + Math.random())));
        }
      }
    };
    const functions = async () =>
      (await staff.query<{ funcname: string; calls: string; self_time: number; total_time: number }>(
        `SELECT funcname, calls, self_time, total_time FROM pg_stat_user_functions ORDER BY total_time DESC`,
      )).rows;
    /** Per push: each function's calls, own time and time with what it calls, in ms. */
    const perPush = (rows: Awaited<ReturnType<typeof functions>>, pushes: number) =>
      Object.fromEntries(
        rows.map((r) => [r.funcname, { calls: Number(r.calls) / pushes, selfMs: round(r.self_time / pushes), totalMs: round(r.total_time / pushes) }]),
      );
    /** Stats reach the shared view when a session ends or idles; ask for them until they stop moving. */
    const settledFunctions = async (expectedPushes: number) => {
      for (let i = 0; i < 50; i += 1) {
        const rows = await functions();
        if (Number(rows.find((r) => r.funcname === 'push_lean')?.calls ?? 0) >= expectedPushes) return rows;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      return functions();
    };

    // One push at a time, alternated with the plain insert (each on a fresh branch, in its own session).
    await staff.query('SELECT pg_stat_reset()');
    const pushMs: number[] = [];
    const plainMs: number[] = [];
    for (let r = 0; r < rounds; r += 1) {
      const { code, connection, api } = await branch();
      const timePush = async () => {
        const t = nowMs();
        await push(api);
        pushMs.push(nowMs() - t);
      };
      const timePlain = async () => {
        const t = nowMs();
        await plain(connection, code);
        plainMs.push(nowMs() - t);
      };
      if (r % 2 === 0) {
        await timePush();
        await timePlain();
      } else {
        await timePlain();
        await timePush();
      }
      await connection.close();
    }
    const single = perPush(await settledFunctions(rounds), rounds);

    // Many at once: every branch its own session, all through admission; then the plain insert likewise.
    await staff.query('SELECT pg_stat_reset()');
    const crowd = await Promise.all(Array.from({ length: together }, () => branch()));
    let t = nowMs();
    await Promise.all(crowd.map(({ api }) => push(api)));
    const crowdPushMs = nowMs() - t;
    t = nowMs();
    await Promise.all(crowd.map(({ connection, code }) => plain(connection, code)));
    const crowdPlainMs = nowMs() - t;
    for (const { connection } of crowd) await connection.close();
    const many = perPush(await settledFunctions(together), together);
    const admission = (await staff.query<{ slots: number }>('SELECT slots FROM ho.push_admission')).rows[0]!.slots;

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return {
      transfersPerPush: perBranch,
      onePushAtATime: {
        rounds,
        pushMs: pushMs.map(round),
        plainInsertMs: plainMs.map(round),
        medianPushMs: round(median(pushMs)),
        medianPlainMs: round(median(plainMs)),
        pushOverPlain: round(median(pushMs) / median(plainMs)),
        functionsPerPush: single,
      },
      branchesAtOnce: {
        branches: together,
        admissionSlots: admission,
        pushesSeconds: round(crowdPushMs / 1000),
        plainSeconds: round(crowdPlainMs / 1000),
        pushOverPlain: round(crowdPushMs / crowdPlainMs),
        functionsPerPush: many,
      },
    };
  } finally {
    for (const connection of opened) await connection.close().catch(() => undefined);
    await database.drop();
    temp.remove();
  }
}

const round = (x: number) => Math.round(x * 100) / 100;
