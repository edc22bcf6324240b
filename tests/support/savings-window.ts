import type Database from 'better-sqlite3';
import type { CallResponse } from '@shared/contract';
import type { Clock } from '../../electron/services/clock';
import type { CounterFixture } from './counter-fixture';
import type { TestHeadOffice } from './head-office';
import { startSavingsCounter, startSavingsHeadOffice } from './savings-counter';
import { TEST_PRODUCT } from './savings-world';
import type { FaultyProxy } from './tcp-proxy';
import type { OpenTill } from './trading-day';

export { djf } from './savings-counter';
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
 * The savings counter of savings-counter.ts with what the lifecycle tests add: a clock they move
 * (interest, dormancy), signing in again after it moved, and the link cut and restored.
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
  const world = await startSavingsHeadOffice(TEST_PRODUCT, 40);
  const clock = new MovableClock(options.clockOffsetMs ?? 0);
  const counter = await startSavingsCounter(world, { clock });
  const { fixture, till } = counter;
  const window: SavingsWindow = {
    ho: world.ho,
    proxy: world.proxy,
    fixture,
    till,
    clock,
    clerk: till.clerk,
    async signInAgain() {
      window.clerk = await fixture.signIn('amina', '1234');
      // The shared helpers (sync, openAccount) call as the till's clerk: the new session from now on.
      till.clerk = window.clerk;
      return window.clerk;
    },
    sync: () => counter.syncAll(),
    async goOffline() {
      world.proxy.setDown(true);
      for (let i = 0; i < 20 && fixture.counter.status().headOffice?.state === 'online'; i += 1) await fixture.call('replication.syncNow', {}, window.clerk);
      if (fixture.counter.status().headOffice?.state === 'online') throw new Error('the counter still sees the link up');
    },
    async goOnline() {
      world.proxy.setDown(false);
      await counter.syncAll();
    },
    openAccount: (documentNumber, deposit) => counter.openedAccount(documentNumber, deposit),
    read(read) {
      const db = counter.branchDb();
      try {
        return read(db);
      } finally {
        db.close();
      }
    },
    async close() {
      await counter.close();
      await world.close();
    },
  };
  return window;
}
