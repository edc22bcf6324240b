import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorCode, startCounter, type CounterFixture } from '../support/counter-fixture';

describe('sessions lock after idleness, enforced by the main process', () => {
  let now = new Date('2026-11-22T08:00:00Z');
  let fixture: CounterFixture;
  beforeEach(async () => {
    now = new Date('2026-11-22T08:00:00Z');
    fixture = await startCounter({ clock: { now: () => now }, idleLockSeconds: 60 });
  });
  afterEach(() => fixture.close());
  const advance = (seconds: number) => {
    now = new Date(now.getTime() + seconds * 1000);
  };

  it('keeps an active session open and locks an idle one', async () => {
    const token = await fixture.signIn('fatouma', '2468');
    advance(50);
    expect(errorCode(await fixture.call('audit.list', {}, token))).toBeNull();
    advance(50); // 50 s since the last call: still open
    expect(errorCode(await fixture.call('audit.list', {}, token))).toBeNull();
    advance(61);
    expect(errorCode(await fixture.call('audit.list', {}, token))).toBe('SESSION_LOCKED');
  });

  it('counts activity the window reports (typing a long form) as activity', async () => {
    const token = await fixture.signIn('fatouma', '2468');
    for (let i = 0; i < 5; i++) {
      advance(50);
      expect(errorCode(await fixture.call('auth.touch', {}, token))).toBeNull();
    }
    advance(50);
    expect(errorCode(await fixture.call('audit.list', {}, token))).toBeNull();
  });

  it('unlocks only with the same user’s PIN; sign-out still works while locked', async () => {
    const token = await fixture.signIn('fatouma', '2468');
    advance(120);
    expect(errorCode(await fixture.call('auth.unlock', { secret: '1234' }, token))).toBe('BAD_CREDENTIALS');
    expect(errorCode(await fixture.call('audit.list', {}, token))).toBe('SESSION_LOCKED');
    expect(errorCode(await fixture.call('auth.unlock', { secret: '2468' }, token))).toBeNull();
    expect(errorCode(await fixture.call('audit.list', {}, token))).toBeNull();
    await fixture.ok('auth.lock', {}, token);
    expect(errorCode(await fixture.call('audit.list', {}, token))).toBe('SESSION_LOCKED');
    expect(errorCode(await fixture.call('auth.signOut', {}, token))).toBeNull();
    expect(errorCode(await fixture.call('audit.list', {}, token))).toBe('NO_SESSION');
  });
});
