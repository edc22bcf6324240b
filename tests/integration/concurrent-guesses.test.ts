import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry, CallResponse } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import type { SecretHasher } from '../../electron/services/auth/secret-hash';
import { errorCode, startCounter, type CounterFixture } from '../support/counter-fixture';
import { makeTempDir } from '../support/temp-dir';
import { testSecretHasher } from '../support/test-secret-hasher';

/**
 * Issue 11 §1: concurrent guesses used to beat the PIN lockout, because the
 * lock was read before the slow scrypt check and never again. Each burst here
 * is sent in one go through the router, so every call reaches the lockout
 * before any check finishes: exactly the interleaving that broke it.
 */
const MAX_FAILED_ATTEMPTS = 3;
// The throttle is lifted where the lockout itself must be the bound.
const NO_THROTTLE = { perWindow: 1000, perUsername: 1000, total: 1000 };

/** 50 wrong PINs with the right one 36th, as in the attack. */
const guesses = (right: string): string[] => {
  const wrong = Array.from({ length: 50 }, (_, i) => String(1000 + i)).filter((pin) => pin !== right);
  return [...wrong.slice(0, 35), right, ...wrong.slice(35)];
};

const codes = (answers: CallResponse[]) =>
  answers.reduce<Record<string, number>>((tally, answer) => {
    const code = errorCode(answer) ?? 'OK';
    tally[code] = (tally[code] ?? 0) + 1;
    return tally;
  }, {});

const reasons = (entries: AuditEntry[]) =>
  entries.reduce<Record<string, number>>((tally, entry) => {
    const reason = String(entry.details.reason ?? entry.details.bound);
    tally[reason] = (tally[reason] ?? 0) + 1;
    return tally;
  }, {});

