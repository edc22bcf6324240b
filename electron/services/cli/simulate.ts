// `npm run simulate -- <scale|scanner|printer> [options]`: counter peripherals for training,
// technicians and tests. Scales and scanners sit on one end of a socat pty pair (configure the
// counter with the printed device path); printers listen on a loopback TCP port.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ScaleProtocolName } from '../devices/config';
import { PassbookSimulator } from '../devices/simulators/passbook-simulator';
import { PrinterServer, previewPng } from '../devices/simulators/printer-server';
import { createPtyPair } from '../devices/simulators/pty-pair';
import { ScaleSimulator } from '../devices/simulators/scale-simulator';
import { ScannerSimulator } from '../devices/simulators/scanner-simulator';
import { readCli, usageError } from './cli-args';

const USAGE = `usage:
  npm run simulate -- scale   [--protocol <${ScaleProtocolName.options.join('|')}>] [--link /tmp/counter-scale] [--grams 0]
  npm run simulate -- scanner [--link /tmp/counter-scanner]
  npm run simulate -- printer [--port 9100] [--preview-dir DIR]
  npm run simulate -- passbook [--model <olivetti-pr2|epson-escp>] [--link /tmp/counter-passbook | --port 9101]
  npm run simulate -- --help`;

const SCALE_HELP = `commands:
  kg <value> | g <value>     set the weight on the plate
  motion|over|under|error|silent on|off
  split on|off               send replies one byte at a time
  noise on|off               put line noise before replies
  state | help | quit`;

const { positionals, values } = readCli({
  usage: USAGE,
  allowPositionals: true,
  options: {
    protocol: { type: 'string', default: 'toledo-8217' },
    link: { type: 'string' },
    grams: { type: 'string', default: '0' },
    port: { type: 'string', default: '9100' },
    'preview-dir': { type: 'string' },
    model: { type: 'string', default: 'olivetti-pr2' },
  },
});
const device = positionals[0];
if (positionals.length > 1) usageError(USAGE, `one device at a time, not: ${positionals.join(' ')}`);
const protocolChoice = ScaleProtocolName.safeParse(values.protocol);
if (!protocolChoice.success) usageError(USAGE, `unknown --protocol ${values.protocol}`);
const grams = Number(values.grams);
if (!Number.isInteger(grams)) usageError(USAGE, `--grams takes whole grams, not ${values.grams}`);
const printerPort = Number(values.port);
if (!Number.isInteger(printerPort) || printerPort < 0 || printerPort > 65535) usageError(USAGE, `--port takes a TCP port number, not ${values.port}`);

// Opened only once the simulator is up, so commands piped in early are not lost.
let console_: ReturnType<typeof createInterface>;
const openConsole = (): void => {
  console_ = createInterface({ input: process.stdin, output: process.stdout, prompt: '> ' });
};
const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const onOff = (word: string | undefined): boolean | null => (word === 'on' ? true : word === 'off' ? false : null);

const runScale = async (): Promise<void> => {
  const protocol = ScaleProtocolName.parse(values.protocol);
  const link = values.link ?? '/tmp/counter-scale';
  const pair = await createPtyPair(link, `${link}-sim`);
  const sim = new ScaleSimulator(pair.simulatorPath, protocol);
  await sim.start();
  sim.set({ grams });
  say(`${protocol} scale ready. Configure the counter with serial path ${pair.devicePath}.`);
  say(SCALE_HELP);
  openConsole();
  console_.prompt();
  console_.on('line', (line) => {
    const [command = '', arg] = line.trim().split(/\s+/);
    const flag = onOff(arg);
    switch (command) {
      case 'kg':
      case 'g': {
        const value = Number(arg);
        if (!Number.isFinite(value)) say('give a number, e.g. kg 1.25');
        else sim.set({ grams: Math.round(command === 'kg' ? value * 1000 : value) });
        break;
      }
      case 'motion':
      case 'silent':
      case 'error':
        if (flag === null) say(`${command} on|off`);
        else sim.set({ [command]: flag });
        break;
      case 'over':
      case 'under':
        if (flag === null) say(`${command} on|off`);
        else sim.set(command === 'over' ? { overload: flag } : { underZero: flag });
        break;
      case 'split':
      case 'noise':
        if (flag === null) say(`${command} on|off`);
        else sim.configure(command === 'split' ? { byteByByte: flag } : { garbage: flag });
        break;
      case 'state':
        say(JSON.stringify(sim.current));
        break;
      case 'quit':
        void sim.stop().then(() => pair.unplug()).then(() => process.exit(0));
        return;
      case '':
        break;
      default:
        say(SCALE_HELP);
    }
    console_.prompt();
  });
};

