// A savings withdrawal at the window, from the clerk's request to the receipt job durably queued,
// through the router against a real PostgreSQL head office on loopback; interleaved, in the same
// run and on the same disk and server, with its baselines:
// - the plain PostgreSQL `UPDATE … RETURNING` of the same account row, on a connection opened for
//   the call (as the counter asks head office: a connection of its own per call) and on one kept open;
// - the branch's bare booking: the same pending transfer, `sent`, post and hand-over through the
//   counterparty frame with a counterparty that answers at once in-process (SQLite alone).
import Database from 'better-sqlite3';
import type { Output } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import { accountFor } from '../../electron/services/ledger/accounts';
import { connectPostgres, postgresClientConfig } from '../../electron/services/headoffice/postgres-connection';
import { startCounter } from '../support/counter-fixture';
import { postgresServer } from '../support/postgres';
import { djf, startSavingsHeadOffice } from '../support/savings-counter';
import { TEST_PRODUCT } from '../support/savings-world';
import { openDemoTill } from '../support/trading-day';
import { nowMs, summarize } from './stats';

const WITHDRAWALS = 200;
const WARM_UP = 10;
const UNLIMITED = { basic: 1_000_000_000_000 };
const BENCH_BOOKING = 'bench-savings-booking';

export async function benchSavingsWithdrawal(count = WITHDRAWALS): Promise<Record<string, unknown>> {
  const world = await startSavingsHeadOffice({ ...TEST_PRODUCT, min_balance: 0, max_balance: UNLIMITED, daily_withdrawal_limit: UNLIMITED, monthly_withdrawal_limit: UNLIMITED });
  const server = await postgresServer();
  // Loopback straight to PostgreSQL: the proxy's faults are not what is measured here.
  const headOffice = { ...world.settings, port: server.port };
  const fixture = await startCounter({ headOffice, replicationStartDelayMs: 0 });
  try {
    const till = await openDemoTill(fixture);
    for (let i = 0; i < 20 && (await fixture.ok('replication.syncNow', {}, till.clerk)).state !== 'online'; i += 1);
    const registered = await fixture.ok(
      'customers.register',
      { customerId: uuid7(), familyName: 'Banc', givenNames: 'Essai', birthDate: '1980-01-01', document: { type: 'identity-card', number: 'BENCH0001', country: 'DJI', expiry: '2035-01-01' }, phone: '77000000', kycTier: 'basic' },
      till.clerk,
    );
    const opened = await fixture.ok(
      'savings.open',
      { operationId: uuid7(), sessionId: till.sessionId, customerId: registered.id, productCode: TEST_PRODUCT.code, openingDeposit: djf(10_000_000), tendered: djf(10_000_000) },
      till.clerk,
    );
    const accountNumber = opened.account.accountNumber;
    for (let i = 0; i < 20; i += 1) {
      const status = await fixture.ok('replication.syncNow', {}, till.clerk);
      if (status.ackedSeq === status.localSeq) break;
    }
    const document = { type: 'identity-card' as const, number: 'BENCH0001' };

    // The plain row: the same account's figures in a table of their own, updated as a reserve would.
    await world.ho.staff.query('CREATE TABLE bench_plain_accounts (account_number text PRIMARY KEY, balance bigint NOT NULL, held bigint NOT NULL)');
    await world.ho.staff.query('INSERT INTO bench_plain_accounts SELECT account_number, balance, held FROM ho.savings_accounts WHERE account_number = $1', [accountNumber]);
    await world.ho.staff.query(`GRANT SELECT, UPDATE ON bench_plain_accounts TO "${world.role}"`);
    const plainSql = 'UPDATE bench_plain_accounts SET held = held + $2 WHERE account_number = $1 AND balance - held >= $2 RETURNING held';
    const linkConfig = postgresClientConfig(headOffice);
    const kept = await connectPostgres(linkConfig);

    // The bare booking: the frame's durable steps for the same transfer, the counterparty answering at once.
    const frame = fixture.counter.counterparty!;
    const instant = { async send() { return { outcome: 'confirmed' as const, reference: null }; }, async ask() { return { outcome: 'confirmed' as const, reference: null }; } };
    frame.register({ kind: BENCH_BOOKING, counterparty: 'head-office', port: instant, paysOut: true, holdMs: 600_000 });
    const cashAccount = sessionCashAccount(fixture.counter.databaseFile, till.sessionId);

    const withdrawalMs: number[] = [];
    const plainNewMs: number[] = [];
    const plainKeptMs: number[] = [];
    const bookingMs: number[] = [];
    const receiptsMissing: string[] = [];
    const db = new Database(fixture.counter.databaseFile, { readonly: true });
    const receiptQueued = db.prepare('SELECT count(*) FROM print_jobs WHERE reference = ?').pluck();
    try {
      for (let i = 0; i < count + WARM_UP; i += 1) {
        const keep = i >= WARM_UP;
        const operationId = uuid7();
        let t = nowMs();
        const paid: Output<'savings.withdraw'> = await fixture.ok('savings.withdraw', { operationId, sessionId: till.sessionId, accountNumber, amount: djf(100), document }, till.clerk);
        if (keep) withdrawalMs.push(nowMs() - t);
        if (paid.outcome !== 'paid') throw new Error(`withdrawal ${paid.outcome}: ${paid.refusal ?? ''}`);
        if (receiptQueued.get(operationId) !== 1) receiptsMissing.push(operationId);

        t = nowMs();
        const link = await connectPostgres(linkConfig);
        try {
          if ((await link.query(plainSql, [accountNumber, 100])).rows.length !== 1) throw new Error('plain update refused');
        } finally {
          await link.close();
        }
        if (keep) plainNewMs.push(nowMs() - t);

        t = nowMs();
        if ((await kept.query(plainSql, [accountNumber, 100])).rows.length !== 1) throw new Error('plain update refused');
        if (keep) plainKeptMs.push(nowMs() - t);

        t = nowMs();
        const bookingId = uuid7();
        frame.prepare(BENCH_BOOKING, { operationId: bookingId, tillSessionId: till.sessionId, operator: 'amina', amount: 100, currency: 'DJF' }, { accountNumber }, (op) => {
          op.transfer({ debit: accountFor.savingsToRemit('DJF'), credit: cashAccount, amount: 100, currency: 'DJF', code: BENCH_BOOKING, reference: accountNumber, phase: 'pending' });
        });
        const booked = await frame.execute(bookingId, 'amina');
        if (keep) bookingMs.push(nowMs() - t);
        if (booked.state !== 'confirmed') throw new Error(`bare booking ${booked.state}`);
      }
    } finally {
      db.close();
      await kept.close();
    }
    if (receiptsMissing.length > 0) throw new Error(`${receiptsMissing.length} withdrawals answered without their receipt job`);
    const withdrawal = summarize(withdrawalMs);
    return {
      withdrawals: count,
      withdrawalToReceiptJob: { latencyMs: withdrawal },
      plainUpdateReturningNewConnection: { latencyMs: summarize(plainNewMs) },
      plainUpdateReturningOpenConnection: { latencyMs: summarize(plainKeptMs) },
      branchBareBooking: { latencyMs: summarize(bookingMs) },
      p99RatioToPlainNewConnection: Math.round((withdrawal.p99 / summarize(plainNewMs).p99) * 100) / 100,
    };
  } finally {
    await fixture.close();
    await world.close();
  }
}

/** The till session's cash account, where a withdrawal's cash leaves from. */
function sessionCashAccount(file: string, sessionId: string) {
  const db = new Database(file, { readonly: true });
  try {
    const row = db.prepare('SELECT cash_account_id FROM till_sessions WHERE id = ?').get(sessionId) as { cash_account_id: string };
    return row.cash_account_id;
  } finally {
    db.close();
  }
}
