// Child of money-orders-crash.test.ts: a whole counter of the demo branch (Amina's till already
// open) paying money orders through the router against the parent's head office, until it is
// killed. It writes, each once it happened:
//   `ready`                     the link is up, paying starts
//   `intent <id> <number>`      the clerk is about to press "pay" with this operation id
//   `ack <outcome> <id>`        the window's answer came back (waiting, paid, refused…)
//   `paid <id>`                 the cash was handed over (the frame's durable hand-over)
// `settle`: pays nothing new; hands over what head office confirmed meanwhile, waits until every
// operation is known and every booking acknowledged, writes `settled`, exits.
import { writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Output } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import type { HeadOfficeSettings } from '../../electron/services/replication/head-office-settings';
import { startCounter } from '../support/counter-fixture';

const [dataDir, settingsJson, ordersJson, mode] = process.argv.slice(2);
if (!dataDir || !settingsJson || !ordersJson || (mode !== 'trade' && mode !== 'settle')) {
  throw new Error('usage: money-orders-crash-child <data dir> <head-office settings> <orders> trade|settle');
}
const orders = JSON.parse(ordersJson) as Array<{ number: string; secret: string }>;
const say = (line: string) => writeSync(1, `${line}\n`);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const fixture = await startCounter({
  dataDir,
  headOffice: JSON.parse(settingsJson) as HeadOfficeSettings,
  replicationStartDelayMs: 0,
  counterpartyTiming: { tickMs: 30, retry: { baseMs: 20, maxMs: 200 } },
});
const clerk = await fixture.signIn('amina', '1234');
const sessionId = (await fixture.ok('till.mine', {}, clerk))!.sessionId;
const status = () => fixture.ok('replication.syncNow', {}, clerk);
while ((await status()).state !== 'online') await pause(50);
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
  for (let pass = 0; ; pass += 1) {
    if (pass > 3_000) throw new Error('the counter did not settle');
    await handOverConfirmed();
    const { operations } = await fixture.ok('counterparty.waiting', {}, clerk);
    const link = await status();
    if (operations.length === 0 && unknown.get() === 0 && link.state === 'online' && link.ackedSeq === link.localSeq) break;
    await pause(50);
  }
  db.close();
  say('settled');
  await fixture.close();
  process.exit(0);
}

for (const order of orders) {
  await handOverConfirmed();
  const operationId = uuid7();
  say(`intent ${operationId} ${order.number}`);
  const response = await fixture.call(
    'moneyOrders.pay',
    { operationId, sessionId, number: order.number, secret: order.secret, document: { type: 'passport', number: 'P1234567', country: 'DJI' } },
    clerk,
  );
  if (!response.ok) {
    // The link dropped between two payments (the parent cut a reply): wait for it, then go on.
    if (response.error.details?.rule !== 'money-order-needs-head-office') throw new Error(`moneyOrders.pay: ${response.error.code} ${response.error.message}`);
    say(`ack offline ${operationId}`);
    while ((await status()).state !== 'online') await pause(50);
    continue;
  }
  const result = response.result as Output<'moneyOrders.pay'>;
  say(`ack ${result.outcome} ${operationId}`);
  if (result.outcome === 'paid' && !result.replayed) say(`paid ${operationId}`);
}
say('done');
// Nothing left to pay: wait to be killed (or settle next life).
for (;;) {
  await handOverConfirmed();
  await pause(50);
}