const runScanner = async (): Promise<void> => {
  const link = values.link ?? '/tmp/counter-scanner';
  const pair = await createPtyPair(link, `${link}-sim`);
  const sim = new ScannerSimulator(pair.simulatorPath);
  await sim.start();
  let aim: string | null = ']C0';
  say(`scanner ready on ${pair.devicePath}. Type a code and Enter to scan it; "aim ]E0" or "aim none" sets the AIM prefix; "quit" ends.`);
  openConsole();
  console_.prompt();
  console_.on('line', (line) => {
    const text = line.trim();
    if (text === 'quit') {
      void sim.stop().then(() => pair.unplug()).then(() => process.exit(0));
      return;
    }
    if (text.startsWith('aim ')) aim = text.slice(4) === 'none' ? null : text.slice(4);
    else if (text) void sim.scan(text, aim);
    console_.prompt();
  });
};

const runPrinter = async (): Promise<void> => {
  const server = new PrinterServer('127.0.0.1', printerPort);
  const port = await server.start();
  const previewDir = values['preview-dir'];
  say(`printer listening on tcp://127.0.0.1:${port}. Commands: paper out|in, cover open|closed, drawer open|closed, quit.`);
  openConsole();
  server.on('job', (job) => {
    say(`\n--- ${job.language} job, ${job.bytes.length} bytes, ${job.at} ---`);
    for (const line of job.transcript) say(`  ${line}`);
    if (previewDir) {
      const file = join(previewDir, `job-${server.jobs.length}.png`);
      writeFileSync(file, previewPng(job.transcript));
      say(`  preview: ${file}`);
    }
    console_.prompt();
  });
  console_.prompt();
  console_.on('line', (line) => {
    const [what, state] = line.trim().split(/\s+/);
    if (what === 'quit') {
      void server.stop().then(() => process.exit(0));
      return;
    }
    if (what === 'paper') server.set({ paperOut: state === 'out' });
    else if (what === 'cover') server.set({ coverOpen: state === 'open' });
    else if (what === 'drawer') server.set({ drawerOpen: state === 'open' });
    else if (what) say('paper out|in, cover open|closed, drawer open|closed, quit');
    console_.prompt();
  });
};

const PASSBOOK_HELP = `commands:
  insert <page>       put the passbook in, open at that page
  remove              take it out
  cover open|closed   error on|off
  state | help | quit`;

const runPassbook = async (): Promise<void> => {
  const model = values.model;
  if (model !== 'olivetti-pr2' && model !== 'epson-escp') return usageError(USAGE, `unknown --model ${model}`);
  const sim = new PassbookSimulator(model);
  // A serial link unless a port is asked for: most passbook printers hang on a serial line.
  let stop = () => sim.stop();
  if (process.argv.includes('--port')) {
    const port = await sim.listen(printerPort);
    say(`${model} passbook printer listening on tcp://127.0.0.1:${port}.`);
  } else {
    const link = values.link ?? '/tmp/counter-passbook';
    const pair = await createPtyPair(link, `${link}-sim`);
    await sim.attach(pair.simulatorPath);
    stop = () => sim.stop().then(() => pair.unplug());
    say(`${model} passbook printer ready. Configure the counter with serial path ${pair.devicePath}.`);
  }
  say(PASSBOOK_HELP);
  openConsole();
  sim.on('line', (line) => {
    say(`\n  page ${line.page} slot ${line.slot}: ${line.text}`);
    console_.prompt();
  });
  sim.on('eject', (page) => {
    say(`\n  page ${page} ejected`);
    console_.prompt();
  });
  console_.prompt();
  console_.on('line', (line) => {
    const [command = '', arg] = line.trim().split(/\s+/);
    const flag = arg === 'open' || arg === 'on' ? true : arg === 'closed' || arg === 'off' ? false : null;
    switch (command) {
      case 'insert': {
        const page = Number(arg ?? '1');
        if (!Number.isInteger(page) || page < 1) say('insert <page>, e.g. insert 3');
        else sim.insert(page);
        break;
      }
      case 'remove':
        sim.remove();
        break;
      case 'cover':
      case 'error':
        if (flag === null) say(`${command} open|closed`);
        else sim.set(command === 'cover' ? { coverOpen: flag } : { error: flag });
        break;
      case 'state':
        say(JSON.stringify(sim.state));
        break;
      case 'quit':
        void stop().then(() => process.exit(0));
        return;
      case '':
        break;
      default:
        say(PASSBOOK_HELP);
    }
    console_.prompt();
  });
};

const runners: Record<string, () => Promise<void>> = { scale: runScale, scanner: runScanner, printer: runPrinter, passbook: runPassbook };
const run = device ? runners[device] : undefined;
if (!run) {
  usageError(USAGE, device ? `unknown device ${device}` : 'which device? scale, scanner, printer or passbook');
} else {
  run().catch((error: unknown) => {
    say(`simulator failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
