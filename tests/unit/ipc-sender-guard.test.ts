import { describe, expect, it } from 'vitest';
import { createIpcCallHandler } from '../../electron/main/ipc-call-handler';
import { isTrustedSender } from '../../electron/main/sender-guard';
import type { CallResponse } from '@shared/contract';

// The handler the Electron shell registers with ipcMain.handle, called as
// Electron calls it: (event with senderFrame, request).
const routed: unknown[] = [];
const handler = createIpcCallHandler(async (raw): Promise<CallResponse> => {
  routed.push(raw);
  return { id: 'r1', ok: true, result: 'routed' };
});
const request = { id: 'r1', method: 'system.status', input: {} };
const mainFrame = (url: string) => ({ url, parent: null });

describe('IPC sender check', () => {
  it('routes a call from the app main frame', async () => {
    const response = await handler({ senderFrame: mainFrame('app://counter/index.html') }, request);
    expect(response.ok).toBe(true);
  });

  it.each([
    ['another origin', mainFrame('https://evil.example/index.html')],
    ['a file:// page', mainFrame('file:///tmp/index.html')],
    ['the app scheme on another host', mainFrame('app://elsewhere/index.html')],
    ['an iframe inside the app', { url: 'app://counter/frame.html', parent: { url: 'app://counter/index.html' } }],
    ['a destroyed frame', null],
    ['a garbage URL', mainFrame('not a url')],
  ])('refuses %s with FORBIDDEN_SENDER and never routes it', async (_name, frame) => {
    const before = routed.length;
    const response = await handler({ senderFrame: frame }, request);
    expect(response).toEqual({ id: 'r1', ok: false, error: expect.objectContaining({ code: 'FORBIDDEN_SENDER' }) });
    expect(routed.length).toBe(before);
  });

  it('is not inverted', () => {
    expect(isTrustedSender(mainFrame('app://counter/'))).toBe(true);
    expect(isTrustedSender(mainFrame('https://counter/'))).toBe(false);
  });
});
