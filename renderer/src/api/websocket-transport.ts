import type { CallRequest, CallResponse, EventMessage } from '@shared/contract';
import { CallFailure } from './call-failure';
import type { Transport } from './transport';

const RPC_PATH = '/rpc';
const RPC_PROTOCOL = 'counter.v1';
/** How long a call waits for the socket to (re)open before it is refused. */
const CONNECT_WAIT_MS = 10_000;
const MAX_BACKOFF_MS = 5_000;

interface Pending {
  request: CallRequest;
  resolve: (response: CallResponse) => void;
  reject: (failure: CallFailure) => void;
  sent: boolean;
  timer: ReturnType<typeof setTimeout>;
}


/**
 * Browser host: one WebSocket to 127.0.0.1, reopened with backoff when it
 * drops. A call already sent when the socket drops is answered HOST_UNREACHABLE
 * and never resent: the host may have run it, and a repeated money operation is
 * exactly what must not happen.
 */
export function websocketTransport(token: string): Transport {
  const pending = new Map<string, Pending>();
  const listeners = new Set<(message: EventMessage) => void>();
  let socket: WebSocket | null = null;
  let backoffMs = 250;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${RPC_PATH}`;

  const flush = () => {
    for (const entry of pending.values()) {
      if (!entry.sent && socket?.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify(entry.request));
        entry.sent = true;
        // Once sent, only a dropped socket ends the wait: a slow answer is still an answer.
        clearTimeout(entry.timer);
      }
    }
  };

  const take = (id: string): Pending | undefined => {
    const entry = pending.get(id);
    if (entry) {
      clearTimeout(entry.timer);
      pending.delete(id);
    }
    return entry;
  };
  const unreachable = (id: string, message: string) => take(id)?.reject(new CallFailure('HOST_UNREACHABLE', message));

  const scheduleReconnect = () => {
    if (reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, backoffMs);
    backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
  };

  function connect(): void {
    const current = new WebSocket(url, [RPC_PROTOCOL, `token.${token}`]);
    socket = current;
    current.onopen = () => {
      backoffMs = 250;
      flush();
    };
    current.onmessage = (message: MessageEvent<string>) => {
      const data = JSON.parse(message.data) as CallResponse | EventMessage;
      if ('event' in data) listeners.forEach((listener) => listener(data));
      else take(data.id)?.resolve(data);
    };
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      for (const entry of [...pending.values()]) {
        if (entry.sent) unreachable(entry.request.id, 'connection to the counter host lost');
      }
      scheduleReconnect();
    };
  }

  connect();

  return {
    send: (request) =>
      new Promise<CallResponse>((resolve, reject) => {
        const timer = setTimeout(() => unreachable(request.id, 'counter host not reachable'), CONNECT_WAIT_MS);
        pending.set(request.id, { request, resolve, reject, sent: false, timer });
        if (!socket) scheduleReconnect();
        flush();
      }),
    listen: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
