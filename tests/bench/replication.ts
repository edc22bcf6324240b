import pg from 'pg';
import { systemClock } from '../../electron/services/clock';
import { addBranch } from '../../electron/services/headoffice/branch-admin';
import { migrateHeadOffice } from '../../electron/services/headoffice/migrate-head-office';
import { connectPostgres } from '../../electron/services/headoffice/postgres-connection';
import type { LedgerTransferTable } from '../../electron/services/ledger/ledger.tables';
import { ReplicationJob } from '../../electron/services/replication/replication-job';
import { openTestBranchLedger, type TestBranchLedger } from '../support/branch-ledger';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { makeTempDir } from '../support/temp-dir';
import { bookCounterSales, bookTransfers } from './replication-booking';
import { wireBytesPerTransfer, type WireBranch } from './replication-wire';
import { nowMs, summarize } from './stats';

const COLUMNS = [
  ['seq', 'bigint'], ['id', 'text'], ['operation_id', 'text'], ['debit_account_id', 'text'], ['credit_account_id', 'text'],
  ['amount', 'bigint'], ['currency', 'text'], ['code', 'text'], ['flags', 'integer'], ['pending_id', 'text'], ['reference', 'text'],
  ['unique_reference', 'text'], ['reversal_of', 'text'], ['till_session_id', 'text'], ['operator', 'text'], ['approver', 'text'],
  ['reason', 'text'], ['at', 'text'], ['prev_hash', 'text'], ['hash', 'text'],
] as const;