describe('concurrent guesses against the PIN lockout', () => {
  let fixture: CounterFixture;
  let hasher: SecretHasher;
  const afterwards: Array<() => void> = [];
  afterEach(async () => {
    await fixture.close();
    afterwards.splice(0).forEach((cleanup) => cleanup());
  });

  const start = async (credentialThrottle?: typeof NO_THROTTLE) => {
    hasher = testSecretHasher();
    fixture = await startCounter({ secretHasher: hasher, ...(credentialThrottle ? { credentialThrottle } : {}) });
  };
  const audit = async (action: string): Promise<AuditEntry[]> => {
    const auditor = await fixture.signIn('fatouma', '2468');
    return fixture.ok('audit.list', { limit: 500, action }, auditor);
  };

  it('sign-in: 50 wrong PINs and the right one at once check 3 secrets, give no session, and lock the account', async () => {
    await start(NO_THROTTLE);
    const answers = await Promise.all(guesses('1234').map((secret) => fixture.call('auth.signIn', { username: 'amina', secret })));

    expect(codes(answers)).toEqual({ BAD_CREDENTIALS: 2, ACCOUNT_LOCKED: 1, TOO_MANY_ATTEMPTS: 48 });
    expect(hasher.checksStarted).toBe(MAX_FAILED_ATTEMPTS);
    // The right PIN after the lock: refused, and not even hashed.
    expect(errorCode(await fixture.call('auth.signIn', { username: 'amina', secret: '1234' }))).toBe('ACCOUNT_LOCKED');
    expect(hasher.checksStarted).toBe(MAX_FAILED_ATTEMPTS);

    const refused = (await audit('signin')).filter((e) => e.subject === 'amina' && e.outcome === 'refused');
    expect(refused).toHaveLength(52);
    expect(reasons(refused)).toEqual({ 'wrong-secret': 3, 'attempts-in-flight': 48, locked: 1 });
    expect((await audit('account.locked')).filter((e) => e.subject === 'amina')).toHaveLength(1);
    expect((await audit('signin')).filter((e) => e.subject === 'amina' && e.outcome === 'ok')).toHaveLength(0);
  });

  it('unlock: a burst of supervisor guesses checks 3 secrets, unlocks nobody, and locks the supervisor', async () => {
    await start(NO_THROTTLE);
    for (const secret of ['0000', '0001', '0002']) await fixture.call('auth.signIn', { username: 'omar', secret });
    const before = hasher.checksStarted;

    const answers = await Promise.all(
      guesses('5678').map((secret) => fixture.call('users.unlockAccount', { username: 'omar' }, undefined, { username: 'hassan', secret })),
    );

    expect(codes(answers)).toEqual({ APPROVAL_REFUSED: 3, TOO_MANY_ATTEMPTS: 48 });
    expect(hasher.checksStarted - before).toBe(MAX_FAILED_ATTEMPTS);
    expect(errorCode(await fixture.call('auth.signIn', { username: 'omar', secret: '4321' }))).toBe('ACCOUNT_LOCKED');
    expect(errorCode(await fixture.call('auth.signIn', { username: 'hassan', secret: '5678' }))).toBe('ACCOUNT_LOCKED');
    // The right approval after the lock grants nothing either.
    const late = await fixture.call('users.unlockAccount', { username: 'omar' }, undefined, { username: 'hassan', secret: '5678' });
    expect(errorCode(late)).toBe('APPROVAL_REFUSED');

    const approvals = (await audit('approval')).filter((e) => e.details.for === 'account.unlock');
    expect(approvals.filter((e) => e.outcome === 'ok')).toHaveLength(0);
    expect(reasons(approvals)).toEqual({ 'bad-credentials': 2, 'approver-locked': 2, 'too-many-attempts': 48 });
    expect(await audit('account.unlock')).toHaveLength(0);
  });

  it('approval on a paid-out: a burst of supervisor guesses checks 3 secrets and books nothing', async () => {
    await start(NO_THROTTLE);
    const djf = (minor: number) => ({ minor, currency: 'DJF' });
    const hassan = await fixture.signIn('hassan', '5678');
    await fixture.ok('safe.receiveCash', { operationId: uuid7(), amount: djf(1_000_000), reference: 'HO-0001' }, hassan);
    const { sessionId } = await fixture.ok('till.open', { operationId: uuid7(), tillId: 'G1', clerk: 'amina', float: djf(50_000) }, hassan);
    const amina = await fixture.signIn('amina', '1234');
    const float = (await fixture.ok('till.mine', {}, amina))!.pending[0]!;
    await fixture.ok('till.confirmReceipt', { operationId: uuid7(), pendingTransferId: float.transferId }, amina);
    const before = hasher.checksStarted;

    const paidOut = (secret: string) =>
      fixture.call('till.paidOut', { operationId: uuid7(), sessionId, amount: djf(30_000), reasonCode: 'OFFICE-SUPPLIES' }, amina, { username: 'hassan', secret });
    const answers = await Promise.all(guesses('5678').map(paidOut));

    expect(codes(answers)).toEqual({ APPROVAL_REFUSED: 3, TOO_MANY_ATTEMPTS: 48 });
    expect(hasher.checksStarted - before).toBe(MAX_FAILED_ATTEMPTS);
    expect(errorCode(await paidOut('5678'))).toBe('APPROVAL_REFUSED');

    const approvals = (await audit('approval')).filter((e) => e.details.for === 'till.paidOut');
    expect(approvals.filter((e) => e.outcome === 'ok')).toHaveLength(0);
    expect(approvals.filter((e) => e.outcome === 'refused')).toHaveLength(52);
    // Hassan's own session predates his lock: the till still expects its whole float.
    const [till] = await fixture.ok('till.list', {}, hassan);
    expect(till?.expectedCash).toEqual(djf(50_000));
  });

  it('attempts counted but never settled (the process stopped mid-check) count as failures after a restart', async () => {
    const temp = makeTempDir();
    afterwards.push(() => temp.remove());
    hasher = testSecretHasher();
    const first = await startCounter({ dataDir: temp.dir, secretHasher: hasher });
    await first.close();
    // What a stop during three checks leaves behind: three attempts counted, no lock yet.
    const sqlite = new Database(first.counter.databaseFile);
    sqlite.prepare("UPDATE users SET failed_attempts = 3 WHERE username = 'amina'").run();
    sqlite.close();

    fixture = await startCounter({ dataDir: temp.dir, secretHasher: hasher });
    const before = hasher.checksStarted;
    expect(errorCode(await fixture.call('auth.signIn', { username: 'amina', secret: '1234' }))).toBe('ACCOUNT_LOCKED');
    expect(hasher.checksStarted).toBe(before);
    const [locked] = await audit('account.locked');
    expect(locked).toMatchObject({ subject: 'amina', details: { reason: 'unsettled-attempts', failures: 3 } });
  });

  it('the throttle refuses a burst before any hashing, per window, per counter and per username, and audits each refusal', async () => {
    await start();
    const fromOneWindow = await Promise.all(guesses('4321').map((secret) => fixture.call('auth.signIn', { username: 'omar', secret }, undefined, undefined, 'w1')));
    expect(codes(fromOneWindow)).toEqual({ BAD_CREDENTIALS: 2, TOO_MANY_ATTEMPTS: 49 });

    const unknownUsers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => fixture.call('auth.signIn', { username: `ghost${i}`, secret: '0000' })),
    );
    expect(codes(unknownUsers)).toEqual({ BAD_CREDENTIALS: 4, TOO_MANY_ATTEMPTS: 6 });

    const fromManyWindows = await Promise.all(
      Array.from({ length: 10 }, (_, i) => fixture.call('auth.signIn', { username: 'amina', secret: '0000' }, undefined, undefined, `w${i}`)),
    );
    expect(codes(fromManyWindows)).toEqual({ BAD_CREDENTIALS: 2, TOO_MANY_ATTEMPTS: 8 });

    expect(hasher.checksStarted).toBe(2 + 4 + 2);
    expect(hasher.mostAtOnce).toBeLessThanOrEqual(4);
    const throttled = await audit('credentials.throttled');
    expect(reasons(throttled)).toEqual({ window: 49, counter: 6, username: 8 });
    expect(throttled.every((e) => e.outcome === 'refused' && e.details.method === 'auth.signIn')).toBe(true);
    // A throttled guess is not an attempt: neither account is locked by the flood.
    expect(await fixture.signIn('omar', '4321')).toBeTypeOf('string');
    expect(await fixture.signIn('amina', '1234')).toBeTypeOf('string');
  });
});
