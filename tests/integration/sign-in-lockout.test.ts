import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '@shared/contract';
import { errorCode, startCounter, type CounterFixture } from '../support/counter-fixture';

describe('sign-in, lockout and supervisor unlock', () => {
  let fixture: CounterFixture;
  beforeEach(async () => {
    fixture = await startCounter();
  });
  afterEach(() => fixture.close());

  const auditTrail = async (action?: string): Promise<AuditEntry[]> => {
    const auditor = await fixture.signIn('fatouma', '2468');
    return fixture.ok('audit.list', { limit: 100, ...(action ? { action } : {}) }, auditor);
  };

  it('signs in with the right PIN and records it', async () => {
    const session = await fixture.ok('auth.signIn', { username: 'amina', secret: '1234' });
    expect(session.user).toMatchObject({ username: 'amina', role: 'clerk', language: 'fr' });
    expect((await auditTrail('signin')).some((e) => e.subject === 'amina' && e.outcome === 'ok')).toBe(true);
  });

  it('gives the same answer for an unknown user and a wrong PIN', async () => {
    expect(errorCode(await fixture.call('auth.signIn', { username: 'nobody', secret: '1234' }))).toBe('BAD_CREDENTIALS');
    expect(errorCode(await fixture.call('auth.signIn', { username: 'amina', secret: '0000' }))).toBe('BAD_CREDENTIALS');
  });

  it('locks the account on the third wrong PIN, then refuses even the right one', async () => {
    expect(errorCode(await fixture.call('auth.signIn', { username: 'omar', secret: '0000' }))).toBe('BAD_CREDENTIALS');
    expect(errorCode(await fixture.call('auth.signIn', { username: 'omar', secret: '0001' }))).toBe('BAD_CREDENTIALS');
    expect(errorCode(await fixture.call('auth.signIn', { username: 'omar', secret: '0002' }))).toBe('ACCOUNT_LOCKED');
    expect(errorCode(await fixture.call('auth.signIn', { username: 'omar', secret: '4321' }))).toBe('ACCOUNT_LOCKED');

    const trail = await auditTrail();
    const aboutOmar = trail.filter((e) => e.subject === 'omar');
    expect(aboutOmar.filter((e) => e.action === 'signin' && e.outcome === 'refused')).toHaveLength(4);
    expect(aboutOmar.some((e) => e.action === 'account.locked')).toBe(true);
  });

  it('a success resets the count of wrong PINs', async () => {
    await fixture.call('auth.signIn', { username: 'omar', secret: '0000' });
    await fixture.call('auth.signIn', { username: 'omar', secret: '0001' });
    await fixture.signIn('omar', '4321');
    await fixture.call('auth.signIn', { username: 'omar', secret: '0002' });
    expect(errorCode(await fixture.call('auth.signIn', { username: 'omar', secret: '4321' }))).toBeNull();
  });

  describe('unlock needs a supervisor (the reusable approval step)', () => {
    const lockOmar = async () => {
      for (const pin of ['0000', '0001', '0002']) await fixture.call('auth.signIn', { username: 'omar', secret: pin });
    };

    it('asks for approval when nobody approves', async () => {
      await lockOmar();
      expect(errorCode(await fixture.call('users.unlockAccount', { username: 'omar' }))).toBe('APPROVAL_REQUIRED');
    });

    it('refuses a clerk as approver, a wrong PIN, and self-approval', async () => {
      await lockOmar();
      const byClerk = await fixture.call('users.unlockAccount', { username: 'omar' }, undefined, { username: 'amina', secret: '1234' });
      expect(errorCode(byClerk)).toBe('APPROVAL_REFUSED');
      const wrongPin = await fixture.call('users.unlockAccount', { username: 'omar' }, undefined, { username: 'hassan', secret: '9999' });
      expect(errorCode(wrongPin)).toBe('APPROVAL_REFUSED');
      const amina = await fixture.signIn('amina', '1234');
      const self = await fixture.call('users.unlockAccount', { username: 'omar' }, amina, { username: 'amina', secret: '1234' });
      expect(errorCode(self)).toBe('APPROVAL_REFUSED');
      expect(errorCode(await fixture.call('auth.signIn', { username: 'omar', secret: '4321' }))).toBe('ACCOUNT_LOCKED');
      const refusals = (await auditTrail('approval')).filter((e) => e.outcome === 'refused');
      expect(refusals.map((e) => e.details.reason).sort()).toEqual(['bad-credentials', 'not-a-supervisor', 'self-approval']);
    });

    it('unlocks with a supervisor keying in their PIN at the window, and audits who approved', async () => {
      await lockOmar();
      const response = await fixture.call('users.unlockAccount', { username: 'omar' }, undefined, { username: 'hassan', secret: '5678' });
      expect(response.ok).toBe(true);
      expect(await fixture.signIn('omar', '4321')).toBeTypeOf('string');
      const unlock = (await auditTrail('account.unlock'))[0];
      expect(unlock).toMatchObject({ actor: 'hassan', subject: 'omar', outcome: 'ok' });
    });

    it('unlocks from a supervisor session without keying credentials again', async () => {
      await lockOmar();
      const hassan = await fixture.signIn('hassan', '5678');
      expect((await fixture.call('users.unlockAccount', { username: 'omar' }, hassan)).ok).toBe(true);
      const approval = (await auditTrail('approval'))[0];
      expect(approval).toMatchObject({ actor: 'hassan', subject: 'omar', outcome: 'ok', details: { for: 'account.unlock', by: 'session' } });
    });
  });
});
