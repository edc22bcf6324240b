import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadOfficeLinkDraft } from '@shared/contract';
import { errorCode, startCounter, type CounterFixture } from '../../support/counter-fixture';
import { startTestHeadOffice, type TestHeadOffice } from '../../support/head-office';
import { postgresServer } from '../../support/postgres';
import { eventually } from '../../support/replication-checks';
import { makeTempDir } from '../../support/temp-dir';
import { xorEncryptor } from '../../support/xor-encryptor';

const PASSWORD = 'Pw-never-shown-7f3a9';
const temp = makeTempDir('link-settings-');
const settingsFile = join(temp.dir, 'head-office.json');
let ho: TestHeadOffice;
let fixture: CounterFixture;
let draft: Extract<HeadOfficeLinkDraft, { mode: 'configured' }>;
const answers: string[] = [];

/** A technician's call; every answer is kept to prove none of them carries the password. */
async function asTechnician<T>(method: string, input: unknown): Promise<{ ok: boolean; result: T; code: string | null; details: unknown }> {
  const token = await fixture.signIn('ismail', '9012');
  const response = await fixture.call(method, input, token);
  answers.push(JSON.stringify(response));
  return response.ok
    ? { ok: true, result: response.result as T, code: null, details: null }
    : { ok: false, result: undefined as T, code: response.error.code, details: response.error.details };
}

beforeAll(async () => {
  ho = await startTestHeadOffice();
  const role = (await ho.addBranch('DJ-DEMO')).role;
  const server = await postgresServer();
  draft = {
    mode: 'configured',
    host: server.host,
    port: server.port,
    database: ho.database.name,
    user: role,
    // The shared test server speaks no TLS; tls-link.test.ts proves verify-full against one that does.
    sslmode: 'disable',
    ca: { source: 'none' },
    clientCertificate: { source: 'none' },
    clientKey: { source: 'none' },
    password: { source: 'new', value: PASSWORD },
  };
  fixture = await startCounter({ dataDir: temp.dir, secretEncryptor: xorEncryptor, replicationStartDelayMs: 0 });
}, 120_000);

afterAll(async () => {
  await fixture?.close();
  await ho?.close();
  temp.remove();
}, 120_000);

