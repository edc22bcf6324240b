import Database from 'better-sqlite3';
import type { CallResponse, Input } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import type { Clock } from '../../electron/services/clock';
import { startCounter, type CounterFixture } from './counter-fixture';
import { startTestHeadOffice, type TestHeadOffice } from './head-office';
import { postgresServer } from './postgres';
import { allocateNumbers, publishProduct, TEST_PRODUCT } from './savings-world';
import { FaultyProxy } from './tcp-proxy';
import { openDemoTill, type OpenTill } from './trading-day';

export const djf = (minor: number) => ({ minor, currency: 'DJF' });
export const SUPERVISOR = { username: 'hassan', secret: '5678' };
export const rule = (response: CallResponse): unknown => (response.ok ? null : response.error.details?.rule);

/** A clock a test moves forward (never back: the ledger's times only grow). */
export class MovableClock implements Clock {
  constructor(public offsetMs = 0) {}
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/**
 * The demo branch's counter on a real PostgreSQL head office reached through a loopback proxy
 * that can cut the link or drop a reply: a savings product, a range of account numbers, the
 * clerk's open till. What the savings tests through the router share.
 */
export interface SavingsWindow {
  ho: TestHeadOffice;
  proxy: FaultyProxy;
  fixture: CounterFixture;
  till: OpenTill;
  clock: MovableClock;
  /** The clerk's session token (the till's owner, Amina). */
  clerk: string;
  /** Signs the clerk in again (after the clock moved past the idle lock); the till stays hers. */
  signInAgain(): Promise<string>;
  /** Pushes and waits until head office acknowledged everything the branch booked. */
  sync(): Promise<void>;
  /** The link cut at the proxy, and the counter seeing it. */
  goOffline(): Promise<void>;
  goOnline(): Promise<void>;
  /** A customer registered here and an account opened with this deposit, credited at head office. */
  openAccount(documentNumber: string, deposit?: number): Promise<{ accountNumber: string; document: { type: 'identity-card'; number: string } }>;
  /** The branch database, read only, closed after `read`. */
  read<R>(read: (db: Database.Database) => R): R;
  close(): Promise<void>;
}

export async function startSavingsWindow(options: { clockOffsetMs?: number } = {}): Promise<SavingsWindow> {
  const ho = await startTestHeadOffice();
  const role = (await ho.addBranch('DJ-DEMO')).role;
  await publishProduct(ho.staff);
  await allocateNumbers(ho.staff, 'DJ-DEMO', 40);
  await ho.staff.query(`SELECT ho.publish_item('kyc-tier', 'basic', NULL, '{"rank":1,"name":{"fr":"Base","en":"Basic","ar":"أساسي"},"currency":"DJF","limits":{}}'::jsonb, 'hq')`);
  const server = await postgresServer();
  const proxy = new FaultyProxy(server.host, server.port);
  await proxy.start();
  const clock = new MovableClock(options.clockOffsetMs ?? 0);
  const fixture = await startCounter({
    headOffice: { mode: 'configured', host: '127.0.0.1', port: proxy.port, database: ho.database.name, user: role, sslmode: 'disable', caFile: null, certFile: null, keyFile: null },
    replicationStartDelayMs: 0,
    clock,
    // The resolver asks quickly in tests; production backs off from a second.
    counterpartyTiming: { tickMs: 50, retry: { baseMs: 20, maxMs: 200 } },
  });
  const till = await openDemoTill(fixture);

  const sync = async () => {
    for (let attempt = 0; attempt < 30; attempt += 1) {
      const status = await fixture.ok('replication.syncNow', {}, window.clerk);
      if (status.state === 'online' && fixture.counter.status().headOffice?.unsynced === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('head office did not acknowledge the branch');
  };
  const window: SavingsWindow = {
    ho,
    proxy,
    fixture,
    till,
    clock,
    clerk: till.clerk,
    async signInAgain() {
      window.clerk = await fixture.signIn('amina', '1234');
      return window.clerk;
    },
    sync,
    async goOffline() {
      proxy.setDown(true);
      for (let i = 0; i < 20 && fixture.counter.status().headOffice?.state === 'online'; i += 1) await fixture.call('replication.syncNow', {}, window.clerk);
      if (fixture.counter.status().headOffice?.state === 'online') throw new Error('the counter still sees the link up');
    },
    async goOnline() {
      proxy.setDown(false);
      await sync();
    },
    async openAccount(documentNumber, deposit = 20_000) {
      const customer: Input<'customers.register'> = {
        customerId: uuid7(),
        familyName: 'Houssein',
        givenNames: 'Fatouma Ali',
        birthDate: '1988-04-12',
        document: { type: 'identity-card', number: documentNumber, country: 'DJI', expiry: '2030-01-31' },
        phone: '77123456',
        kycTier: 'basic',
      };
      const registered = await fixture.ok('customers.register', customer, window.clerk);
      const opened = await fixture.ok(
        'savings.open',
        { operationId: uuid7(), sessionId: till.sessionId, customerId: registered.id, productCode: TEST_PRODUCT.code, openingDeposit: djf(deposit), tendered: djf(deposit) },
        window.clerk,
      );
      await sync();
      return { accountNumber: opened.account.accountNumber, document: { type: 'identity-card', number: documentNumber } };
    },
    read(read) {
      const db = new Database(fixture.counter.databaseFile, { readonly: true });
      try {
        return read(db);
      } finally {
        db.close();
      }
    },
    async close() {
      await fixture.close();
      await proxy.stop();
      await ho.close();
    },
  };
  await sync();
  return window;
}
