// A money order paid at the window, from the clerk's request (head office's lookup, the secret's
// proof, the lock, the booking) to the receipt job durably queued, through the router against a
// real PostgreSQL head office on loopback; interleaved, in the same run and on the same disk and
// server, with its baselines:
// - a bare head-office round trip as the counter makes one: a connection opened for the call, `SELECT 1`;
// - the plain PostgreSQL `UPDATE … RETURNING` of one row on a connection opened for the call;
// - the secret's proof alone (scrypt, N = 16384), which every payment computes.
import Database from 'better-sqlite3';
import type { Output } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import { connectPostgres, postgresClientConfig } from '../../electron/services/headoffice/postgres-connection';
import { makeSalt, secretHash } from '../../electron/services/money-orders/secret';
import { startMoneyOrdersCounter, startMoneyOrdersWorld } from '../support/money-orders-counter';
import { postgresServer } from '../support/postgres';
import { nowMs, summarize } from './stats';

const PAYOUTS = 100;
const WARM_UP = 10;
const PASSPORT = { type: 'passport' as const, number: 'P1234567', country: 'DJI' };

export async function benchMoneyOrderPayout(count = PAYOUTS): Promise<Record<string, unknown>> {
  const world = await startMoneyOrdersWorld(['DJ-DEMO']);
  const server = await postgresServer();
  // Loopback straight to PostgreSQL: the proxy's faults are not what is measured here.
  const settings = { ...world.branches['DJ-DEMO']!.settings, port: server.port };
  world.branches['DJ-DEMO']!.settings = settings;
  const counter = await startMoneyOrdersCounter(world, 'DJ-DEMO');
  try {
    await counter.cashIn(10_000_000);
    const orders: Array<{ number: string; secret: string }> = [];
    for (let i = 0; i < count + WARM_UP; i += 1) {
      const issued = await counter.issue(1_000, { payee: { name: 'HASSAN OMAR', document: PASSPORT } });
      orders.push({ number: issued.number, secret: issued.secret! });
    }
    await counter.syncAll();

    await world.ho.staff.query('CREATE TABLE bench_plain_orders (number text PRIMARY KEY, status text NOT NULL)');
    await world.ho.staff.query("INSERT INTO bench_plain_orders SELECT number, 'available' FROM ho.money_orders");
    await world.ho.staff.query(`GRANT SELECT, UPDATE ON bench_plain_orders TO "${world.branches['DJ-DEMO']!.role}"`);
    const plainSql = "UPDATE bench_plain_orders SET status = 'locked' WHERE number = $1 AND status = 'available' RETURNING status";
    const linkConfig = postgresClientConfig(settings);

    const payoutMs: number[] = [];
    const roundTripMs: number[] = [];
    const plainMs: number[] = [];
    const proofMs: number[] = [];
    const receiptsMissing: string[] = [];
    const db = new Database(counter.fixture.counter.databaseFile, { readonly: true });
    const receiptQueued = db.prepare('SELECT count(*) FROM print_jobs WHERE reference = ?').pluck();
    try {
      for (const [i, order] of orders.entries()) {
        const keep = i >= WARM_UP;
        const operationId = uuid7();
        let t = nowMs();
        const paid: Output<'moneyOrders.pay'> = await counter.fixture.ok(
          'moneyOrders.pay',
          { operationId, sessionId: counter.till.sessionId, number: order.number, secret: order.secret, document: PASSPORT },
          counter.till.clerk,
        );
        if (keep) payoutMs.push(nowMs() - t);
        if (paid.outcome !== 'paid') throw new Error(`payout ${paid.outcome}: ${paid.refusal ?? ''}`);
        if (receiptQueued.get(operationId) !== 1) receiptsMissing.push(operationId);

        t = nowMs();
        const link = await connectPostgres(linkConfig);
        try {
          await link.query('SELECT 1');
        } finally {
          await link.close();
        }
        if (keep) roundTripMs.push(nowMs() - t);

        t = nowMs();
        const plain = await connectPostgres(linkConfig);
        try {
          if ((await plain.query(plainSql, [order.number])).rows.length !== 1) throw new Error('plain update refused');
        } finally {
          await plain.close();
        }
        if (keep) plainMs.push(nowMs() - t);

        t = nowMs();
        await secretHash(order.secret, makeSalt());
        if (keep) proofMs.push(nowMs() - t);
      }
    } finally {
      db.close();
    }
    if (receiptsMissing.length > 0) throw new Error(`${receiptsMissing.length} payouts answered without their receipt job`);
    const payout = summarize(payoutMs);
    const roundTrip = summarize(roundTripMs);
    return {
      payouts: count,
      payoutLookupToReceiptJob: { latencyMs: payout },
      bareHeadOfficeRoundTripNewConnection: { latencyMs: roundTrip },
      plainUpdateReturningNewConnection: { latencyMs: summarize(plainMs) },
      secretProofScrypt: { latencyMs: summarize(proofMs) },
      p99RatioToBareRoundTrip: Math.round((payout.p99 / roundTrip.p99) * 100) / 100,
    };
  } finally {
    await counter.close();
    await world.close();
  }
}
