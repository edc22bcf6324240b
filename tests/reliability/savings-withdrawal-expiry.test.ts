// A withdrawal's hold expiring at head office while the branch does not know, or before the
// branch's booking arrives: a real counter through the router, a real PostgreSQL head office
// behind the loopback proxy. Whatever happens, the branch's booked cash is the truth at head
// office (posted with an alarm, or voided on both sides), nothing is paid twice, and nothing is
// paid for an outcome the branch does not know.
import { uuid7 } from '@shared/uuid7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmsOf } from '../support/savings-world';
import {
  accountAtHeadOffice,
  djf,
  eventually,
  holdsOf,
  startSavingsCounter,
  startSavingsHeadOffice,
  type OpenedAccount,
  type SavingsCounter,
  type SavingsHeadOffice,
} from '../support/savings-counter';

interface OperationRow {
  state: string;
  counterparty_knows: number;
  handed_over_at: string | null;
}

/** What the branch's database says of a withdrawal: its frame row, its transfers' flags, its receipts, any reconciliation item. */
function atBranch(counter: SavingsCounter, operationId: string) {
  const db = counter.branchDb();
  try {
    return {
      operation: db.prepare('SELECT state, counterparty_knows, handed_over_at FROM counterparty_operations WHERE id = ?').get(operationId) as OperationRow,
      flags: db.prepare("SELECT t.flags FROM ledger_transfers t JOIN counterparty_operations o ON t.operation_id IN (o.id, o.post_operation_id, o.void_operation_id) WHERE o.id = ? AND t.code = 'savings-withdrawal' ORDER BY t.seq").pluck().all(operationId),
      receipts: db.prepare('SELECT count(*) FROM print_jobs WHERE reference = ?').pluck().get(operationId) as number,
      incidents: db.prepare('SELECT count(*) FROM print_jobs WHERE reference = ?').pluck().get(`${operationId}/incident`) as number,
      reconciliations: db.prepare('SELECT booked, counterparty_says FROM counterparty_reconciliations WHERE operation_id = ?').all(operationId),
    };
  } finally {
    db.close();
  }
}

const stateOf = (counter: SavingsCounter, operationId: string) => atBranch(counter, operationId).operation;

describe('a short hold (3 s) expiring at head office', () => {
  let world: SavingsHeadOffice;
  let counter: SavingsCounter;
  let account: OpenedAccount;

  beforeAll(async () => {
    world = await startSavingsHeadOffice();
    counter = await startSavingsCounter(world, { withdrawalHoldMs: 3_000 });
  }, 180_000);
  afterAll(async () => {
    await counter?.close();
    await world?.close();
  }, 120_000);

  const withdrawal = (operationId: string, amount: number) => ({ operationId, sessionId: counter.till.sessionId, accountNumber: account.accountNumber, amount: djf(amount), document: account.document });

  it('the reserve’s reply lost and the link down past the expiry: voided at the branch and released at head office, nothing paid', async () => {
    account = await counter.openedAccount('DJ200001');
    const { proxy } = world;
    const operationId = uuid7();
    const dropped = proxy.dropNextReplyTo('savings_reserve');
    const waiting = await counter.fixture.ok('savings.withdraw', withdrawal(operationId, 4_000), counter.till.clerk);
    expect(waiting.outcome).toBe('waiting');
    await dropped;
    expect(await holdsOf(world.ho, operationId)).toMatchObject([{ status: 'reserved', amount: '4000' }]);

    proxy.setDown(true);
    try {
      // The branch gives up at its own expiry: the reservation is voided here, head office still asked.
      await eventually(() => stateOf(counter, operationId).state === 'expired', 'the branch voids the withdrawal at its expiry');
      expect(stateOf(counter, operationId)).toMatchObject({ counterparty_knows: 0, handed_over_at: null });
      await eventually(async () => (await holdsOf(world.ho, operationId))[0]!.lapsed, "head office's hold lapses");
    } finally {
      proxy.setDown(false);
    }
    await counter.syncAll();
    await eventually(() => stateOf(counter, operationId).counterparty_knows === 1, 'head office tells the branch');

    const branch = atBranch(counter, operationId);
    expect(branch.operation).toMatchObject({ state: 'expired', handed_over_at: null });
    expect(branch.flags).toEqual([1, 4]);
    expect(branch).toMatchObject({ receipts: 0, incidents: 1, reconciliations: [] });
    // The clerk pressing again hears it expired; the waiting list has nothing to hand over.
    expect(await counter.fixture.ok('savings.withdraw', withdrawal(operationId, 4_000), counter.till.clerk)).toMatchObject({ outcome: 'expired' });
    const handOver = await counter.fixture.call('counterparty.handOver', { operationId }, counter.till.clerk);
    expect(!handOver.ok && handOver.error.details?.rule).toBe('counterparty-not-confirmed');

    const [hold] = await holdsOf(world.ho, operationId);
    expect(['expired', 'released']).toContain(hold!.status);
    expect(await accountAtHeadOffice(world.ho, account.accountNumber)).toEqual({ balance: 20_000, held: 0 });
    expect(await alarmsOf(world.ho.staff)).toEqual([]);
  });

  it('a withdrawal paid at the branch whose booking reaches head office after the hold expired: posted all the same, with an alarm, once', async () => {
    const { proxy } = world;
    const before = await accountAtHeadOffice(world.ho, account.accountNumber);
    // The branch's pushes wait on the way (a congested link) while the clerk pays.
    const pushes = proxy.holdRequestsTo('ho.push');
    const operationId = uuid7();
    let released = false;
    try {
      const paid = await counter.fixture.ok('savings.withdraw', withdrawal(operationId, 3_000), counter.till.clerk);
      expect(paid.outcome).toBe('paid');
      await eventually(async () => (await holdsOf(world.ho, operationId))[0]!.lapsed, "head office's hold lapses before the booking arrives");
      pushes.release();
      released = true;
    } finally {
      if (!released) pushes.release();
    }
    await counter.syncAll();

    const branch = atBranch(counter, operationId);
    expect(branch.operation).toMatchObject({ state: 'confirmed', counterparty_knows: 1 });
    expect(branch.operation.handed_over_at).not.toBeNull();
    expect(branch.flags).toEqual([1, 2]);
    expect(branch).toMatchObject({ receipts: 1, incidents: 0, reconciliations: [] });
    // The branch's booked cash is the truth: posted at head office, once, and flagged for review.
    expect(await holdsOf(world.ho, operationId)).toMatchObject([{ status: 'posted', amount: '3000' }]);
    expect(await accountAtHeadOffice(world.ho, account.accountNumber)).toEqual({ balance: before.balance - 3_000, held: 0 });
    const late = (await alarmsOf(world.ho.staff)).filter((alarm) => alarm.kind === 'savings-late-booking');
    expect(late).toHaveLength(1);
    expect(late[0]!.detail).toContain(account.accountNumber);
    // Sent again, nothing more is booked anywhere.
    expect(await counter.fixture.ok('savings.withdraw', withdrawal(operationId, 3_000), counter.till.clerk)).toMatchObject({ outcome: 'paid', replayed: true });
    await counter.syncAll();
    expect(await accountAtHeadOffice(world.ho, account.accountNumber)).toEqual({ balance: before.balance - 3_000, held: 0 });
    expect((await world.ho.staff.query('SELECT ho.savings_check_balances() AS r')).rows[0]).toEqual({ r: [] });
  });
});