describe('head-office settings through the router', () => {
  it('are for technicians only', async () => {
    for (const [username, pin] of [['amina', '1234'], ['hassan', '5678'], ['fatouma', '2468']] as const) {
      const token = await fixture.signIn(username, pin);
      expect(errorCode(await fixture.call('replication.settings', {}, token))).toBe('FORBIDDEN_ROLE');
      expect(errorCode(await fixture.call('replication.saveSettings', draft, token))).toBe('FORBIDDEN_ROLE');
      expect(errorCode(await fixture.call('replication.testConnection', draft, token))).toBe('FORBIDDEN_ROLE');
    }
    expect(errorCode(await fixture.call('replication.settings', {}))).toBe('NO_SESSION');
    expect(existsSync(settingsFile)).toBe(false);
  });

  it('show the running settings and say where secrets are kept', async () => {
    const view = await asTechnician<{ settings: unknown; source: string; secretProtection: string; secretFile: string }>('replication.settings', {});
    expect(view.result).toMatchObject({ settings: { mode: 'none' }, source: 'startup', secretProtection: 'os' });
    expect(view.result.secretFile).toMatch(/secrets\.encrypted\.json$/);
  });

  it('test a good link with a harmless head-office call, saving nothing', async () => {
    const tested = await asTechnician<{ ok: boolean; outcome: string; headOfficeSeq: number | null; tls: string | null; message: string }>('replication.testConnection', draft);
    expect(tested.result).toMatchObject({ ok: true, outcome: 'connected', headOfficeSeq: 0, tls: null });
    expect(tested.result.message).toMatch(/WITHOUT TLS/);
    expect(existsSync(settingsFile)).toBe(false);
  });

  it('say in words why a link fails: unknown name, refused port, a role of another branch', async () => {
    const unresolved = await asTechnician<{ ok: boolean; outcome: string; message: string }>('replication.testConnection', { ...draft, host: 'no-such-host.invalid' });
    expect(unresolved.result).toMatchObject({ ok: false, outcome: 'unresolved', message: 'head office unreachable: its name does not resolve' });
    const refused = await asTechnician<{ ok: boolean; outcome: string }>('replication.testConnection', { ...draft, host: '127.0.0.1', port: 1 });
    expect(refused.result).toMatchObject({ ok: false, outcome: 'refused' });
    const other = (await ho.addBranch('DJ-OTHER')).role;
    const stranger = await asTechnician<{ ok: boolean; outcome: string; message: string }>('replication.testConnection', { ...draft, user: other });
    expect(stranger.result).toMatchObject({ ok: false, outcome: 'not-a-branch' });
    expect(stranger.result.message).toMatch(/belongs to branch DJ-OTHER/);
  });

  it('refuse a bad host, a missing certificate file or a lone client certificate, and save nothing', async () => {
    const badHost = await asTechnician('replication.saveSettings', { ...draft, host: 'head office!' });
    expect(badHost).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(JSON.stringify(badHost.details)).toContain('"path":"host"');
    const missingCa = await asTechnician('replication.saveSettings', { ...draft, sslmode: 'verify-full', ca: { source: 'file', path: '/nowhere/ca.pem' } });
    expect(missingCa).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(JSON.stringify(missingCa.details)).toContain('"path":"ca.path"');
    const lone = await asTechnician('replication.saveSettings', { ...draft, clientCertificate: { source: 'file', path: '/nowhere/client.pem' } });
    expect(lone).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(existsSync(settingsFile)).toBe(false);
    // The journal signing key is sealed there from the first start (ledger/journal-key.ts); no link secret joined it.
    const secrets = join(temp.dir, 'secrets.encrypted.json');
    const sealed = existsSync(secrets) ? Object.keys(JSON.parse(readFileSync(secrets, 'utf8')) as object) : [];
    expect(sealed.filter((name) => !name.startsWith('journal-key:'))).toEqual([]);
    expect(fixture.counter.status().headOffice.mode).toBe('none');
  });

  it('save, seal the password with the OS encryptor, and relink at once without a restart', async () => {
    const saved = await asTechnician<{ settings: unknown; source: string }>('replication.saveSettings', draft);
    expect(saved.result).toMatchObject({
      source: 'saved',
      settings: { mode: 'configured', host: draft.host, database: draft.database, sslmode: 'disable', password: { source: 'stored' }, clientKey: { source: 'none' } },
    });
    await eventually('the new link is online', () => fixture.counter.status().headOffice.state === 'online', 30_000);
    expect(fixture.counter.status().headOffice.mode).toBe('configured');
    const stored = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    expect(stored).toMatchObject({ mode: 'configured', host: draft.host, user: draft.user });
    expect(readFileSync(join(temp.dir, 'secrets.encrypted.json'), 'utf8')).not.toContain(PASSWORD);

    const tech = await fixture.signIn('ismail', '9012');
    const audit = await fixture.ok('audit.list', { limit: 50 }, tech);
    const saves = audit.filter((entry) => entry.action === 'replication.settings.save');
    // The bad host and the lone certificate never reached the handler: the router's schema refused them.
    expect(saves.map((entry) => entry.outcome)).toEqual(['ok', 'refused']);
    expect(saves[0]!.details).toMatchObject({ password: 'replaced', secretProtection: 'os', host: draft.host });
    expect(audit.some((entry) => entry.action === 'replication.settings.test' && entry.outcome === 'refused')).toBe(true);
    answers.push(JSON.stringify(audit), JSON.stringify(await fixture.ok('replication.link', {}, tech)));
  });

  it('keep the stored password when the draft says so, and switch to no head office and back', async () => {
    const none = await asTechnician<{ settings: { mode: string } }>('replication.saveSettings', { mode: 'none' });
    expect(none.result.settings).toEqual({ mode: 'none' });
    expect(fixture.counter.status().headOffice).toMatchObject({ mode: 'none', state: 'not-configured' });
    const back = await asTechnician<{ settings: unknown }>('replication.saveSettings', { ...draft, password: { source: 'stored' } });
    expect(back.result).toMatchObject({ settings: { mode: 'configured', password: { source: 'stored' } } });
    await eventually('the link is back online', () => fixture.counter.status().headOffice.state === 'online', 30_000);
  });

  it('keep the saved settings and the sealed password across a restart', async () => {
    const before = await asTechnician<unknown>('replication.settings', {});
    await fixture.counter.close();
    // No `headOffice` this time: the counter reads what the technician saved, as the desktop app does.
    fixture = await startCounter({ dataDir: temp.dir, secretEncryptor: xorEncryptor, replicationStartDelayMs: 0, headOffice: undefined });
    const after = await asTechnician<unknown>('replication.settings', {});
    expect(after.result).toEqual(before.result);
    await eventually('the link is online after the restart', () => fixture.counter.status().headOffice.state === 'online', 30_000);
  });

  it('switch to the built-in demo head office (PGlite) and back to the real one, each time without a restart', async () => {
    const demo = await asTechnician<{ settings: { mode: string } }>('replication.saveSettings', { mode: 'demo' });
    expect(demo.result.settings).toEqual({ mode: 'demo' });
    expect((await asTechnician<{ ok: boolean; outcome: string }>('replication.testConnection', { mode: 'demo' })).result).toMatchObject({ ok: true, outcome: 'demo' });
    await eventually('the demo head office answers', () => fixture.counter.status().headOffice.mode === 'demo' && fixture.counter.status().headOffice.state === 'online', 90_000);
    await asTechnician('replication.saveSettings', { ...draft, password: { source: 'stored' } });
    await eventually('the real link is back', () => fixture.counter.status().headOffice.mode === 'configured' && fixture.counter.status().headOffice.state === 'online', 30_000);
  }, 120_000);

  it('never give the password back: not in answers, files, audit or logs', async () => {
    await fixture.counter.close();
    const logs = join(temp.dir, 'logs');
    const logText = readdirSync(logs).map((name) => readFileSync(join(logs, name), 'utf8')).join('');
    const files = readdirSync(temp.dir).filter((name) => name.endsWith('.json')).map((name) => readFileSync(join(temp.dir, name), 'utf8'));
    expect(answers.length).toBeGreaterThan(10);
    for (const text of [...answers, logText, ...files]) expect(text).not.toContain(PASSWORD);
    fixture = await startCounter({ dataDir: temp.dir, secretEncryptor: xorEncryptor });
  });
});

describe('where the OS offers no protection', () => {
  it('says so plainly and names the unprotected file', async () => {
    const bare = await startCounter();
    try {
      const token = await bare.signIn('ismail', '9012');
      const view = await bare.ok('replication.settings', {}, token);
      expect(view.secretProtection).toBe('none');
      expect(view.secretFile).toMatch(/secrets\.UNPROTECTED\.json$/);
    } finally {
      await bare.close();
    }
  });
});
