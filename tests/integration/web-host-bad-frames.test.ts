import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect as connectTcp, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { CallResponse } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import { MAX_CALL_BYTES } from '../../electron/web/call-limits';
import { RPC_PATH, RPC_PROTOCOL } from '../../electron/web/web-host';
import { ROOT } from '../support/browser-host';
import { makeTempDir } from '../support/temp-dir';

/**
 * The browser host as `npm run start:web` runs it (electron/web/start.ts in its own
 * process), attacked with frames no browser sends. Each bad frame must cost only the
 * window that sent it its connection, with a close code saying why; the host process
 * lives on and a signed-in window keeps trading.
 */

const OPCODE = { text: 0x1, binary: 0x2, reserved3: 0x3, close: 0x8 } as const;

/** One WebSocket frame, built by hand: a browser's frames are masked, these may not be. */
function frame(opcode: number, payload: Buffer, masked = true): Buffer {
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([0x80 | opcode, (masked ? 0x80 : 0) | length])
      : length < 65_536
        ? Buffer.concat([Buffer.from([0x80 | opcode, (masked ? 0x80 : 0) | 126]), u16(length)])
        : Buffer.concat([Buffer.from([0x80 | opcode, (masked ? 0x80 : 0) | 127]), u64(length)]);
  if (!masked) return Buffer.concat([header, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  return Buffer.concat([header, mask, body]);
}
const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
};
const u64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
};

interface ServerFrame {
  opcode: number;
  payload: Buffer;
}

