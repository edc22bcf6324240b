import { uuid7 } from '@shared/uuid7';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { djf, holdsOf, startSavingsCounter, startSavingsHeadOffice, type SavingsCounter, type SavingsHeadOffice } from '../../support/savings-counter';

/**
 * Head office takes the request and never answers, and the connection stays open: the window
 * must not wait for ever. Past the call's deadline the withdrawal waits in the list, nothing paid.
 */
let world: SavingsHeadOffice;
let counter: SavingsCounter;

beforeAll(async () => {
  world = await startSavingsHeadOffice();
  // Generous against a slow machine (a call takes well under a second here), short for the test.
  counter = await startSavingsCounter(world, { headOfficeCallTimeoutMs: 5_000 });
}, 180_000);
afterAll(async () => {
  await counter?.close();
  await world?.close();
}, 120_000);

it('a reserve that is never answered leaves the withdrawal waiting after the deadline, nothing paid, and then resolves the same way on both sides', async () => {
  const { fixture, till } = counter;
  const { accountNumber, document } = await counter.openedAccount('DJ200001');
  const held = world.proxy.holdRequestsTo('savings_reserve');
  const operationId = uuid7();
  const request = { operationId, sessionId: till.sessionId, accountNumber, amount: djf(2_000), document };
  const waiting = await fixture.ok('savings.withdraw', request, till.clerk);
  expect(waiting.outcome).toBe('waiting');
  const db = counter.branchDb();
  expect(db.prepare("SELECT flags FROM ledger_transfers WHERE code = 'savings-withdrawal' AND reference = ?").pluck().all(accountNumber)).toEqual([1]);
  expect(db.prepare('SELECT count(*) FROM print_jobs WHERE reference = ?').pluck().get(operationId)).toBe(0);
  db.close();
  held.release();
  let view = waiting;
  for (let i = 0; i < 100 && view.outcome === 'waiting'; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    view = await fixture.ok('savings.withdraw', request, till.clerk);
  }
  // The connection was closed at the deadline, so the held request may never have reached head
  // office: then head office is told to drop the id and the branch voids; if it did, it is paid.
  // Either way both sides agree, and the cash left the drawer only for a hold head office placed.
  await counter.syncAll();
  const holds = await holdsOf(world.ho, operationId);
  if (view.outcome === 'paid') expect(holds.map((h) => h.status)).toEqual(['posted']);
  else {
    expect(view.outcome).toBe('cancelled');
    expect(holds.filter((h) => h.status !== 'released')).toEqual([]);
    const after = counter.branchDb();
    expect(after.prepare("SELECT flags FROM ledger_transfers WHERE code = 'savings-withdrawal' AND reference = ? ORDER BY seq").pluck().all(accountNumber)).toEqual([1, 4]);
    after.close();
  }
}, 120_000);
