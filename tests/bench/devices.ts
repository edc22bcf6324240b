// Device speed, for `npm run bench`: a weight frame written on the scale's pty to the `weight`
// event (goal p99 ≤ 20 ms), beside the raw pty round trip measured in the same run so the
// number can be read against what the OS itself costs; and receipt build + send over TCP.
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Receipt } from '@shared/receipt';
import type { ScaleProtocolName } from '../../electron/services/devices/config';
import { continuousLine } from '../../electron/services/devices/protocols/continuous-pattern';
import { buildReceiptBytes } from '../../electron/services/devices/protocols/escpos/receipt-escpos';
import { mtSicsWeightLine } from '../../electron/services/devices/protocols/mt-sics';
import { ReceiptPrinter } from '../../electron/services/devices/receipt-printer';
import { Scale } from '../../electron/services/devices/scale';
import { scaleProtocolFor } from '../../electron/services/devices/scale-protocols';
import { PrinterServer } from '../../electron/services/devices/simulators/printer-server';
import { createPtyPair } from '../../electron/services/devices/simulators/pty-pair';
import { openSerialEnd } from '../../electron/services/devices/simulators/serial-end';
import { SerialTransport } from '../../electron/services/devices/transports/serial-transport';
import { TcpTransport } from '../../electron/services/devices/transports/tcp-transport';
import { dialog06 } from '../../electron/services/devices/protocols/dialog-06';
import { nciScp01 } from '../../electron/services/devices/protocols/nci-scp01';
import { toledo8217 } from '../../electron/services/devices/protocols/toledo-8217';
import { pollPeriodMs } from '../../electron/services/devices/scale-poll-schedule';
import { frameToWeightEventAtRouter } from './scale-weight-at-router';
import { scaleChangeToWindow } from './scale-weight-at-window';

const percentile = (samples: number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return Number((sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN).toFixed(3));
};
const summary = (samples: number[]) => ({ n: samples.length, p50: percentile(samples, 50), p99: percentile(samples, 99), max: percentile(samples, 100) });
const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
const pause = (delay: number) => new Promise((resolve) => setTimeout(resolve, delay));

const rawPtyRoundTrip = async (dir: string, rounds: number): Promise<number[]> => {
  const pair = await createPtyPair(join(dir, 'raw-a'), join(dir, 'raw-b'));
  const a = await openSerialEnd(pair.devicePath);
  const b = await openSerialEnd(pair.simulatorPath);
  let arrived: (() => void) | null = null;
  a.onData(() => arrived?.());
  const samples: number[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const start = process.hrtime.bigint();
      const got = new Promise<void>((resolve) => (arrived = resolve));
      await b.write(Buffer.from('S S     1.234 kg\r\n'));
      await got;
      samples.push(ms(start));
      await pause(2);
    }
  } finally {
    await a.close();
    await b.close();
    await pair.unplug();
  }
  return samples;
};

const frameToWeight = async (dir: string, protocol: ScaleProtocolName, rounds: number): Promise<number[]> => {
  const pair = await createPtyPair(join(dir, `${protocol}-counter`), join(dir, `${protocol}-scale`));
  const sim = await openSerialEnd(pair.simulatorPath);
  const transport = new SerialTransport({ path: pair.devicePath, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 });
  const scale = new Scale({ id: 'bench', kind: 'scale', name: 'bench' }, transport, scaleProtocolFor({ protocol, unit: 'kg' }), { pollMs: 60_000, replyTimeoutMs: 5000 });
  let expected = -1;
  let arrived: (() => void) | null = null;
  scale.on('weight', (reading) => {
    if (reading.grams === expected) arrived?.();
  });
  await scale.open();
  await scale.claim();
  await scale.enable();
  const samples: number[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      expected = 1000 + i;
      const frame = protocol === 'mt-sics' ? mtSicsWeightLine(true, expected / 1000) : continuousLine('ST', expected / 1000);
      const got = new Promise<void>((resolve) => (arrived = resolve));
      const start = process.hrtime.bigint();
      await sim.write(frame);
      await got;
      samples.push(ms(start));
      await pause(2);
    }
  } finally {
    await scale.close();
    await sim.close();
    await pair.unplug();
  }
  return samples;
};

