import pg from 'pg';
import { uuid7 } from '@shared/uuid7';
import { addBranch } from '../../electron/services/headoffice/branch-admin';
import { HeadOfficeApi } from '../../electron/services/headoffice/head-office-api';
import { migrateHeadOffice } from '../../electron/services/headoffice/migrate-head-office';
import { SAVINGS_BOOKING_TRIGGER } from '../../electron/services/headoffice/migrations/savings-booking-sql';
import { connectPostgres } from '../../electron/services/headoffice/postgres-connection';
import { HeadOfficeSavingsApi } from '../../electron/services/headoffice/savings-api';
import type { SqlConnection } from '../../electron/services/headoffice/sql-runner';
import { openTestBranchLedger } from '../support/branch-ledger';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { allocateNumbers, publishProduct, TEST_PRODUCT } from '../support/savings-world';
import { makeTempDir } from '../support/temp-dir';
import { bookTransfers } from './replication-booking';
import { nowMs, summarize } from './stats';

const CONNECTIONS = 50;
const ACCOUNTS = 200;

/** Runs `perConnection` calls on each connection at once; answers the wall time and each call's latency. */
async function concurrently(count: number, perConnection: number, call: (connection: number, i: number) => Promise<void>) {
  const latencies: number[] = [];
  const started = nowMs();
  await Promise.all(
    Array.from({ length: count }, async (_, c) => {
      for (let i = 0; i < perConnection; i += 1) {
        const t = nowMs();
        await call(c, i);
        latencies.push(nowMs() - t);
      }
    }),
  );
  return { ms: nowMs() - started, latencies };
}

/** The same accounts, amounts and order for both sides: account i of call (c, i). */
const accountIndex = (c: number, i: number) => (c * 7919 + i * 104_729) % ACCOUNTS;

async function pushSeconds(database: TestDatabase, code: string, rows: ReturnType<Awaited<ReturnType<typeof openTestBranchLedger>>['transfers']>, batch: number) {
  const staff = await connectPostgres({ connectionString: database.url });
  const role = database.roleName(code);
  await addBranch(staff, { code, name: code, role });
  await staff.close();
  const link = await connectPostgres({ connectionString: database.urlAs(role) });
  try {
    const api = new HeadOfficeApi(link);
    const started = nowMs();
    for (let from = 0; from < rows.length; from += batch) {
      const answer = await api.push({ sent_at: new Date().toISOString(), transfers: rows.slice(from, from + batch) });
      if (answer.status !== 'ok') throw new Error(`push refused: ${JSON.stringify(answer)}`);
    }
    return (nowMs() - started) / 1000;
  } finally {
    await link.close();
  }
}

/**
 * Head office's reserve with 50 branch connections at once, beside a plain
 * `UPDATE … RETURNING` of the same rows in the same run; and the push with the savings trigger
 * beside the same push without it (what the trigger costs a branch's replication).
 */
