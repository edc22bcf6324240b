// Who hears which event: the rule every transport applies (browser-host sockets and Electron
// windows alike) through its WindowLink.
import { describe, expect, it } from 'vitest';
import type { CallResponse, EventMessage } from '@shared/contract';
import type { Role } from '@shared/roles';
import { WindowLinks } from '../../electron/main/window-links';
import type { Session } from '../../electron/services/auth/sessions';
import type { CounterHost } from '../../electron/services/counter-host';
import { audienceIncludes, audienceOf } from '../../electron/services/event-audience';
import type { EventListener } from '../../electron/services/events';
import { WindowLink, type WindowGate } from '../../electron/services/window-link';

const session = (role: Role, locked = false): Session =>
  ({ token: `t-${role}`, user: { username: role, role }, startedAt: new Date(), lastActivityAt: new Date(), locked }) as unknown as Session;

describe('event audience', () => {
  it('gives every event of the contract an audience, and device events only to signed-in windows', () => {
    expect(audienceOf('status.changed')).toBe('everyone');
    for (const event of ['scan', 'scale.weight', 'device.status']) expect(audienceOf(event)).toBe('signed-in');
    expect(audienceOf('no.such.event')).toBeNull();
  });

  it('signed-in means a session that is not locked; a role list narrows it further', () => {
    expect(audienceIncludes('everyone', null)).toBe(true);
    expect(audienceIncludes('signed-in', null)).toBe(false);
    expect(audienceIncludes('signed-in', session('clerk', true))).toBe(false);
    expect(audienceIncludes('signed-in', session('clerk'))).toBe(true);
    expect(audienceIncludes(['technician'], session('clerk'))).toBe(false);
    expect(audienceIncludes(['technician'], session('technician', true))).toBe(false);
    expect(audienceIncludes(['technician'], session('technician'))).toBe(true);
  });
});

describe('window link', () => {
  const rig = () => {
    const listeners = new Set<EventListener>();
    const valid = new Set<string>();
    const gate: WindowGate = {
      route: async (raw) => {
        const { id, method } = raw as { id: string; method: string };
        if (method === 'auth.signIn') {
          valid.add('issued');
          return { id, ok: true, result: { token: 'issued' } };
        }
        return { id, ok: true, result: {} } satisfies CallResponse;
      },
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      mayReceive: (event, token) => event === 'status.changed' || (token !== undefined && valid.has(token)),
    };
    const emit = (event: string) => listeners.forEach((listener) => listener({ event, payload: {} }));
    return { gate, emit, valid, listeners };
  };

  it('learns the session from the sign-in answer and from each call, and forgets it when a call comes without one', async () => {
    const { gate, emit, valid } = rig();
    const heard: EventMessage[] = [];
    const link = new WindowLink(gate, (message) => heard.push(message));
    emit('scan');
    emit('status.changed');
    await link.route({ id: '1', method: 'auth.signIn', input: {} });
    emit('scan');
    valid.add('other');
    await link.route({ id: '2', method: 'system.status', input: {}, session: 'other' });
    emit('scale.weight');
    await link.route({ id: '3', method: 'system.status', input: {} });
    emit('scan');
    expect(heard.map((m) => m.event)).toEqual(['status.changed', 'scan', 'scale.weight']);
  });

  it('desktop: one link per window, closed with its webContents', () => {
    const { gate, listeners } = rig();
    const host = { connect: (deliver: (m: EventMessage) => void) => new WindowLink(gate, deliver) } as unknown as CounterHost;
    const links = new WindowLinks(host);
    let destroyed: (() => void) | undefined;
    const sent: unknown[] = [];
    const contents = {
      id: 7,
      isDestroyed: () => false,
      send: (_channel: string, message: unknown) => sent.push(message),
      once: (_event: string, handler: () => void) => (destroyed = handler),
    } as unknown as Parameters<WindowLinks['of']>[0];
    expect(links.of(contents)).toBe(links.of(contents));
    expect(listeners.size).toBe(1);
    listeners.forEach((listener) => listener({ event: 'status.changed', payload: {} }));
    expect(sent).toHaveLength(1);
    destroyed?.();
    expect(listeners.size).toBe(0);
  });
});
