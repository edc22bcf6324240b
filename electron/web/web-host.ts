import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { CallResponse, EventMessage } from '@shared/contract';
import type { WindowLink } from '../services/window-link';
import { contentSecurityPolicy } from '../services/renderer-host/content-security-policy';
import { readStaticFile } from '../services/renderer-host/renderer-files';
import type { Logger } from 'pino';
import { CLOSE_POLICY_VIOLATION, CLOSE_UNSUPPORTED_DATA, MAX_CALL_BYTES } from './call-limits';

export const RPC_PATH = '/rpc';
/** The WebSocket subprotocol; the token travels as a second one: `token.<token>`. */
export const RPC_PROTOCOL = 'counter.v1';

export interface WebHostOptions {
  /** One link per socket: it routes the socket's calls and passes it only the events its session may hear. */
  connect: (deliver: (message: EventMessage) => void) => Pick<WindowLink, 'route' | 'close'>;
  rendererDir: string;
  logger: Logger;
  /** 0 picks a free port. */
  port?: number;
}

export interface WebHost {
  port: number;
  token: string;
  /** The address to open, token in the fragment so it never reaches a server log. */
  url: string;
  close(): Promise<void>;
}

/**
 * The browser host: the built renderer and the router over a WebSocket, bound
 * to 127.0.0.1 only. A per-start token guards the socket so another local
 * program or a web page in the same browser cannot drive the counter.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(24).toString('base64url');
  let origins: string[] = [];

  const serveFile = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const file = await readStaticFile(options.rendererDir, request.url ?? '/').catch(() => null);
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': contentSecurityPolicy(origins.map((origin) => origin.replace(/^http/, 'ws'))),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': file.isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
    });
    response.end(file.body);
  };
  // Node does not await a request handler: a failure after the read is logged and the
  // response dropped, not left as an unhandled rejection.
  const server = createServer((request, response) => {
    serveFile(request, response).catch((err: unknown) => {
      options.logger.warn({ err }, 'browser host: file not served');
      response.destroy();
    });
  });

  const sockets = new WebSocketServer({
    server,
    path: RPC_PATH,
    maxPayload: MAX_CALL_BYTES,
    handleProtocols: (protocols) => (protocols.has(RPC_PROTOCOL) ? RPC_PROTOCOL : false),
    verifyClient: ({ req }: { req: IncomingMessage }) => isAllowed(req, token, origins),
  });
  sockets.on('connection', (socket) => serve(socket, options));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  options.logger.info({ port }, 'browser host listening on 127.0.0.1');

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close(() => server.close(() => resolve()));
      }),
  };
}

function isAllowed(request: IncomingMessage, token: string, origins: readonly string[]): boolean {
  // Browsers always send Origin; a page from any other site is refused even with a stolen token.
  const origin = request.headers.origin;
  if (origin !== undefined && !origins.includes(origin)) return false;
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const presented = offered.find((p) => p.startsWith('token.'))?.slice('token.'.length) ?? '';
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * One window's socket. A bad frame must cost that window its connection and nothing
 * more: ws reports an over-long message, a text frame that is not UTF-8, an unknown
 * opcode or an unmasked frame as an 'error' on the socket — with no listener, Node
 * throws it and the host dies for every window — and closes it with the matching
 * code (1009, 1007, 1002). Binary and non-JSON frames are closed here.
 */
function serve(socket: WebSocket, options: WebHostOptions): void {
  const link = options.connect((message) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  });
  socket.on('error', (error: Error & { code?: string }) => {
    options.logger.warn({ code: error.code, reason: error.message }, 'browser host: window dropped after a bad frame');
  });
  socket.on('close', () => link.close());
  const answer = async (data: RawData, isBinary: boolean): Promise<void> => {
    if (isBinary) {
      socket.close(CLOSE_UNSUPPORTED_DATA, 'text frames only');
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString());
    } catch {
      socket.close(CLOSE_POLICY_VIOLATION, 'not a JSON call');
      return;
    }
    const response: CallResponse = await link.route(raw);
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(response));
  };
  // ws does not await a listener: a call that fails past the router is logged and the window
  // dropped (it reconnects), not left as an unhandled rejection.
  socket.on('message', (data, isBinary) => {
    answer(data, isBinary).catch((err: unknown) => {
      options.logger.warn({ err }, 'browser host: call not answered');
      socket.terminate();
    });
  });
}
