import Database from 'better-sqlite3';
import type { Input } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import type { CounterConfig } from '../../electron/services/counter';
import type { HeadOfficeSettings } from '../../electron/services/replication/head-office-settings';
import { startCounter, type CounterFixture } from './counter-fixture';
import { startTestHeadOffice, type TestHeadOffice } from './head-office';
import { postgresServer } from './postgres';
import { allocateNumbers, publishProduct, TEST_PRODUCT } from './savings-world';
import { FaultyProxy } from './tcp-proxy';
import { openDemoTill, type OpenTill } from './trading-day';

/**
 * A real head office for the demo branch's savings: its own PostgreSQL database with the
 * branch DJ-DEMO, a savings product, a range of account numbers and the `basic` KYC tier,
 * reached through a loopback proxy that can lose replies and hold requests.
 */
export interface SavingsHeadOffice {
  ho: TestHeadOffice;
  proxy: FaultyProxy;
  /** The branch's own PostgreSQL role. */
  role: string;
  /** The counter's head-office settings: through the proxy, as the branch's role. */
  settings: Extract<HeadOfficeSettings, { mode: 'configured' }>;
  close(): Promise<void>;
}

export async function startSavingsHeadOffice(product: Record<string, unknown> = TEST_PRODUCT, numbers = 20): Promise<SavingsHeadOffice> {
  const ho = await startTestHeadOffice();
  const role = (await ho.addBranch('DJ-DEMO')).role;
  await publishProduct(ho.staff, product);
  await allocateNumbers(ho.staff, 'DJ-DEMO', numbers);
  await ho.staff.query(`SELECT ho.publish_item('kyc-tier', 'basic', NULL, '{"rank":1,"name":{"fr":"Base","en":"Basic","ar":"أساسي"},"currency":"DJF","limits":{}}'::jsonb, 'hq')`);
  const server = await postgresServer();
  const proxy = new FaultyProxy(server.host, server.port);
  await proxy.start();
  return {
    ho,
    proxy,
    role,
    settings: { mode: 'configured', host: '127.0.0.1', port: proxy.port, database: ho.database.name, user: role, sslmode: 'disable', caFile: null, certFile: null, keyFile: null },
    async close() {
      await proxy.stop();
      await ho.close();
    },
  };
}

/** The counter's settings against that head office: replication at once, the resolver asking quickly. */
export const savingsCounterConfig = (world: Pick<SavingsHeadOffice, 'settings'>): Partial<CounterConfig> => ({
  headOffice: world.settings,
  replicationStartDelayMs: 0,
  // The resolver asks quickly in tests; production backs off from a second.
  counterpartyTiming: { tickMs: 50, retry: { baseMs: 20, maxMs: 200 } },
});

export const djf = (minor: number) => ({ minor, currency: 'DJF' });

/** A customer as the window registers her, told apart by her identity card's number. */
export const customerWith = (documentNumber: string): Input<'customers.register'> => ({
  customerId: uuid7(),
  familyName: 'Houssein',
  givenNames: 'Fatouma Ali',
  birthDate: '1988-04-12',
  document: { type: 'identity-card', number: documentNumber, country: 'DJI', expiry: '2030-01-31' },
  phone: '77123456',
  kycTier: 'basic',
});

export interface OpenedAccount {
  accountNumber: string;
  document: { type: 'identity-card'; number: string };
}

/** A counter of the demo branch trading savings against a real head office, through the router. */
export interface SavingsCounter {
  fixture: CounterFixture;
  till: OpenTill;
  /** Until the replication job says `online` (a withdrawal needs it). */
  syncOnline(): Promise<void>;
  /** Until head office acknowledged everything the branch booked. */
  syncAll(): Promise<void>;
  /** The branch database, read-only, for what the window does not show. */
  branchDb(): Database.Database;
  /** A customer registered here and an account opened for her with `deposit`, credited at head office. */
  openedAccount(documentNumber: string, deposit?: number): Promise<OpenedAccount>;
  close(): Promise<void>;
}

export async function startSavingsCounter(world: SavingsHeadOffice, config: Partial<CounterConfig> = {}): Promise<SavingsCounter> {
  const fixture = await startCounter({ ...savingsCounterConfig(world), ...config });
  const till = await openDemoTill(fixture);
  const counter = savingsCounterOn(fixture, till);
  await counter.syncOnline();
  return counter;
}

/** The same helpers on a counter already started (a restart on the same data folder). */
export function savingsCounterOn(fixture: CounterFixture, till: OpenTill): SavingsCounter {
  const syncOnline = async () => {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      if ((await fixture.ok('replication.syncNow', {}, till.clerk)).state === 'online') return;
    }
    throw new Error('the link did not come back');
  };
  const syncAll = async () => {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const status = await fixture.ok('replication.syncNow', {}, till.clerk);
      if (status.state === 'online' && status.ackedSeq === status.localSeq) return;
    }
    throw new Error('head office did not acknowledge everything');
  };
  return {
    fixture,
    till,
    syncOnline,
    syncAll,
    branchDb: () => new Database(fixture.counter.databaseFile, { readonly: true }),
    async openedAccount(documentNumber, deposit = 20_000) {
      const registered = await fixture.ok('customers.register', customerWith(documentNumber), till.clerk);
      const opened = await fixture.ok(
        'savings.open',
        { operationId: uuid7(), sessionId: till.sessionId, customerId: registered.id, productCode: TEST_PRODUCT.code, openingDeposit: djf(deposit), tendered: djf(deposit) },
        till.clerk,
      );
      await syncAll();
      return { accountNumber: opened.account.accountNumber, document: { type: 'identity-card', number: documentNumber } };
    },
    close: () => fixture.close(),
  };
}

/** Polls until `check` answers true: a test waits on durable state, never on a fixed delay. Deadlines are generous, never exact. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface HoldRow {
  hold_branch: string;
  account_number: string;
  amount: string;
  status: string;
  /** Past its expiry by head office's clock (a reserved hold is then expired, whatever its status column says). */
  lapsed: boolean;
}

/** Head office's holds under an operation id, whoever placed them. */
export async function holdsOf(ho: TestHeadOffice, operationId: string): Promise<HoldRow[]> {
  const { rows } = await ho.staff.query<HoldRow>(
    'SELECT hold_branch, account_number, amount::text AS amount, status, expires_at <= now() AS lapsed FROM ho.savings_holds WHERE operation_id = $1 ORDER BY reserved_at',
    [operationId],
  );
  return rows;
}

/** Head office's balance and held amount of an account. */
export async function accountAtHeadOffice(ho: TestHeadOffice, accountNumber: string): Promise<{ balance: number; held: number }> {
  const { rows } = await ho.staff.query<{ balance: string; held: string }>('SELECT balance, held FROM ho.savings_accounts WHERE account_number = $1', [accountNumber]);
  return { balance: Number(rows[0]!.balance), held: Number(rows[0]!.held) };
}