const RECEIPT: Receipt = {
  demo: false,
  header: ['La Poste de Djibouti', 'Bureau central'],
  entries: [
    { kind: 'text', text: 'Reçu de dépôt' },
    { kind: 'text', text: 'بريد جيبوتي', align: 'right' },
    { kind: 'item', label: 'Colis recommandé', amount: '2 500 DJF' },
    { kind: 'item', label: 'Timbres', quantity: 4, amount: '400 DJF' },
    { kind: 'total', label: 'TOTAL', amount: '2 900 DJF' },
    { kind: 'barcode', data: 'RR123456785DJ' },
    { kind: 'qr', data: 'https://poste.dj/suivi/RR123456785DJ' },
  ],
  footer: ['Merci'],
};

const receiptOverTcp = async (rounds: number): Promise<{ build: number[]; buildAndSend: number[] }> => {
  const server = new PrinterServer();
  await server.start();
  const format = { model: 'epson', codePage: 'PC858_EURO', columns: 48 } as const;
  const printer = new ReceiptPrinter({ id: 'bench', kind: 'receipt-printer', name: 'bench' }, new TcpTransport('127.0.0.1', server.port), format);
  await printer.open();
  await printer.claim();
  await printer.enable();
  const build: number[] = [];
  const buildAndSend: number[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      let start = process.hrtime.bigint();
      await buildReceiptBytes(RECEIPT, format);
      build.push(ms(start));
      const jobs = server.jobs.length;
      start = process.hrtime.bigint();
      await printer.print(RECEIPT);
      // Until the printer has the whole job, not just until our socket buffered it.
      while (server.jobs.length === jobs) await new Promise((resolve) => setImmediate(resolve));
      buildAndSend.push(ms(start));
    }
  } finally {
    await printer.close();
    await server.stop();
  }
  return { build, buildAndSend };
};

export async function benchDevices(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-devices-'));
  const raw = await rawPtyRoundTrip(dir, 300);
  const mt = await frameToWeight(dir, 'mt-sics', 300);
  const continuous = await frameToWeight(dir, 'continuous-pattern', 300);
  const atRouter = await frameToWeightEventAtRouter(dir, 300);
  const toledoMs = pollPeriodMs(toledo8217().exchangeChars);
  const dialogMs = pollPeriodMs(dialog06().exchangeChars);
  const nciMs = pollPeriodMs(nciScp01().exchangeChars);
  // Other work on the machine starves the host's event loop and socat alike: the tails read
  // against the load they were measured under.
  const loadBefore = loadavg()[0];
  const atWindow = await scaleChangeToWindow(dir, [
    { label: 'MT-SICS, SIR stream (simulator repeats every 50 ms)', protocol: 'mt-sics', rounds: 200 },
    { label: `Toledo 8217, polled every ${toledoMs} ms (9600 7E1)`, protocol: 'toledo-8217', rounds: 200 },
    { label: `Dialog 06, polled every ${dialogMs} ms (9600 8N1)`, protocol: 'dialog-06', rounds: 200 },
    { label: `NCI SCP-01, polled every ${nciMs} ms (9600 8N1)`, protocol: 'nci-scp01', rounds: 200 },
    { label: 'continuous output (simulator sends every 100 ms)', protocol: 'continuous-pattern', rounds: 100 },
    { label: 'before: Toledo 8217 polled every 250 ms (the old default)', protocol: 'toledo-8217', pollMs: 250, rounds: 80 },
  ]);
  const loadAfter = loadavg()[0];
  const receipt = await receiptOverTcp(40);
  return {
    'pty raw one-way (ms)': summary(raw),
    'scale frame → weight event, MT-SICS (ms)': summary(mt),
    'scale frame → weight event, continuous pattern (ms)': summary(continuous),
    'scale frame → scale.weight event at the router’s event bus, continuous pattern (ms)': summary(atRouter),
    'scale frame → weight event goal p99 (ms)': 20,
    'scale change → scale.weight at a signed-in browser-host WebSocket window (ms)': Object.fromEntries(
      Object.entries(atWindow).map(([label, samples]) => [label, summary(samples)]),
    ),
    'scale change → window goal p99 (ms)': 100,
    'load average (1 min) before and after the window measurement': [loadBefore, loadAfter],
    'receipt build (ms)': summary(receipt.build),
    'receipt build + status check + send over TCP, until the printer has the job (ms)': summary(receipt.buildAndSend),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchDevices().then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
