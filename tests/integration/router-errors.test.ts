import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startCounter, type CounterFixture } from '../support/counter-fixture';

describe('router: every refusal has its own code', () => {
  let fixture: CounterFixture;
  let clerk: string;

  beforeAll(async () => {
    fixture = await startCounter();
    clerk = await fixture.signIn('amina', '1234');
  });
  afterAll(() => fixture.close());

  it('answers a known public method without a session', async () => {
    const response = await fixture.call('system.status', {});
    expect(response.ok).toBe(true);
    expect(response.ok && (response.result as { branch: { demo: boolean } }).branch.demo).toBe(true);
  });

  it('refuses an unknown method with UNKNOWN_METHOD', async () => {
    expect(errorCode(await fixture.call('till.explode', {}, clerk))).toBe('UNKNOWN_METHOD');
    // Prototype keys are not methods either.
    expect(errorCode(await fixture.call('constructor', {}, clerk))).toBe('UNKNOWN_METHOD');
  });

  it('refuses bad input with INVALID_INPUT and the offending field', async () => {
    const response = await fixture.call('auth.signIn', { username: 'AMINA!', secret: 12 });
    expect(errorCode(response)).toBe('INVALID_INPUT');
    const issues = !response.ok && (response.error.details?.issues as Array<{ path: string }>);
    expect(issues && issues.map((issue) => issue.path).sort()).toEqual(['secret', 'username']);
  });

  it('refuses extra fields where the contract is strict', async () => {
    expect(errorCode(await fixture.call('system.status', { sneaky: true }))).toBe('INVALID_INPUT');
  });

  it('refuses a malformed envelope with INVALID_INPUT', async () => {
    expect(errorCode(await fixture.counter.route({ method: 'system.status' }))).toBe('INVALID_INPUT');
    expect(errorCode(await fixture.counter.route(null))).toBe('INVALID_INPUT');
  });

  it('refuses a role-restricted method without a session with NO_SESSION', async () => {
    expect(errorCode(await fixture.call('audit.list', {}))).toBe('NO_SESSION');
    expect(errorCode(await fixture.call('audit.list', {}, 'forged-token'))).toBe('NO_SESSION');
  });

  it('checks the session, then the role, before the input: a caller who may not call learns nothing of its shape', async () => {
    const bad = { limit: 'all', beforeSeq: -1, sneaky: true };
    expect(errorCode(await fixture.call('audit.list', bad))).toBe('NO_SESSION');
    expect(errorCode(await fixture.call('audit.list', bad, clerk))).toBe('FORBIDDEN_ROLE');
    // Unknown methods and a refused database still answer first (tests/integration/database-frame.test.ts).
    expect(errorCode(await fixture.call('audit.explode', bad))).toBe('UNKNOWN_METHOD');
  });

  it('refuses the wrong role with FORBIDDEN_ROLE', async () => {
    const response = await fixture.call('audit.list', {}, clerk);
    expect(errorCode(response)).toBe('FORBIDDEN_ROLE');
    expect(!response.ok && response.error.details?.allowed).toContain('auditor');
  });

  it('gives technicians the diagnostics of the real database file', async () => {
    const technician = await fixture.signIn('ismail', '9012');
    const diagnostics = await fixture.ok('system.diagnostics', {}, technician);
    expect(diagnostics.databaseFile).toBe(fixture.counter.databaseFile);
    expect(diagnostics.databaseBytes).toBeGreaterThan(0);
    expect(diagnostics.schemaMigrations[0]).toBe('0001-branch-users-audit');
    expect(errorCode(await fixture.call('system.diagnostics', {}, clerk))).toBe('FORBIDDEN_ROLE');
  });

  it('lets the right role through', async () => {
    const auditor = await fixture.signIn('fatouma', '2468');
    const response = await fixture.call('audit.list', { limit: 5 }, auditor);
    expect(response.ok).toBe(true);
  });
});
