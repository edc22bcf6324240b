// Child of savings-crash.test.ts: a whole counter of the demo branch (Amina's till already open, a
// receipt printer on the parent's loopback port, switched on or off for this life) paying savings withdrawals through the router
// against the parent's head office, until it is killed. It writes, each once it happened:
//   `ready`                   the link is up, trading starts
//   `intent <id>`             the clerk is about to press "withdraw" with this operation id
//   `ack <outcome> <id>`      the window's answer came back (waiting, paid, refused…)
//   `paid <id>`               the cash was handed over (the frame's durable hand-over)
// `settle`: no new withdrawal; hands over what head office confirmed meanwhile, waits until every
// operation is known, every receipt printed and every booking acknowledged, writes `settled`, exits.
import { writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Output } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import type { HeadOfficeSettings } from '../../electron/services/replication/head-office-settings';
import { startCounter } from '../support/counter-fixture';
import type { OpenedAccount } from '../support/savings-counter';

const [dataDir, settingsJson, accountsJson, mode, printer] = process.argv.slice(2);
if (!dataDir || !settingsJson || !accountsJson || (mode !== 'trade' && mode !== 'settle') || (printer !== 'printer-on' && printer !== 'printer-off')) {
  throw new Error('usage: savings-crash-child <data dir> <head-office settings> <accounts> trade|settle printer-on|printer-off');
}
const accounts = JSON.parse(accountsJson) as OpenedAccount[];
const say = (line: string) => writeSync(1, `${line}\n`);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const fixture = await startCounter({
  dataDir,
  headOffice: JSON.parse(settingsJson) as HeadOfficeSettings,
  replicationStartDelayMs: 0,
  counterpartyTiming: { tickMs: 30, retry: { baseMs: 20, maxMs: 200 } },
  deviceTiming: { linkBackoff: { initialMs: 50, maxMs: 200, factor: 2, jitter: 0 }, printBackoff: { initialMs: 50, maxMs: 200, factor: 2, jitter: 0 }, printTickMs: 20 },
});
const clerk = await fixture.signIn('amina', '1234');
const sessionId = (await fixture.ok('till.mine', {}, clerk))!.sessionId;

const status = () => fixture.ok('replication.syncNow', {}, clerk);
while ((await status()).state !== 'online') await pause(50);
// With the printer switched on, trading waits for its link: a drawer kick sent before it is up is lost.
const printerOnline = () => fixture.counter.devices!.statusBar().some((device) => device.id === 'receipt' && device.state === 'online');
while (printer === 'printer-on' && !printerOnline()) await pause(20);
say('ready');

/** The clerk pays what head office confirmed after the window moved on (the resolver found it). */
async function handOverConfirmed(): Promise<void> {
  const { operations } = await fixture.ok('counterparty.waiting', {}, clerk);
  for (const operation of operations.filter((o) => o.toHandOver)) {
    const handed: Output<'counterparty.handOver'> = await fixture.ok('counterparty.handOver', { operationId: operation.operationId }, clerk);
    if (!handed.toHandOver) say(`paid ${operation.operationId}`);
  }
}

if (mode === 'settle') {
  const db = new Database(fixture.counter.databaseFile, { readonly: true });
  const unknown = db.prepare('SELECT count(*) FROM counterparty_operations WHERE counterparty_knows = 0').pluck();
  const printing = db.prepare("SELECT count(*) FROM print_jobs WHERE status <> 'printed'").pluck();
  for (let pass = 0; ; pass += 1) {
    if (pass > 3_000) throw new Error('the counter did not settle');
    await handOverConfirmed();
    const { operations } = await fixture.ok('counterparty.waiting', {}, clerk);
    const link = await status();
    if (operations.length === 0 && unknown.get() === 0 && printing.get() === 0 && link.state === 'online' && link.ackedSeq === link.localSeq) break;
    await pause(50);
  }
  db.close();
  say('settled');
  await fixture.close();
  process.exit(0);
}

for (let n = 0; ; n += 1) {
  await handOverConfirmed();
  const account = accounts[n % accounts.length]!;
  const operationId = uuid7();
  const amount = 100 + Math.floor(Math.random() * 500);
  say(`intent ${operationId}`);
  const response = await fixture.call('savings.withdraw', { operationId, sessionId, accountNumber: account.accountNumber, amount: { minor: amount, currency: 'DJF' }, document: account.document }, clerk);
  if (!response.ok) {
    // The link dropped between two withdrawals (the parent cut a reply): wait for it, then go on.
    if (response.error.details?.rule !== 'withdrawal-needs-head-office') throw new Error(`savings.withdraw: ${response.error.code} ${response.error.message}`);
    say(`ack offline ${operationId}`);
    while ((await status()).state !== 'online') await pause(50);
    continue;
  }
  const result = response.result as Output<'savings.withdraw'>;
  say(`ack ${result.outcome} ${operationId}`);
  if (result.outcome === 'paid' && !result.replayed) say(`paid ${operationId}`);
}
