import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { CounterHost } from '../../electron/services/counter-host';
import { RPC_PATH, RPC_PROTOCOL, startWebHost } from '../../electron/web/web-host';
import { makeTempDir } from '../support/temp-dir';
import { nowMs, summarize } from './stats';

const open = (url: string, protocols: string[] = []) =>
  new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(url, protocols);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });

/** Sequential calls for latency, then a window of in-flight calls for throughput. */
async function measure(socket: WebSocket, message: (i: number) => string, calls: number, window: number) {
  const latencies: number[] = [];
  for (let i = 0; i < calls; i++) {
    const started = nowMs();
    await new Promise<void>((resolve) => {
      socket.once('message', () => resolve());
      socket.send(message(i));
    });
    latencies.push(nowMs() - started);
  }
  const started = nowMs();
  await new Promise<void>((resolve) => {
    let sent = 0;
    let received = 0;
    socket.on('message', () => {
      received++;
      if (sent < calls) socket.send(message(sent++));
      if (received === calls) resolve();
    });
    for (; sent < Math.min(window, calls); ) socket.send(message(sent++));
  });
  socket.removeAllListeners('message');
  return { latencyMs: summarize(latencies), callsPerSecond: Math.round(calls / ((nowMs() - started) / 1000)) };
}

/** The contract round trip over the browser host's WebSocket, beside a bare ws echo in the same run. */
export async function benchContractRoundTrip(calls = 5000): Promise<Record<string, unknown>> {
  const temp = makeTempDir('bench-rpc-');
  const rendererDir = join(temp.dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '');
  const host = await CounterHost.start({ dataDir: join(temp.dir, 'data'), headOffice: { mode: 'none' } });
  const web = await startWebHost({ connect: (deliver) => host.connect(deliver), rendererDir, logger: host.current.logger });

  const echo = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  echo.on('connection', (socket) => socket.on('message', (data) => socket.send(data.toString())));
  await new Promise((resolve) => echo.once('listening', resolve));
  try {
    const request = (i: number) => JSON.stringify({ id: `b${i}`, method: 'system.status', input: {} });
    const counterSocket = await open(`ws://127.0.0.1:${web.port}${RPC_PATH}`, [RPC_PROTOCOL, `token.${web.token}`]);
    const contract = await measure(counterSocket, request, calls, 32);
    counterSocket.close();
    const echoSocket = await open(`ws://127.0.0.1:${(echo.address() as AddressInfo).port}`);
    const bare = await measure(echoSocket, request, calls, 32);
    echoSocket.close();
    return { method: 'system.status', calls, contract, bareWebSocketEcho: bare };
  } finally {
    echo.close();
    await web.close();
    await host.close();
    temp.remove();
  }
}
