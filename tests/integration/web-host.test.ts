import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { CallResponse, EventMessage } from '@shared/contract';
import { CounterHost } from '../../electron/services/counter-host';
import { RPC_PATH, RPC_PROTOCOL, startWebHost, type WebHost } from '../../electron/web/web-host';
import { makeTempDir } from '../support/temp-dir';
import { testSecretHasher } from '../support/test-secret-hasher';

describe('browser host: WebSocket transport', () => {
  const temp = makeTempDir();
  let host: CounterHost;
  let web: WebHost;

  beforeAll(async () => {
    const rendererDir = join(temp.dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>counter</title>');
    host = await CounterHost.start({ secretHasher: testSecretHasher(), dataDir: join(temp.dir, 'data') });
    web = await startWebHost({ connect: (deliver) => host.connect(deliver), rendererDir, logger: host.current.logger });
  });
  afterAll(async () => {
    await web.close();
    await host.close();
    temp.remove();
  });

  const connect = (protocols: string[], headers: Record<string, string> = {}, address = '127.0.0.1') =>
    new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(`ws://${address}:${web.port}${RPC_PATH}`, protocols, { headers });
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  const call = (socket: WebSocket, message: unknown) =>
    new Promise<CallResponse>((resolve) => {
      const onMessage = (data: Buffer) => {
        const parsed = JSON.parse(data.toString()) as CallResponse | EventMessage;
        if ('id' in parsed) {
          socket.off('message', onMessage);
          resolve(parsed);
        }
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify(message));
    });

  it('listens on 127.0.0.1 only', async () => {
    // 127.0.0.2 reaches this machine too, but not a socket bound to 127.0.0.1 alone —
    // an address every machine has, so this check never depends on the network cards.
    await expect(connect([RPC_PROTOCOL, `token.${web.token}`], {}, '127.0.0.2')).rejects.toThrow(/ECONNREFUSED/);
    const socket = await connect([RPC_PROTOCOL, `token.${web.token}`]);
    socket.close();
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
  });

  it('refuses a connection without the token, or with a wrong one', async () => {
    await expect(connect([RPC_PROTOCOL])).rejects.toThrow(/401/);
    await expect(connect([RPC_PROTOCOL, 'token.wrong'])).rejects.toThrow(/401/);
    await expect(connect([RPC_PROTOCOL, `token.${web.token}x`])).rejects.toThrow(/401/);
  });

  it('refuses a page from another origin even with the token', async () => {
    await expect(connect([RPC_PROTOCOL, `token.${web.token}`], { origin: 'https://evil.example' })).rejects.toThrow(/401/);
  });

  it('routes calls for a connection with the token and the app origin', async () => {
    const socket = await connect([RPC_PROTOCOL, `token.${web.token}`], { origin: `http://127.0.0.1:${web.port}` });
    const status = await call(socket, { id: 'a', method: 'system.status', input: {} });
    expect(status).toMatchObject({ id: 'a', ok: true });
    const bad = await call(socket, 'not json at all');
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    socket.close();
  });

  it('pushes events to connected windows', async () => {
    const socket = await connect([RPC_PROTOCOL, `token.${web.token}`]);
    const received = new Promise<EventMessage>((resolve) =>
      socket.on('message', (data) => {
        const parsed = JSON.parse(data.toString()) as EventMessage;
        if ('event' in parsed) resolve(parsed);
      }),
    );
    host.current.publishStatus();
    expect((await received).event).toBe('status.changed');
    socket.close();
  });

  it('serves the renderer with a strict content security policy', async () => {
    const headers = await new Promise<Record<string, string | string[] | undefined>>((resolve, reject) =>
      request(`http://127.0.0.1:${web.port}/`, (res) => {
        res.resume();
        resolve(res.headers);
      })
        .on('error', reject)
        .end(),
    );
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("object-src 'none'");
    expect(headers['content-security-policy']).toContain(`ws://127.0.0.1:${web.port}`);
  });

  it('does not serve files outside the renderer folder', async () => {
    const status = await new Promise<number>((resolve, reject) =>
      request({ host: '127.0.0.1', port: web.port, path: '/../data/demo.sqlite' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end(),
    );
    expect(status).toBe(404);
  });
});