/** The baseline: the same rows, same batch size, same server, a plain `INSERT … SELECT FROM unnest(…)`. */
async function plainInsert(url: string, rows: LedgerTransferTable[], batchSize: number, table: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE ${table} (branch_code text NOT NULL, ${COLUMNS.map(([c, t]) => `${c} ${t}`).join(', ')},
      received_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (branch_code, seq), UNIQUE (branch_code, id))`);
    const text = `INSERT INTO ${table} (branch_code, ${COLUMNS.map(([c]) => c).join(', ')})
      SELECT 'BENCH', * FROM unnest(${COLUMNS.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ')})`;
    const started = nowMs();
    for (let from = 0; from < rows.length; from += batchSize) {
      const batch = rows.slice(from, from + batchSize);
      await client.query(text, COLUMNS.map(([c]) => batch.map((r) => r[c])));
    }
    return nowMs() - started;
  } finally {
    await client.end();
  }
}

/**
 * Catch-up of 100,000 transfers through the real job and `ho.push` (hash recomputed,
 * chain checked, cursor locked) beside a plain unnest insert of the same rows; and
 * steady state: from a sale's commit to head office's acknowledgement, link up.
 */
export async function benchReplication(transfers = 100_000, batchSize = 10_000): Promise<Record<string, unknown>> {
  const temp = makeTempDir('bench-replication-');
  const database = await createTestDatabase('bench_ho');
  try {
    await migrateHeadOffice(new pg.Pool({ connectionString: database.url, max: 1 }));
    const staff = await connectPostgres({ connectionString: database.url });
    const role = database.roleName('bench');
    await addBranch(staff, { code: 'BENCH', name: 'Bench', role });
    await staff.close();

    const branch = await openTestBranchLedger(temp.dir);
    bookTransfers(branch, transfers);
    const rows = branch.transfers();

    // The same rows twice each way, interleaved, as two branches (the hash does not name the
    // branch): the best of two runs on each side, so a neighbour's load does not decide the ratio.
    const roles = [role, database.roleName('bench2')];
    await (async () => {
      const s2 = await connectPostgres({ connectionString: database.url });
      await addBranch(s2, { code: 'BENCH2', name: 'Bench 2', role: roles[1]! });
      await s2.close();
    })();
    const baselineRuns: number[] = [];
    const catchUpRuns: number[] = [];
    for (let run = 0; run < 2; run += 1) {
      baselineRuns.push(await plainInsert(database.url, rows, batchSize, `bench_plain_${run}`));
      const cursor = branch.opened.sqlite;
      cursor.prepare("UPDATE replication_cursor SET acked_seq = 0, acked_hash = ?, head_office_seq = 0 WHERE id = 1").run('0'.repeat(64));
      const job = new ReplicationJob({
        sqlite: branch.opened.sqlite,
        clock: systemClock,
        mode: 'configured',
        connect: () => connectPostgres({ connectionString: database.urlAs(roles[run]!) }),
        batchSize,
      });
      const started = nowMs();
      const caughtUp = await job.syncNow();
      catchUpRuns.push(nowMs() - started);
      if (caughtUp.unsynced !== 0 || caughtUp.ackedSeq !== transfers) throw new Error(`catch-up incomplete: ${JSON.stringify(caughtUp)}`);
      await job.stop();
    }
    // The wire: a batch of 2,000 as the job sends it, in both forms, on branches of their own.
    const wire = await wireFigures(database, temp.dir, rows.slice(0, 2000));
    const baselineMs = Math.min(...baselineRuns);
    const catchUpMs = Math.min(...catchUpRuns);

    // Steady state: the job as the counter runs it (default poll), one sale at a time.
    const committedAt = new Map<number, number>();
    const latencies: number[] = [];
    const steady = new ReplicationJob({
      sqlite: branch.opened.sqlite,
      clock: systemClock,
      mode: 'configured',
      connect: () => connectPostgres({ connectionString: database.urlAs(role) }),
      hooks: {
        afterAnswer: (answer) => {
          const at = nowMs();
          for (const [seq, committed] of committedAt) {
            if (seq <= answer.acked_seq) {
              latencies.push(at - committed);
              committedAt.delete(seq);
            }
          }
        },
      },
    });
    steady.start();
    for (let i = 0; i < 150; i += 1) {
      branch.sell(1);
      committedAt.set(branch.lastSeq(), nowMs());
      await new Promise((resolve) => setTimeout(resolve, 20 + (i % 7) * 10));
    }
    const deadline = Date.now() + 10_000;
    while (committedAt.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await steady.stop();
    await branch.close();

    const rate = (ms: number) => Math.round(transfers / (ms / 1000));
    const latency = summarize(latencies);
    return {
      transfers,
      batchSize,
      catchUp: { seconds: Math.round(catchUpMs) / 1000, rowsPerSecond: rate(catchUpMs), runsSeconds: catchUpRuns.map((ms) => Math.round(ms) / 1000) },
      plainUnnestInsert: { seconds: Math.round(baselineMs) / 1000, rowsPerSecond: rate(baselineMs), runsSeconds: baselineRuns.map((ms) => Math.round(ms) / 1000) },
      ratioToPlainInsert: Math.round((baselineMs / catchUpMs) * 100) / 100,
      targetRatio: 0.5,
      wire,
      steadyStateCommitToHeadOfficeMs: { ...latency, unreached: committedAt.size },
      targetP99Ms: 2000,
    };
  } finally {
    await database.drop();
    temp.remove();
  }
}

/**
 * Bytes per transfer on the wire for three kinds of ledger: the catch-up bench's rows (operations
 * of 1,000 transfers), one sale per operation (the 2G reliability test's), and a counter's day
 * (baskets of one to three lines into a till session, S10 numbers on registered mail).
 */
async function wireFigures(database: TestDatabase, dir: string, benchRows: LedgerTransferTable[]): Promise<Record<string, unknown>> {
  let made = 0;
  const branch: WireBranch = async () => {
    made += 1;
    const code = `WIRE${made}`;
    const role = database.roleName(code.toLowerCase());
    const staff = await connectPostgres({ connectionString: database.url });
    await addBranch(staff, { code, name: `Wire ${made}`, role });
    await staff.close();
    return { code, url: database.urlAs(role) };
  };
  const ledgerOf = async (name: string, book: (ledger: TestBranchLedger) => void) => {
    const ledger = await openTestBranchLedger(dir, systemClock, name);
    book(ledger);
    const rows = ledger.transfers();
    await ledger.close();
    return rows;
  };
  return {
    catchUpRows: await wireBytesPerTransfer(branch, benchRows),
    oneSalePerOperation: await wireBytesPerTransfer(branch, await ledgerOf('wire-sales.sqlite', (l) => l.sell(2000))),
    counterDay: await wireBytesPerTransfer(branch, await ledgerOf('wire-counter.sqlite', (l) => bookCounterSales(l, 2000))),
  };
}

/** The wire figures alone (`npm run bench -- replicationWire`): no catch-up of 100,000 first. */
export async function benchReplicationWire(): Promise<Record<string, unknown>> {
  const temp = makeTempDir('bench-replication-wire-');
  const database = await createTestDatabase('bench_wire');
  try {
    await migrateHeadOffice(new pg.Pool({ connectionString: database.url, max: 1 }));
    const bench = await openTestBranchLedger(temp.dir, systemClock, 'wire-bench.sqlite');
    bookTransfers(bench, 2000);
    const rows = bench.transfers();
    await bench.close();
    return await wireFigures(database, temp.dir, rows);
  } finally {
    await database.drop();
    temp.remove();
  }
}
