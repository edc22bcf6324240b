// A clerk's unfinished basket lives in the host for her session: a reload (a new page presenting
// the same token) or a lock gives it back, nobody else ever sees it, and it ends with the session.
import { afterEach, expect, test } from 'vitest';
import { uuid7 } from '@shared/uuid7';
import { startCounter, errorCode, type CounterFixture } from '../support/counter-fixture';

let fixture: CounterFixture;
afterEach(async () => fixture?.close());

const basket = JSON.stringify({ lines: [{ productCode: 'STAMP-LOCAL', quantity: 3 }], tendered: '500' });

test('a draft survives a lock and a reload of the page, and is the session’s alone', async () => {
  fixture = await startCounter();
  const amina = await fixture.signIn('amina', '1234');
  const omar = await fixture.signIn('omar', '4321');

  expect(await fixture.ok('drafts.get', { screen: 'sale' }, amina)).toEqual({ content: null, savedAt: null });
  await fixture.ok('drafts.save', { screen: 'sale', content: basket }, amina);

  // Another clerk at another window sees nothing of it.
  expect((await fixture.ok('drafts.get', { screen: 'sale' }, omar)).content).toBeNull();
  // Another screen of the same clerk is another draft.
  expect((await fixture.ok('drafts.get', { screen: 'mail-acceptance' }, amina)).content).toBeNull();

  // Locked, then unlocked with her PIN: the basket is still there.
  await fixture.ok('auth.lock', {}, amina);
  expect(errorCode(await fixture.call('drafts.get', { screen: 'sale' }, amina))).toBe('SESSION_LOCKED');
  const resumedLocked = await fixture.ok('auth.resume', {}, amina);
  expect(resumedLocked).toMatchObject({ locked: true, session: { token: amina, user: { username: 'amina' } } });
  await fixture.ok('auth.unlock', { secret: '1234' }, amina);

  // A reloaded page presents the token it kept: same session, same draft.
  const resumed = await fixture.ok('auth.resume', {}, amina);
  expect(resumed.locked).toBe(false);
  expect(resumed.session.user.username).toBe('amina');
  expect((await fixture.ok('drafts.get', { screen: 'sale' }, amina)).content).toBe(basket);

  await fixture.ok('drafts.clear', { screen: 'sale' }, amina);
  expect((await fixture.ok('drafts.get', { screen: 'sale' }, amina)).content).toBeNull();
});

test('signing out ends the draft with the session; a stale token resumes nothing', async () => {
  fixture = await startCounter();
  const amina = await fixture.signIn('amina', '1234');
  await fixture.ok('drafts.save', { screen: 'sale', content: basket }, amina);
  await fixture.ok('auth.signOut', {}, amina);
  expect(errorCode(await fixture.call('auth.resume', {}, amina))).toBe('NO_SESSION');

  const again = await fixture.signIn('amina', '1234');
  expect((await fixture.ok('drafts.get', { screen: 'sale' }, again)).content).toBeNull();
});

test('bad drafts are refused at the contract: unknown screen, empty or oversized content, no session', async () => {
  fixture = await startCounter();
  const amina = await fixture.signIn('amina', '1234');
  expect(errorCode(await fixture.call('drafts.save', { screen: 'journal', content: basket }, amina))).toBe('INVALID_INPUT');
  expect(errorCode(await fixture.call('drafts.save', { screen: 'sale', content: '' }, amina))).toBe('INVALID_INPUT');
  expect(errorCode(await fixture.call('drafts.save', { screen: 'sale', content: 'x'.repeat(60_001) }, amina))).toBe('INVALID_INPUT');
  expect(errorCode(await fixture.call('drafts.get', { screen: 'sale' }))).toBe('NO_SESSION');
  // Auditors and technicians have no basket.
  const ismail = await fixture.signIn('ismail', '9012');
  expect(errorCode(await fixture.call('drafts.get', { screen: 'sale' }, ismail))).toBe('FORBIDDEN_ROLE');
});

test('the clerk’s operations list says what each operation was made of and whether it still stands', async () => {
  fixture = await startCounter();
  const hassan = await fixture.signIn('hassan', '5678');
  const amina = await fixture.signIn('amina', '1234');
  const djf = (minor: number) => ({ minor, currency: 'DJF' });
  await fixture.ok('safe.receiveCash', { operationId: uuid7(), amount: djf(100_000), reference: 'HO-1' }, hassan);
  const { sessionId } = await fixture.ok('till.open', { operationId: uuid7(), tillId: 'G1', clerk: 'amina', float: djf(10_000) }, hassan);
  const mine = await fixture.ok('till.mine', {}, amina);
  await fixture.ok('till.confirmReceipt', { operationId: uuid7(), pendingTransferId: mine!.pending[0]!.transferId }, amina);
  const sale = await fixture.ok(
    'sale.complete',
    { operationId: uuid7(), sessionId, lines: [{ productCode: 'STAMP-LOCAL', quantity: 2 }, { productCode: 'BOX-S', quantity: 1 }], tendered: djf(1000) },
    amina,
  );
  await fixture.ok('till.voidOperation', { operationId: uuid7(), targetOperationId: sale.operationId, reason: 'client parti' }, hassan);

  const operations = await fixture.ok('till.operations', { sessionId, limit: 10 }, amina);
  const booked = operations.find((o) => o.operationId === sale.operationId)!;
  expect(booked.lines.map((line) => [line.account.code, line.account.id, line.amount.minor])).toEqual([
    ['revenue', 'revenue:STAMP-LOCAL:DJF', 200],
    ['revenue', 'revenue:BOX-S:DJF', 400],
  ]);
  const voiding = operations.find((o) => o.reversesOperationId === sale.operationId)!;
  expect(booked.voidedBy).toBe(voiding.operationId);
  expect(voiding.kind).toBe('void');
  expect(operations[0]!.operationId).toBe(voiding.operationId);
});
