// Device events reach only the windows that may see them, through the real browser host: a socket
// nobody signed in on, a locked one and a signed-out one hear no weight and no scan; a signed-in
// socket hears both. A real scale and a real serial scanner on socat pty pairs produce the events.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { CallResponse, EventMessage } from '@shared/contract';
import { CounterHost } from '../../electron/services/counter-host';
import { createPtyPair, type PtyPair } from '../../electron/services/devices/simulators/pty-pair';
import { ScaleSimulator } from '../../electron/services/devices/simulators/scale-simulator';
import { ScannerSimulator } from '../../electron/services/devices/simulators/scanner-simulator';
import { RPC_PATH, RPC_PROTOCOL, startWebHost, type WebHost } from '../../electron/web/web-host';
import { tempDir, waitUntil } from '../devices/helpers';
import { makeTempDir } from '../support/temp-dir';
import { testSecretHasher } from '../support/test-secret-hasher';

/** A browser window as the host sees it: one socket, its own session token, everything it heard. */
interface Window {
  socket: WebSocket;
  heard: EventMessage[];
  token: string | undefined;
  call(method: string, input: unknown): Promise<CallResponse>;
  signIn(username: string, secret: string): Promise<void>;
}

const named = (window: Window, event: string): EventMessage[] => window.heard.filter((message) => message.event === event);

describe('browser host: device events only to signed-in, unlocked windows', () => {
  const temp = makeTempDir();
  const opened: WebSocket[] = [];
  let host: CounterHost;
  let web: WebHost;
  let scalePair: PtyPair;
  let scannerPair: PtyPair;
  let scale: ScaleSimulator;
  let scanner: ScannerSimulator;
  let requests = 0;

  const open = async (): Promise<Window> => {
    const socket = new WebSocket(`ws://127.0.0.1:${web.port}${RPC_PATH}`, [RPC_PROTOCOL, `token.${web.token}`]);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    opened.push(socket);
    const pending = new Map<string, (response: CallResponse) => void>();
    const window: Window = {
      socket,
      heard: [],
      token: undefined,
      call: (method, input) =>
        new Promise((resolve) => {
          const id = `w${++requests}`;
          pending.set(id, resolve);
          socket.send(JSON.stringify({ id, method, input, session: window.token }));
        }),
      async signIn(username, secret) {
        const response = await window.call('auth.signIn', { username, secret });
        if (!response.ok) throw new Error(`sign-in failed: ${response.error.code}`);
        window.token = (response.result as { token: string }).token;
      },
    };
    socket.on('message', (data: Buffer) => {
      const parsed = JSON.parse(data.toString()) as CallResponse | EventMessage;
      if ('event' in parsed) window.heard.push(parsed);
      else pending.get(parsed.id)?.(parsed);
    });
    return window;
  };

  beforeAll(async () => {
    const rendererDir = join(temp.dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>counter</title>');
    const dir = tempDir('events-devices');
    scalePair = await createPtyPair(join(dir, 'scale-counter'), join(dir, 'scale-sim'));
    scannerPair = await createPtyPair(join(dir, 'scanner-counter'), join(dir, 'scanner-sim'));
    scale = new ScaleSimulator(scalePair.simulatorPath, 'mt-sics');
    await scale.start();
    scanner = new ScannerSimulator(scannerPair.simulatorPath);
    await scanner.start();
    host = await CounterHost.start({ secretHasher: testSecretHasher(), dataDir: join(temp.dir, 'data'), headOffice: { mode: 'none' } });
    web = await startWebHost({ connect: (deliver) => host.connect(deliver), rendererDir, logger: host.current.logger });

    const technician = await open();
    await technician.signIn('ismail', '9012');
    const save = async (config: unknown) => expect((await technician.call('devices.save', config)).ok).toBe(true);
    await save({ id: 'scale', name: 'Balance', kind: 'scale', protocol: 'mt-sics', pollMs: 100, transport: { type: 'serial', path: scalePair.devicePath } });
    await save({ id: 'scanner', name: 'Douchette', kind: 'scanner', transport: { type: 'serial', path: scannerPair.devicePath } });
    technician.socket.close();
  });

  afterAll(async () => {
    for (const socket of opened) socket.close();
    await web?.close();
    await host?.close();
    await scale?.stop();
    await scanner?.stop();
    await scalePair?.unplug();
    await scannerPair?.unplug();
    temp.remove();
  });

  it('a signed-out, a locked and a signed-off socket hear no weight and no scan; a signed-in one hears both', async () => {
    const signedOut = await open();
    // A window that shows the sign-in screen does call the counter, without a session.
    expect((await signedOut.call('system.status', {})).ok).toBe(true);
    const clerk = await open();
    await clerk.signIn('amina', '1234');
    const locked = await open();
    await locked.signIn('omar', '4321');
    expect((await locked.call('auth.lock', {})).ok).toBe(true);
    const left = await open();
    await left.signIn('hassan', '5678');
    expect((await left.call('auth.signOut', {})).ok).toBe(true);
    left.token = undefined;
    // While they were signed in and unlocked they could rightly hear the scale's polling; what
    // counts is what they hear after. One socket carries answers and events in order, so nothing
    // sent before the lock or sign-out answer can arrive after it.
    locked.heard.length = 0;
    left.heard.length = 0;

    scale.set({ grams: 1250, motion: false });
    await waitUntil(() => named(clerk, 'scale.weight').some((m) => (m.payload as { grams: number }).grams === 1250), 15_000, 'weight at the signed-in window');
    await scanner.scan('RR123456785DJ', ']C0');
    await waitUntil(() => named(clerk, 'scan').length > 0, 10_000, 'scan at the signed-in window');
    expect(named(clerk, 'scan')[0]?.payload).toMatchObject({ code: 'RR123456785DJ', source: 'serial' });
    // Give the others every chance to have heard something too.
    await new Promise((resolve) => setTimeout(resolve, 300));

    for (const window of [signedOut, locked, left]) {
      expect(named(window, 'scale.weight')).toEqual([]);
      expect(named(window, 'scan')).toEqual([]);
      expect(named(window, 'device.status')).toEqual([]);
    }

    // The status bar is for everyone, signed in or not.
    const before = named(signedOut, 'status.changed').length;
    host.current.publishStatus();
    await waitUntil(() => named(signedOut, 'status.changed').length > before, 5_000, 'status bar at the signed-out window');
  });

  it('a locked window hears again once unlocked; one that signs in starts hearing', async () => {
    const window = await open();
    await window.signIn('amina', '1234');
    expect((await window.call('auth.lock', {})).ok).toBe(true);
    await scanner.scan('CP000000015DJ', ']C0');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(named(window, 'scan')).toEqual([]);

    expect((await window.call('auth.unlock', { secret: '1234' })).ok).toBe(true);
    await scanner.scan('CP000000029DJ', ']C0');
    await waitUntil(() => named(window, 'scan').length > 0, 10_000, 'scan after unlock');
    expect(named(window, 'scan').map((m) => (m.payload as { code: string }).code)).toEqual(['CP000000029DJ']);

    const late = await open();
    await late.signIn('omar', '4321');
    await waitUntil(() => named(late, 'scale.weight').length > 0, 15_000, 'weights once signed in');
  });
});