/** A window written at the byte level: the upgrade handshake by hand, then frames as given. */
class RawWindow {
  private buffer = Buffer.alloc(0);
  private waiting: (() => void) | null = null;
  ended = false;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.waiting?.();
    });
    socket.on('close', () => {
      this.ended = true;
      this.waiting?.();
    });
    socket.on('error', () => undefined);
  }

  static async open(port: number, token: string): Promise<RawWindow> {
    const socket = connectTcp(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const window = new RawWindow(socket);
    socket.write(
      [
        `GET ${RPC_PATH} HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        `Sec-WebSocket-Protocol: ${RPC_PROTOCOL}, token.${token}`,
        '',
        '',
      ].join('\r\n'),
    );
    const head = await window.until(() => {
      const end = window.buffer.indexOf('\r\n\r\n');
      if (end < 0) return undefined;
      const text = window.buffer.subarray(0, end).toString();
      window.buffer = window.buffer.subarray(end + 4);
      return text;
    });
    expect(head).toMatch(/^HTTP\/1\.1 101 /);
    return window;
  }

  send(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** The next frame from the host, or null once the connection has ended without one. */
  nextFrame(): Promise<ServerFrame | null> {
    return this.until(() => {
      const b = this.buffer;
      if (b.length < 2) return undefined;
      let length = b[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (b.length < 4) return undefined;
        length = b.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (b.length < 10) return undefined;
        length = Number(b.readBigUInt64BE(2));
        offset = 10;
      }
      if (b.length < offset + length) return undefined;
      this.buffer = b.subarray(offset + length);
      return { opcode: b[0]! & 0x0f, payload: b.subarray(offset, offset + length) };
    });
  }

  /** A call in a proper masked text frame, and its answer: proves the handshake and framing are right. */
  async call(method: string): Promise<CallResponse> {
    this.send(frame(OPCODE.text, Buffer.from(JSON.stringify({ id: 'raw', method, input: {} }))));
    for (;;) {
      const next = await this.nextFrame();
      expect(next?.opcode).toBe(OPCODE.text);
      const message = JSON.parse(next!.payload.toString()) as CallResponse | { event: string };
      // A status event may come first: any window hears those.
      if ('id' in message) return message;
    }
  }

  /**
   * The close code the host sent (its close frame); null when the connection ended without
   * one; -1 when the host answered the frame as a call instead of closing.
   */
  async closeCode(): Promise<number | null> {
    for (;;) {
      const next = await this.nextFrame();
      if (next === null) return null;
      if (next.opcode === OPCODE.close) {
        this.socket.destroy();
        return next.payload.length >= 2 ? next.payload.readUInt16BE(0) : null;
      }
      // Events (status changes) may reach any window; an answer to a call means no close came.
      if (next.opcode === OPCODE.text && 'id' in (JSON.parse(next.payload.toString()) as object)) return -1;
    }
  }

  private until<T>(take: () => T | undefined): Promise<T | null> {
    return new Promise((resolve) => {
      const check = () => {
        const value = take();
        if (value !== undefined) {
          this.waiting = null;
          resolve(value);
        } else if (this.ended) {
          this.waiting = null;
          resolve(null);
        }
      };
      this.waiting = check;
      check();
    });
  }
}

describe('browser host: a bad frame drops only the window that sent it', () => {
  const temp = makeTempDir();
  let child: ChildProcess;
  let exited: { code: number | null; signal: string | null } | null = null;
  let output = '';
  let port = 0;
  let token = '';

  const openWindow = () =>
    new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}${RPC_PATH}`, [RPC_PROTOCOL, `token.${token}`]);
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    });
  const call = (socket: WebSocket, method: string, input: unknown, session?: string) =>
    new Promise<CallResponse>((resolve, reject) => {
      const id = uuid7();
      const onClose = (code: number) => reject(new Error(`window closed (${code}) before answering ${method}`));
      const onMessage = (data: Buffer) => {
        const parsed = JSON.parse(data.toString()) as Partial<CallResponse>;
        if (parsed.id === id) {
          socket.off('message', onMessage).off('close', onClose);
          resolve(parsed as CallResponse);
        }
      };
      socket.on('message', onMessage).once('close', onClose);
      socket.send(JSON.stringify({ id, method, input, session }));
    });
  const signIn = async (socket: WebSocket, username: string, secret: string) => {
    const answer = await call(socket, 'auth.signIn', { username, secret });
    if (!answer.ok) throw new Error(`sign-in failed: ${answer.error.code}`);
    return (answer.result as { token: string }).token;
  };

  let amina: WebSocket;
  let omar: WebSocket;
  let omarSession = '';

  /** The other window still answers a public call and a signed-in one, and the host process is alive. */
  const expectOtherWindowTrades = async () => {
    expect(exited, `host exited: ${output}`).toBeNull();
    expect(await call(omar, 'system.status', {})).toMatchObject({ ok: true });
    const products = await call(omar, 'sale.products', {}, omarSession);
    expect(products).toMatchObject({ ok: true });
    expect((products as { result: unknown[] }).result.length).toBeGreaterThan(0);
  };

  beforeAll(async () => {
    const dataDir = join(temp.dir, 'data');
    mkdirSync(dataDir);
    // No demo head office: PGlite's first start costs seconds of CPU and is not under test.
    writeFileSync(join(dataDir, 'head-office.json'), '{"mode":"none"}\n');
    child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/web/start.ts')], {
      cwd: ROOT,
      env: { ...process.env, COUNTER_DATA_DIR: dataDir, COUNTER_PORT: '0', COUNTER_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) => (exited = { code, signal }));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const ready = /Counter ready: open (\S+)/.exec(output);
        if (ready) resolve(ready[1]!);
      });
      child.once('exit', () => reject(new Error(`host exited before it was ready:\n${output}`)));
    });
    const parsed = new URL(url);
    port = Number(parsed.port);
    token = parsed.hash.replace('#token=', '');

    amina = await openWindow();
    omar = await openWindow();
    await signIn(amina, 'amina', '1234');
    omarSession = await signIn(omar, 'omar', '4321');
  });

  afterAll(async () => {
    omar?.terminate();
    amina?.terminate();
    if (child && exited === null) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    }
    temp.remove();
  });

  const oversized = () => {
    const payload = Buffer.alloc(MAX_CALL_BYTES + 1, 'x');
    payload.write('{"id":"big","method":"system.status","input":{"note":"');
    return payload;
  };

  it.each([
    ['a message over the payload limit', 1009, () => frame(OPCODE.text, oversized())],
    ['a text frame that is not UTF-8', 1007, () => frame(OPCODE.text, Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]))],
    ['a frame with the reserved opcode 3', 1002, () => frame(OPCODE.reserved3, Buffer.from('{}'))],
    ['an unmasked client frame', 1002, () => frame(OPCODE.text, Buffer.from('{"id":"u","method":"system.status","input":{}}'), false)],
    ['a text frame that is not JSON', 1008, () => frame(OPCODE.text, Buffer.from('{"id": not json'))],
    ['a binary frame', 1003, () => frame(OPCODE.binary, Buffer.from('{"id":"b","method":"system.status","input":{}}'))],
  ])('%s closes that window with %i, and nothing else', async (_name, expectedCode, badFrame) => {
    const attacker = await RawWindow.open(port, token);
    expect(await attacker.call('system.status')).toMatchObject({ ok: true });
    attacker.send(badFrame());
    expect(await attacker.closeCode()).toBe(expectedCode);
    await expectOtherWindowTrades();
  });

  it('a 1 MB paste into a note field closes the pasting window with 1009; the other window trades on', async () => {
    expect(amina.readyState, 'the pasting window is still open before the paste').toBe(WebSocket.OPEN);
    const closed = new Promise<number>((resolve) => amina.once('close', resolve));
    amina.send(
      JSON.stringify({
        id: uuid7(),
        method: 'till.paidIn',
        input: { operationId: uuid7(), sessionId: 'x', amount: { minor: 100, currency: 'DJF' }, reasonCode: 'misc', note: 'é'.repeat(512 * 1024) },
      }),
    );
    expect(await closed).toBe(1009);
    await expectOtherWindowTrades();
    // A new window connects and signs in as before: the host still accepts windows.
    const again = await openWindow();
    const session = await signIn(again, 'amina', '1234');
    expect(await call(again, 'sale.products', {}, session)).toMatchObject({ ok: true });
    again.close();
  });
});