describe('the branch giving up at its expiry while head office still holds the amount', () => {
  let world: SavingsHeadOffice;
  let counter: SavingsCounter;
  // The branch's clock runs ahead on demand: its 10-minute hold is over here while head office's,
  // counted by head office's own clock, still has ten real minutes to go.
  let ahead = 0;
  const clock = { now: () => new Date(Date.now() + ahead) };

  beforeAll(async () => {
    world = await startSavingsHeadOffice();
    counter = await startSavingsCounter(world, { clock, idleLockSeconds: 86_400 });
  }, 180_000);
  afterAll(async () => {
    await counter?.close();
    await world?.close();
  }, 120_000);

  it('voids on both sides: head office drops the hold the branch voided, and no contrary outcome is raised', async () => {
    const account = await counter.openedAccount('DJ200002');
    const { proxy } = world;
    const operationId = uuid7();
    // Head office unreachable for the branch's questions, and the branch's pushes held on the way,
    // so only the resolver's own words can tell head office what the branch decided.
    const questions = [proxy.refuseRequestsTo('savings_operation'), proxy.refuseRequestsTo('savings_release')];
    const pushes = proxy.holdRequestsTo('ho.push');
    try {
      const dropped = proxy.dropNextReplyTo('savings_reserve');
      const waiting = await counter.fixture.ok(
        'savings.withdraw',
        { operationId, sessionId: counter.till.sessionId, accountNumber: account.accountNumber, amount: djf(6_000), document: account.document },
        counter.till.clerk,
      );
      expect(waiting.outcome).toBe('waiting');
      await dropped;
      ahead = 11 * 60_000;
      await eventually(() => stateOf(counter, operationId).state === 'expired', 'the branch voids the withdrawal at its own expiry');
      expect(stateOf(counter, operationId).counterparty_knows).toBe(0);
      // Head office still holds it, for real minutes yet.
      expect(await holdsOf(world.ho, operationId)).toMatchObject([{ status: 'reserved', lapsed: false }]);

      for (const question of questions) question.stop();
      await eventually(() => stateOf(counter, operationId).counterparty_knows === 1, 'head office answers the branch');
    } finally {
      for (const question of questions) question.stop();
      pushes.release();
    }
    await counter.syncAll();

    const branch = atBranch(counter, operationId);
    expect(branch.operation).toMatchObject({ state: 'expired', handed_over_at: null });
    expect(branch.flags).toEqual([1, 4]);
    // A hold is not a payment: head office holding what the branch voided is no contrary outcome
    // (a supervisor settling one would debit the customer for cash never paid).
    expect(branch.reconciliations).toEqual([]);
    expect(branch.receipts).toBe(0);
    expect(await holdsOf(world.ho, operationId)).toMatchObject([{ status: 'released' }]);
    expect(await accountAtHeadOffice(world.ho, account.accountNumber)).toEqual({ balance: 20_000, held: 0 });
    expect(await alarmsOf(world.ho.staff)).toEqual([]);
  });
});
