import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { AuditEntry, CallResponse, EventMessage } from '@shared/contract';
import type { SecretHasher } from '../../electron/services/auth/secret-hash';
import type { ThrottleLimits } from '../../electron/services/auth/credential-throttle';
import { RPC_PATH, RPC_PROTOCOL } from '../../electron/web/web-host';
import { startBrowserHost, type RunningBrowserHost } from '../support/browser-host';
import { errorCode } from '../support/counter-fixture';
import { makeTempDir } from '../support/temp-dir';
import { testSecretHasher } from '../support/test-secret-hasher';

/**
 * The attack of issue 11 §1 as it was run: one burst over 4 WebSockets of the
 * real browser host, 50 wrong supervisor PINs with the right one 36th. Each
 * socket delivers its calls in order, so the right PIN reaches the counter
 * after at least eight wrong ones on its own socket have taken or found every
 * attempt slot: whatever the timing across sockets, it must be refused.
 */
const SOCKETS = 4;

describe('concurrent guesses over the browser host WebSockets', () => {
  const temp = makeTempDir();
  let web: RunningBrowserHost;
  let hasher: SecretHasher;
  let requests = 0;
  let starts = 0;
  afterEach(() => web.stop());
  afterAll(() => temp.remove());

  const start = async (credentialThrottle?: ThrottleLimits) => {
    starts += 1;
    const rendererDir = join(temp.dir, `renderer-${starts}`);
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>counter</title>');
    hasher = testSecretHasher();
    web = await startBrowserHost(
      { dataDir: join(temp.dir, `data-${starts}`), secretHasher: hasher, ...(credentialThrottle ? { credentialThrottle } : {}) },
      { rendererDir },
    );
  };
  const connect = () =>
    new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${web.web.port}${RPC_PATH}`, [RPC_PROTOCOL, `token.${web.web.token}`]);
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    });
  /** Sends every call at once, spread over the sockets in turn, and collects the answers by id. */
  const burst = async (calls: ReadonlyArray<Record<string, unknown>>): Promise<CallResponse[]> => {
    const sockets = await Promise.all(Array.from({ length: SOCKETS }, connect));
    const ids = calls.map(() => `g${++requests}`);
    const answers = new Map<string, CallResponse>();
    const done = new Promise<void>((resolve) => {
      for (const socket of sockets) {
        socket.on('message', (data: Buffer) => {
          const message = JSON.parse(data.toString()) as CallResponse | EventMessage;
          if (!('id' in message)) return;
          answers.set(message.id, message);
          if (answers.size === calls.length) resolve();
        });
      }
    });
    calls.forEach((call, i) => sockets[i % SOCKETS]!.send(JSON.stringify({ id: ids[i], ...call })));
    await done;
    sockets.forEach((socket) => socket.close());
    return ids.map((id) => answers.get(id)!);
  };
  const route = (method: string, input: unknown, session?: string, approval?: unknown) =>
    web.host.route({ id: `r${++requests}`, method, input, session, approval });
  const audit = async (action: string): Promise<AuditEntry[]> => {
    const signIn = await route('auth.signIn', { username: 'fatouma', secret: '2468' });
    if (!signIn.ok) throw new Error(`auditor sign-in failed: ${signIn.error.code}`);
    const listed = await route('audit.list', { limit: 500, action }, (signIn.result as { token: string }).token);
    if (!listed.ok) throw new Error(`audit.list failed: ${listed.error.code}`);
    return listed.result as AuditEntry[];
  };
  const guesses = (right: string) => {
    const wrong = Array.from({ length: 50 }, (_, i) => String(1000 + i));
    return [...wrong.slice(0, 35), right, ...wrong.slice(35)];
  };

  it('users.unlockAccount: a 51-guess burst checks 3 supervisor PINs, unlocks nobody, and audits every refusal', async () => {
    await start({ perWindow: 1000, perUsername: 1000, total: 1000 });
    for (const secret of ['0000', '0001', '0002']) await route('auth.signIn', { username: 'omar', secret });
    const before = hasher.checksStarted;

    const answers = await burst(
      guesses('5678').map((secret) => ({ method: 'users.unlockAccount', input: { username: 'omar' }, approval: { username: 'hassan', secret } })),
    );

    expect(answers.filter((answer) => answer.ok)).toHaveLength(0);
    expect(hasher.checksStarted - before).toBe(3);
    expect(errorCode(await route('auth.signIn', { username: 'omar', secret: '4321' }))).toBe('ACCOUNT_LOCKED');
    expect(errorCode(await route('auth.signIn', { username: 'hassan', secret: '5678' }))).toBe('ACCOUNT_LOCKED');
    const approvals = (await audit('approval')).filter((e) => e.details.for === 'account.unlock');
    expect(approvals.filter((e) => e.outcome === 'ok')).toHaveLength(0);
    expect(approvals.filter((e) => e.outcome === 'refused')).toHaveLength(51);
    expect(await audit('account.unlock')).toHaveLength(0);
  });

  it('auth.signIn with the default throttle: never more than 3 checks nor 2 at once, no session after the lock, every refusal audited', async () => {
    await start();
    const answers = await burst(guesses('1234').map((secret) => ({ method: 'auth.signIn', input: { username: 'amina', secret } })));

    // Across sockets the timing is free: the right PIN may legitimately be among the first three
    // checks (then the success reopens three slots for the guesses still arriving), never later.
    const sessions = answers.filter((answer) => answer.ok).length;
    expect(sessions).toBeLessThanOrEqual(1);
    expect(hasher.checksStarted).toBeLessThanOrEqual(3 * (1 + sessions));
    expect(hasher.mostAtOnce).toBeLessThanOrEqual(2);
    const refusedAnswers = answers.filter((answer) => !answer.ok);
    const throttled = (await audit('credentials.throttled')).filter((e) => e.subject === 'amina');
    const trail = (await audit('signin')).filter((e) => e.subject === 'amina');
    expect(throttled.length + trail.filter((e) => e.outcome === 'refused').length).toBe(refusedAnswers.length);
    // A session, if the right PIN was among the first three checks, came before any lock and
    // after at most two wrong PINs were checked.
    const lockedAt = (await audit('account.locked')).find((e) => e.subject === 'amina')?.seq ?? Infinity;
    const granted = trail.filter((e) => e.outcome === 'ok');
    expect(granted.filter((e) => e.seq > lockedAt)).toHaveLength(0);
    const checkedWrong = trail.filter((e) => e.details.reason === 'wrong-secret');
    for (const session of granted) expect(checkedWrong.filter((e) => e.seq < session.seq).length).toBeLessThanOrEqual(2);
  });
});
