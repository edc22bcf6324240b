import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BranchSetup, CallResponse, EventMessage } from '@shared/contract';
import { CounterHost } from '../../electron/services/counter-host';
import { makeTempDir } from '../support/temp-dir';
import { testSecretHasher } from '../support/test-secret-hasher';

const setup: BranchSetup = {
  code: 'DJ-BALBALA',
  name: 'Bureau de poste de Balbala',
  country: 'DJ',
  currency: 'DJF',
  language: 'fr',
  supervisor: { username: 'kadra', displayName: 'Kadra Ali', secret: '864209' },
  technician: { username: 'said', displayName: 'Saïd Omar', secret: 'a-long-password' },
};

describe('first-run setup replaces the demo branch', () => {
  const temp = makeTempDir();
  let host: CounterHost;
  const call = (method: string, input: unknown, session?: string): Promise<CallResponse> =>
    host.route({ id: randomUUID(), method, input, session });
  const token = async (username: string, secret: string) => {
    const response = await call('auth.signIn', { username, secret });
    if (!response.ok) throw new Error(response.error.code);
    return (response.result as { token: string }).token;
  };

  beforeEach(async () => {
    host = await CounterHost.start({ secretHasher: testSecretHasher(), dataDir: temp.dir });
  });
  afterEach(async () => {
    await host.close();
    temp.remove();
  });

  it('creates the real branch in its own database, switches to it and ends every session', async () => {
    const events: EventMessage[] = [];
    host.subscribe((message) => events.push(message));
    const technician = await token('ismail', '9012');
    expect((await call('branch.setup', setup, technician)).ok).toBe(true);

    const status = await call('system.status', {});
    expect(status.ok && status.result).toMatchObject({ state: 'ready', branch: { code: 'DJ-BALBALA', demo: false } });
    expect(events.some((e) => e.event === 'status.changed')).toBe(true);
    expect(host.current.databaseFile).toBe(join(temp.dir, 'branch.sqlite'));
    expect(existsSync(join(temp.dir, 'demo.sqlite'))).toBe(true);

    // The old session and the demo users are gone; the new supervisor signs in.
    expect((await call('audit.list', {}, technician)).ok).toBe(false);
    expect((await call('auth.signIn', { username: 'amina', secret: '1234' })).ok).toBe(false);
    const supervisor = await token('kadra', '864209');
    const trail = await call('audit.list', { action: 'branch.created' }, supervisor);
    expect(trail.ok && trail.result).toEqual([expect.objectContaining({ actor: 'ismail', subject: 'DJ-BALBALA' })]);

    // Reopening the folder keeps the real branch: the switch is durable.
    await host.close();
    host = await CounterHost.start({ secretHasher: testSecretHasher(), dataDir: temp.dir });
    const again = await call('system.status', {});
    expect(again.ok && again.result).toMatchObject({ branch: { code: 'DJ-BALBALA' } });
  });

  it('is refused for a clerk, and once the branch is real', async () => {
    const clerk = await token('amina', '1234');
    expect(await call('branch.setup', setup, clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
    expect((await call('branch.setup', setup, await token('ismail', '9012'))).ok).toBe(true);
    const technician = await token('said', 'a-long-password');
    expect(await call('branch.setup', { ...setup, code: 'DJ-OTHER' }, technician)).toMatchObject({
      ok: false,
      error: { code: 'RULE_BROKEN' },
    });
  });

  it('refuses a bad profile with the fields to fix', async () => {
    const technician = await token('ismail', '9012');
    const response = await call('branch.setup', { ...setup, currency: 'djf', country: 'DJI' }, technician);
    expect(response.ok).toBe(false);
    const paths = !response.ok && (response.error.details?.issues as Array<{ path: string }>).map((i) => i.path).sort();
    expect(paths).toEqual(['country', 'currency']);
  });
});
