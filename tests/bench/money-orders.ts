import pg from 'pg';
import { uuid7 } from '@shared/uuid7';
import { makeMoneyOrderNumber } from '@shared/money-order-number';
import { addBranch } from '../../electron/services/headoffice/branch-admin';
import { migrateHeadOffice } from '../../electron/services/headoffice/migrate-head-office';
import { HeadOfficeMoneyOrdersApi, HeadOfficeMoneyOrdersStaff } from '../../electron/services/headoffice/money-orders-api';
import { connectPostgres } from '../../electron/services/headoffice/postgres-connection';
import type { SqlConnection } from '../../electron/services/headoffice/sql-runner';
import { makeSecret, TEST_TARIFF } from '../support/money-order-world';
import { createTestDatabase } from '../support/postgres';
import { nowMs, summarize } from './stats';

const CONNECTIONS = 50;

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

/**
 * Head office's money-order lock with 50 branch connections at once, each locking its own orders
 * (a payout: the secret's proof checked, the row locked, the lock and the operation's first answer
 * written), beside a plain `UPDATE … RETURNING` that marks the same rows locked, in the same run.
 */
export async function benchMoneyOrders(perConnection = 20): Promise<Record<string, unknown>> {
  const database = await createTestDatabase('bench_money_orders');
  const opened: SqlConnection[] = [];
  try {
    await migrateHeadOffice(new pg.Pool({ connectionString: database.url, max: 1 }));
    const staffLink = await connectPostgres({ connectionString: database.url });
    opened.push(staffLink);
    const staff = new HeadOfficeMoneyOrdersStaff(staffLink);
    await staff.publishTariff('domestic', TEST_TARIFF);
    await addBranch(staffLink, { code: 'HOME', name: 'Home', role: database.roleName('home') });
    const total = CONNECTIONS * perConnection;
    await staff.allocateRange('HOME', 1, total);
    // The orders as HOME's register records would have left them, one secret for all: the proof of the
    // right secret is its hash (the same scrypt of the same salt), checked on every lock.
    const secret = makeSecret();
    const numbers = Array.from({ length: total }, (_, i) => makeMoneyOrderNumber(i + 1));
    const sender = { name: 'ALI', document_type: 'identity-card', document_number: 'DJ1', document_country: 'DJI' };
    await staffLink.query(
      `INSERT INTO ho.money_orders (branch_code, number, kind, status, currency, amount, fee, sender, payee, payee_document_required,
         cancel_refunds_fee, secret_salt, secret_hash, issued_at, expires_at, record)
       SELECT 'HOME', n, 'domestic', 'available', 'DJF', 15000, 800, $2::jsonb, '{"name":"OMAR"}'::jsonb, false, false, $3, $4,
              now(), now() + interval '90 days', '{}'::jsonb
         FROM unnest($1::text[]) AS n`,
      [numbers, JSON.stringify(sender), secret.salt, secret.hash],
    );
    await staffLink.query(
      `CREATE TABLE bench_plain_orders (number text PRIMARY KEY, status text NOT NULL, lock_branch text, locked_until timestamptz)`,
    );
    await staffLink.query(`INSERT INTO bench_plain_orders SELECT number, status FROM ho.money_orders`);
    await staffLink.query('ANALYZE ho.money_orders');
    await staffLink.query('ANALYZE bench_plain_orders');
    const orderOf = (c: number, i: number) => numbers[c * perConnection + i]!;

    // One set of 50 connections at a time: the server's max_connections is shared.
    const plain: SqlConnection[] = [];
    for (let c = 0; c < CONNECTIONS; c += 1) plain.push(await connectPostgres({ connectionString: database.url }));
    const baseline = await concurrently(CONNECTIONS, perConnection, async (c, i) => {
      const { rows } = await plain[c]!.query(
        `UPDATE bench_plain_orders SET status = 'locked', lock_branch = $2, locked_until = now() + interval '300 seconds'
          WHERE number = $1 AND status = 'available' RETURNING number`,
        [orderOf(c, i), `B${c}`],
      );
      if (rows.length !== 1) throw new Error('plain update found no available order');
    });
    for (const link of plain) await link.close();

    const apis: HeadOfficeMoneyOrdersApi[] = [];
    const links: SqlConnection[] = [];
    for (let c = 0; c < CONNECTIONS; c += 1) {
      const code = `B${String(c).padStart(2, '0')}`;
      const role = database.roleName(code);
      await addBranch(staffLink, { code, name: code, role });
      const link = await connectPostgres({ connectionString: database.urlAs(role) });
      links.push(link);
      apis.push(new HeadOfficeMoneyOrdersApi(link, code));
    }
    const locks = await concurrently(CONNECTIONS, perConnection, async (c, i) => {
      const operationId = uuid7();
      const answer = await apis[c]!.lock({
        operationId, pendingTransferId: `${operationId}/1`, number: orderOf(c, i), purpose: 'pay', secretProof: secret.hash, document: null, holdSeconds: 300,
      });
      if (answer.outcome !== 'locked') throw new Error(`lock refused: ${answer.reason}`);
    });
    for (const link of links) await link.close();

    const perSecond = (ms: number) => Math.round(total / (ms / 1000));
    return {
      connections: CONNECTIONS,
      locks: total,
      lock: { perSecond: perSecond(locks.ms), latencyMs: summarize(locks.latencies) },
      plainUpdateReturning: { perSecond: perSecond(baseline.ms), latencyMs: summarize(baseline.latencies) },
      ratioToPlainUpdate: Math.round((baseline.ms / locks.ms) * 100) / 100,
    };
  } finally {
    for (const connection of opened) await connection.close().catch(() => {});
    await database.drop();
  }
}
