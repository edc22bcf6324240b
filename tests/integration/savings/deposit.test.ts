import Database from 'better-sqlite3';
import { uuid7 } from '@shared/uuid7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { savingsAccountsRepository } from '../../../electron/services/savings/savings-accounts.repository';
import { errorCode, startCounter, type CounterFixture } from '../../support/counter-fixture';
import { openDemoTill, type OpenTill } from '../../support/trading-day';

const djf = (minor: number) => ({ minor, currency: 'DJF' });

describe('savings deposit at the window (no head office: offline)', () => {
  let counter: CounterFixture;
  let till: OpenTill;

  beforeEach(async () => {
    counter = await startCounter();
    till = await openDemoTill(counter);
    // The branch's copy of an account, as an opening or a head-office lookup leaves it.
    savingsAccountsRepository(new Database(counter.counter.databaseFile)).save({
      account_number: 'DJ0000012',
      customer_id: uuid7(),
      holder_name: 'Fatouma Ali',
      product_code: 'LIVRET-DJF',
      currency: 'DJF',
      status: 'active',
      balance: 5_000,
      available: 5_000,
      as_of: '2026-12-06T10:00:00',
      opened_at: '2026-01-02T09:00:00',
      updated_at: '2026-12-06T10:00:00',
    });
  });
  afterEach(() => counter.close());

  it('books cash into the till owed to head office, says when it is credited, numbers the receipt, and shows as waiting', async () => {
    const operationId = uuid7();
    const done = await counter.ok('savings.deposit', { operationId, sessionId: till.sessionId, accountNumber: 'DJ0000012', amount: djf(12_000), tendered: djf(15_000) }, till.clerk);
    expect(done.credited).toBe('when-link-returns');
    expect(done.change).toEqual(djf(3_000));
    expect(done.operationNumber).toMatch(/^DJ-DEMO-\d{6}$/);
    const texts = done.receipt.entries.flatMap((e) => ('text' in e ? [e.text] : []));
    expect(texts.some((t) => t.includes('DJ0000012'))).toBe(true);
    expect(texts.some((t) => t.includes('siège') || t.includes('head office'))).toBe(true);

    const account = await counter.ok('savings.account', { accountNumber: 'DJ0000012' }, till.clerk);
    expect(account.waitingDeposits).toEqual(djf(12_000));
    expect(account.balance).toEqual(djf(5_000));

    const db = new Database(counter.counter.databaseFile, { readonly: true });
    const transfers = db.prepare("SELECT debit_account_id, credit_account_id, amount, reference FROM ledger_transfers WHERE code = 'savings-deposit'").all();
    expect(transfers).toEqual([{ debit_account_id: `till-cash:${till.sessionId}`, credit_account_id: 'savings-to-remit:DJF', amount: 12_000, reference: 'DJ0000012' }]);
    expect(db.prepare('SELECT count(*) AS n FROM print_jobs WHERE reference = ?').get(operationId)).toEqual({ n: 1 });

    // The same intent again books nothing more.
    const again = await counter.ok('savings.deposit', { operationId, sessionId: till.sessionId, accountNumber: 'DJ0000012', amount: djf(12_000), tendered: djf(15_000) }, till.clerk);
    expect(again.replayed).toBe(true);
    expect(db.prepare("SELECT count(*) AS n FROM ledger_transfers WHERE code = 'savings-deposit'").get()).toEqual({ n: 1 });
    db.close();
  });

  it('refuses an account never seen here, a short tender and a zero amount, booking nothing', async () => {
    const unknown = await counter.call('savings.deposit', { operationId: uuid7(), sessionId: till.sessionId, accountNumber: 'DJ9999999', amount: djf(1_000) }, till.clerk);
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    expect(!unknown.ok && unknown.error.details?.rule).toBe('unknown-account-offline');
    const short = await counter.call('savings.deposit', { operationId: uuid7(), sessionId: till.sessionId, accountNumber: 'DJ0000012', amount: djf(10_000), tendered: djf(5_000) }, till.clerk);
    expect(!short.ok && short.error.details?.rule).toBe('tender-short');
    const zero = await counter.call('savings.deposit', { operationId: uuid7(), sessionId: till.sessionId, accountNumber: 'DJ0000012', amount: djf(0) }, till.clerk);
    expect(errorCode(zero)).toBe('INVALID_INPUT');
    const db = new Database(counter.counter.databaseFile, { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM ledger_transfers WHERE code = 'savings-deposit'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('is for the clerk at her own till: a technician may not deposit or read accounts', async () => {
    const tech = await counter.signIn('ismail', '9012');
    const response = await counter.call('savings.account', { accountNumber: 'DJ0000012' }, tech);
    expect(errorCode(response)).toBe('FORBIDDEN_ROLE');
  });
});

