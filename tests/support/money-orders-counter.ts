import { join } from 'node:path';
import { uuid7 } from '@shared/uuid7';
import type { Input, Output } from '@shared/contract';
import { AuditLog } from '../../electron/services/audit/audit-log';
import { UsersRepository } from '../../electron/services/auth/users.repository';
import { seedDemoBranch } from '../../electron/services/branch/demo-branch';
import { DEMO_DATABASE } from '../../electron/services/branch/profile-file';
import { systemClock } from '../../electron/services/clock';
import type { CounterConfig } from '../../electron/services/counter';
import { migrateToLatest } from '../../electron/services/db/migrate';
import { openDatabase } from '../../electron/services/db/open-database';
import { HeadOfficeMoneyOrdersStaff, type MoneyOrderTariff } from '../../electron/services/headoffice/money-orders-api';
import type { HeadOfficeSettings } from '../../electron/services/replication/head-office-settings';
import { startCounter } from './counter-fixture';
import { startTestHeadOffice, type TestHeadOffice } from './head-office';
import { TEST_TARIFF } from './money-order-world';
import { postgresServer } from './postgres';
import { customerWith, djf, savingsCounterOn, type SavingsCounter } from './savings-counter';
import { FaultyProxy } from './tcp-proxy';
import { makeTempDir } from './temp-dir';
import { testSecretHasher } from './test-secret-hasher';
import { openDemoTill } from './trading-day';

/**
 * A real head office for money orders: its own PostgreSQL database, the published tariffs, and for
 * each branch its role, a range of order numbers and a loopback proxy that can lose replies, hold
 * requests or go down — so several counters (several branches) pay one order against one head office.
 */
export interface MoneyOrdersWorld {
  ho: TestHeadOffice;
  staff: HeadOfficeMoneyOrdersStaff;
  branches: Record<string, { role: string; proxy: FaultyProxy; settings: Extract<HeadOfficeSettings, { mode: 'configured' }> }>;
  close(): Promise<void>;
}

export async function startMoneyOrdersWorld(codes: string[], tariff: MoneyOrderTariff = TEST_TARIFF): Promise<MoneyOrdersWorld> {
  const ho = await startTestHeadOffice();
  const staff = new HeadOfficeMoneyOrdersStaff(ho.staff);
  await staff.publishTariff('domestic', tariff);
  await staff.publishTariff('international', tariff);
  // The register's customers carry a KYC tier head office publishes.
  await ho.staff.query(`SELECT ho.publish_item('kyc-tier', 'basic', NULL, '{"rank":1,"name":{"fr":"Base","en":"Basic","ar":"أساسي"},"currency":"DJF","limits":{}}'::jsonb, 'hq')`);
  const server = await postgresServer();
  const branches: MoneyOrdersWorld['branches'] = {};
  for (const code of codes) {
    const { role } = await ho.addBranch(code);
    const first = await staff.nextFreeSerial();
    await staff.allocateRange(code, first, first + 199);
    const proxy = new FaultyProxy(server.host, server.port);
    await proxy.start();
    branches[code] = {
      role,
      proxy,
      settings: { mode: 'configured', host: '127.0.0.1', port: proxy.port, database: ho.database.name, user: role, sslmode: 'disable', caFile: null, certFile: null, keyFile: null },
    };
  }
  return {
    ho,
    staff,
    branches,
    async close() {
      for (const branch of Object.values(branches)) await branch.proxy.stop();
      await ho.close();
    },
  };
}

/**
 * A fresh data folder whose first start finds the demo branch under another code (its users are the
 * demo's): a second counter at another branch, exactly as the demo's first start would make it.
 */
export async function seedBranchAs(dataDir: string, code: string): Promise<void> {
  const opened = openDatabase(join(dataDir, DEMO_DATABASE));
  if (!opened.ok) throw new Error(opened.refusal.detail);
  const { sqlite, db } = opened.opened;
  await migrateToLatest(db);
  await seedDemoBranch(sqlite, new UsersRepository(sqlite), new AuditLog(sqlite, systemClock), systemClock, testSecretHasher());
  sqlite.prepare('UPDATE branch SET code = ?').run(code);
  await db.destroy();
}

/** A counter at one branch of the world, trading money orders through the router. */
export interface MoneyOrdersCounter extends SavingsCounter {
  code: string;
  proxy: FaultyProxy;
  /** A customer registered here (told apart by the document's number). */
  customer(documentNumber: string): Promise<Output<'customers.register'>>;
  /** A domestic order from a new sender to a payee by name, paid exactly. */
  issue(amount: number, over?: Partial<Input<'moneyOrders.issue'>>): Promise<Output<'moneyOrders.issue'>>;
  /** Cash into the till (a paid-in a supervisor approves), so payouts have cash to pay out. */
  cashIn(amount: number): Promise<void>;
  /** The same link made to look down (the status says offline) until `linkUp`. */
  linkDown(): Promise<void>;
  linkUp(): Promise<void>;
}

let documents = 0;

export async function startMoneyOrdersCounter(world: MoneyOrdersWorld, code: string, config: Partial<CounterConfig> = {}): Promise<MoneyOrdersCounter> {
  const temp = config.dataDir ? null : makeTempDir(`mo-${code}-`);
  const dataDir = config.dataDir ?? temp!.dir;
  if (temp && code !== 'DJ-DEMO') await seedBranchAs(dataDir, code);
  const branch = world.branches[code]!;
  const fixture = await startCounter({
    headOffice: branch.settings,
    replicationStartDelayMs: 0,
    // The resolver asks quickly in tests; production backs off from a second.
    counterpartyTiming: { tickMs: 50, retry: { baseMs: 20, maxMs: 200 } },
    ...config,
    dataDir,
  });
  const till = await openDemoTill(fixture);
  const base = savingsCounterOn(fixture, till);
  await base.syncOnline();
  const customer = (documentNumber: string) => fixture.ok('customers.register', customerWith(documentNumber), till.clerk);
  const counter: MoneyOrdersCounter = {
    ...base,
    code,
    proxy: branch.proxy,
    customer,
    async issue(amount, over = {}) {
      const sender = over.senderId ?? (await customer(`${code.replace(/[^A-Z0-9]/g, '')}S${(documents += 1)}`)).id;
      return fixture.ok(
        'moneyOrders.issue',
        { operationId: uuid7(), sessionId: till.sessionId, kind: 'domestic', senderId: sender, payee: { name: 'HASSAN OMAR' }, amount: djf(amount), ...over },
        till.clerk,
      );
    },
    async cashIn(amount) {
      const response = await fixture.call(
        'till.paidIn',
        { operationId: uuid7(), sessionId: till.sessionId, amount: djf(amount), reasonCode: 'OTHER-IN', note: 'cash for money-order payouts' },
        till.clerk,
        { username: 'hassan', secret: '5678' },
      );
      if (!response.ok) throw new Error(`paid-in refused: ${response.error.message}`);
    },
    async linkDown() {
      branch.proxy.setDown(true);
      for (let i = 0; i < 10 && fixture.counter.status().headOffice?.state === 'online'; i += 1) await fixture.call('replication.syncNow', {}, till.clerk);
    },
    async linkUp() {
      branch.proxy.setDown(false);
      await base.syncOnline();
    },
    async close() {
      await fixture.close();
      temp?.remove();
    },
  };
  return counter;
}

export { djf };
