// Child of counterparty-crash.test.ts: the real frame, resolver and ledger on a branch database,
// talking HTTP to the test counterparty (through the parent's reply-dropping proxy). `trade`:
// payouts one after the other until killed, writing `ack prepared <id>`, `ack <state> <id>` and
// `paid <id>` (the drawer would open) as each becomes durable. `resolve`: only the resolver, until
// the counterparty has told the outcome of every operation; then it exits by itself.
import { writeSync } from 'node:fs';
import { uuid7 } from '@shared/uuid7';
import { CounterpartyFrame } from '../../electron/services/counterparty/counterparty-frame';
import { HttpCounterparty } from '../../electron/services/counterparty/http-counterparty';
import { CounterpartyResolver } from '../../electron/services/counterparty/resolver';
import { accountFor } from '../../electron/services/ledger/accounts';
import { fingerprintOf } from '../../electron/services/ledger/ledger';
import { openTestBranchLedger } from '../support/branch-ledger';

const [dataDir, baseUrl, mode] = process.argv.slice(2);
if (!dataDir || !baseUrl || (mode !== 'trade' && mode !== 'resolve')) throw new Error('usage: counterparty-crash-child <data dir> <base url> trade|resolve');

const SESSION = 'session-1';
const TILL = accountFor.tillCash(SESSION, 'T1', 'DJF');
const branch = await openTestBranchLedger(dataDir);
const sqlite = branch.opened.sqlite;
const ledger = branch.ledger;
ledger.run(
  { id: '0190a000-0000-7000-8000-000000000001', kind: 'float', fingerprint: fingerprintOf('float', 'crash'), tillSessionId: SESSION, operator: 'hassan', approver: null, reason: null },
  (op) => op.transfer({ debit: TILL, credit: accountFor.paidIn('float', 'DJF'), amount: 1_000_000_000, currency: 'DJF', code: 'float' }),
);
const clock = { now: () => new Date() };
const frame = new CounterpartyFrame({ sqlite, ledger, clock, devices: null, branch: () => null, retry: { baseMs: 20, maxMs: 200 } });
frame.register({ kind: 'test-payout', counterparty: 'head-office', port: new HttpCounterparty<{ amount: number }>(baseUrl, 2_000), paysOut: true, holdMs: 60_000 });
const resolver = new CounterpartyResolver(frame, { tickMs: 30 });
const say = (line: string) => writeSync(1, `${line}\n`);

if (mode === 'resolve') {
  const open = () => sqlite.prepare('SELECT count(*) FROM counterparty_operations WHERE counterparty_knows = 0').pluck().get() as number;
  for (let pass = 0; open() > 0; pass += 1) {
    if (pass > 2_000) throw new Error(`still ${open()} operations without the counterparty's word`);
    await resolver.tick();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await branch.close();
  process.exit(0);
}

// Resumes what the killed run left, beside the trading below (as the counter does after a restart).
resolver.start();
say('ready');
for (;;) {
  const amount = 1 + Math.floor(Math.random() * 50_000);
  const id = uuid7();
  frame.prepare('test-payout', { operationId: id, tillSessionId: SESSION, operator: 'amina', amount, currency: 'DJF' }, { amount }, (op) => {
    op.transfer({ debit: accountFor.headOffice('DJF'), credit: TILL, amount, currency: 'DJF', code: 'test-payout', phase: 'pending' });
  });
  say(`ack prepared ${id}`);
  const view = await frame.execute(id, 'amina');
  say(`ack ${view.state} ${id}`);
  // The window pays on the frame's durable answer only: confirmed and handed over in its transaction.
  if (view.state === 'confirmed' && !view.toHandOver) say(`paid ${id}`);
}
