import { uuid7 } from '@shared/uuid7';
import { CounterpartyFrame, type CounterpartyKind } from '../../electron/services/counterparty/counterparty-frame';
import { CounterpartyUnreachable, type Counterparty } from '../../electron/services/counterparty/counterparty-port';
import { CounterpartyResolver } from '../../electron/services/counterparty/resolver';
import { accountFor } from '../../electron/services/ledger/accounts';
import { fingerprintOf, Ledger } from '../../electron/services/ledger/ledger';
import { testJournalKey } from './journal-key';
import { openTestBranchLedger, type TestBranchLedger } from './branch-ledger';
import { CounterpartyBook } from './counterparty-book';

export const SESSION = 'session-1';
export const TILL_CASH = accountFor.tillCash(SESSION, 'T1', 'DJF');
export const HOLD_MS = 60_000;

/** What the link does to the next send: deliver, act and lose the reply, or fail before arriving. */
export type SendFault = 'ok' | 'lost-reply' | 'down';

/**
 * A branch ledger with a funded till, the real frame and resolver, and a counterparty whose
 * books are in memory (`CounterpartyBook`) behind a link the test breaks at will. `restart()`
 * makes a new frame and resolver over the same database, as a restarted counter would.
 */
export class CounterpartyWorld {
  now = Date.parse('2026-03-01T08:00:00Z');
  readonly clock = { now: () => new Date(this.now) };
  readonly book = new CounterpartyBook(() => this.now);
  linkUp = true;
  nextSend: SendFault = 'ok';
  frame!: CounterpartyFrame;
  resolver!: CounterpartyResolver;
  ledger!: Ledger;

  private constructor(readonly branch: TestBranchLedger) {
    this.restart();
  }

  static async open(dir: string): Promise<CounterpartyWorld> {
    const world = new CounterpartyWorld(await openTestBranchLedger(dir));
    // The till holds plenty of cash: the reservations test the frame, not the till's limit.
    world.ledger.run(
      { id: uuid7(), kind: 'float', fingerprint: fingerprintOf('float', 'x'), tillSessionId: SESSION, operator: 'hassan', approver: null, reason: null },
      (op) => op.transfer({ debit: TILL_CASH, credit: accountFor.paidIn('float', 'DJF'), amount: 1_000_000_000, currency: 'DJF', code: 'float' }),
    );
    return world;
  }

  get sqlite() {
    return this.branch.opened.sqlite;
  }

  port(): Counterparty<{ amount: number }> {
    const reachable = () => {
      if (!this.linkUp) throw new CounterpartyUnreachable('link down');
    };
    return {
      send: async (id, request, expiresAt) => {
        reachable();
        const fault = this.nextSend;
        this.nextSend = 'ok';
        if (fault === 'down') throw new CounterpartyUnreachable('connection refused');
        const answer = this.book.send(id, request, expiresAt);
        if (fault === 'lost-reply') throw new CounterpartyUnreachable('reply lost');
        return answer;
      },
      ask: async (id) => {
        reachable();
        return this.book.ask(id);
      },
      cancel: async (id) => {
        reachable();
        return this.book.cancel(id);
      },
    };
  }

  kind(): CounterpartyKind<{ amount: number }> {
    return { kind: 'test-payout', counterparty: 'head-office', port: this.port(), paysOut: true, holdMs: HOLD_MS };
  }

  restart(): void {
    // A restart takes time: what the last run left is older than this run's start.
    this.now += 1;
    this.ledger = new Ledger(this.sqlite, this.clock, null, testJournalKey(this.sqlite, this.branch.file));
    this.frame = new CounterpartyFrame({ sqlite: this.sqlite, ledger: this.ledger, clock: this.clock, devices: null, branch: () => null, retry: { baseMs: 10, maxMs: 200 }, random: () => 0.5 });
    this.frame.register(this.kind());
    this.resolver = new CounterpartyResolver(this.frame, { batch: 1_000 });
  }

  /** A payout of `amount` from the till: the pending transfer takes the cash out of the till, owed by head office. */
  prepare(amount: number, id = uuid7(this.now)) {
    return this.frame.prepare('test-payout', { operationId: id, tillSessionId: SESSION, operator: 'amina', amount, currency: 'DJF' }, { amount }, (op) => {
      op.transfer({ debit: accountFor.headOffice('DJF'), credit: TILL_CASH, amount, currency: 'DJF', code: 'test-payout', phase: 'pending' });
    }).result;
  }

  /** Lets every scheduled attempt fall due and runs the resolver once. */
  async resolveDue(): Promise<number> {
    this.now += 1_000;
    return this.resolver.tick();
  }

  close(): Promise<void> {
    return this.branch.close();
  }
}
