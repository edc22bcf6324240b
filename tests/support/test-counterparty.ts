import { createServer, type IncomingMessage, type Server } from 'node:http';
import { CounterpartyBook } from './counterparty-book';

/**
 * A counterparty served over real loopback HTTP (the wire `HttpCounterparty` speaks), its books a
 * `CounterpartyBook`: idempotent by operation id, a repeat gets the first answer. Put a
 * `FaultyProxy` (tests/support/tcp-proxy.ts) in front of it to lose replies.
 */
export class TestCounterpartyServer {
  readonly book: CounterpartyBook;
  private server: Server | null = null;
  port = 0;
  /** Requests by kind, as received (a lost reply still counts: the server acted). */
  readonly received: Array<{ method: string; path: string }> = [];

  constructor(now: () => number = () => Date.now()) {
    this.book = new CounterpartyBook(now);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void readBody(req).then((body) => {
        const url = new URL(req.url ?? '/', 'http://counterparty');
        this.received.push({ method: req.method ?? '', path: url.pathname });
        const match = /^\/operations\/([^/]+)(\/cancel)?$/.exec(url.pathname);
        if (!match) {
          res.writeHead(404).end();
          return;
        }
        const id = decodeURIComponent(match[1]!);
        let answer;
        if (req.method === 'GET') answer = this.book.ask(id);
        else if (match[2]) answer = this.book.cancel(id);
        else {
          const { request, expiresAt } = JSON.parse(body) as { request: unknown; expiresAt: string };
          answer = this.book.send(id, request, expiresAt);
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}