export async function benchSavings(perConnection = 20, pushRows = 10_000): Promise<Record<string, unknown>> {
  const database = await createTestDatabase('bench_savings');
  const temp = makeTempDir('bench-savings-');
  const opened: SqlConnection[] = [];
  try {
    await migrateHeadOffice(new pg.Pool({ connectionString: database.url, max: 1 }));
    const staff = await connectPostgres({ connectionString: database.url });
    opened.push(staff);
    const big = 1_000_000_000_000;
    await publishProduct(staff, { ...TEST_PRODUCT, min_balance: 0, daily_withdrawal_limit: { basic: big }, monthly_withdrawal_limit: { basic: big }, max_balance: { basic: big } });
    await addBranch(staff, { code: 'HOME', name: 'Home', role: database.roleName('home') });
    const numbers = await allocateNumbers(staff, 'HOME', ACCOUNTS);
    for (const number of numbers) {
      await staff.query(
        `INSERT INTO ho.savings_accounts (branch_code, account_number, customer_id, product_code, kyc_tier, status, interest_posted_to,
                                          opened_at, opened_by, opened_by_operation, last_activity_at)
         VALUES ('HOME', $1, $2, 'livret-a', 'basic', 'active', current_date - 1, now(), 'HOME', $3, now())`,
        [number, uuid7(), uuid7()],
      );
      await staff.query("SELECT ho.savings_append_line('HOME', $1, 'deposit', 1000000000, current_date, NULL, NULL, NULL, NULL)", [number]);
    }
    await staff.query('CREATE TABLE bench_plain_accounts (account_number text PRIMARY KEY, balance bigint NOT NULL, held bigint NOT NULL)');
    await staff.query('INSERT INTO bench_plain_accounts SELECT account_number, balance, held FROM ho.savings_accounts');

    // One set of 50 connections at a time: the server's max_connections is shared.
    const plain: SqlConnection[] = [];
    for (let c = 0; c < CONNECTIONS; c += 1) plain.push(await connectPostgres({ connectionString: database.url }));
    const baseline = await concurrently(CONNECTIONS, perConnection, async (c, i) => {
      const { rows } = await plain[c]!.query(
        'UPDATE bench_plain_accounts SET held = held + $2 WHERE account_number = $1 AND balance - held >= $2 RETURNING held',
        [numbers[accountIndex(c, i)], 100],
      );
      if (rows.length !== 1) throw new Error('plain update refused');
    });
    for (const link of plain) await link.close();

    const links: SqlConnection[] = [];
    const branches: HeadOfficeSavingsApi[] = [];
    for (let c = 0; c < CONNECTIONS; c += 1) {
      const code = `B${String(c).padStart(2, '0')}`;
      const role = database.roleName(code);
      await addBranch(staff, { code, name: code, role });
      const link = await connectPostgres({ connectionString: database.urlAs(role) });
      links.push(link);
      branches.push(new HeadOfficeSavingsApi(link, code));
    }
    const reserves = await concurrently(CONNECTIONS, perConnection, async (c, i) => {
      const answer = await branches[c]!.reserve(uuid7(), numbers[accountIndex(c, i)]!, 100, 600);
      if (answer.outcome !== 'reserved') throw new Error(`reserve refused: ${answer.reason}`);
    });
    for (const link of links) await link.close();

    // The push, with and without the savings trigger, alternately (best of two each).
    const branch = await openTestBranchLedger(temp.dir);
    bookTransfers(branch, pushRows);
    const rows = branch.transfers();
    await branch.close();
    const withTrigger: number[] = [];
    const without: number[] = [];
    for (let run = 0; run < 2; run += 1) {
      withTrigger.push(await pushSeconds(database, `PW${run}`, rows, 2000));
      await staff.query('DROP TRIGGER transfers_savings ON ho.transfers');
      without.push(await pushSeconds(database, `PN${run}`, rows, 2000));
      await staff.query(SAVINGS_BOOKING_TRIGGER);
    }

    const total = CONNECTIONS * perConnection;
    const perSecond = (ms: number) => Math.round(total / (ms / 1000));
    const round = (x: number) => Math.round(x * 1000) / 1000;
    return {
      connections: CONNECTIONS,
      accounts: ACCOUNTS,
      reserves: total,
      reserve: { perSecond: perSecond(reserves.ms), latencyMs: summarize(reserves.latencies) },
      plainUpdateReturning: { perSecond: perSecond(baseline.ms), latencyMs: summarize(baseline.latencies) },
      ratioToPlainUpdate: Math.round((baseline.ms / reserves.ms) * 100) / 100,
      push: {
        rows: pushRows,
        withSavingsTriggerSeconds: round(Math.min(...withTrigger)),
        withoutSavingsTriggerSeconds: round(Math.min(...without)),
        ratio: Math.round((Math.min(...without) / Math.min(...withTrigger)) * 100) / 100,
        runsSeconds: { with: withTrigger.map(round), without: without.map(round) },
      },
    };
  } finally {
    for (const connection of opened) await connection.close().catch(() => {});
    await database.drop();
    temp.remove();
  }
}
