// Child of print-outbox-crash.test.ts: a whole counter accepting baskets through the router on
// the given data folder (till already open, receipt printer switched off) until it is killed,
// writing `ack <operationId>` to stdout once each basket's answer came back.
import { writeSync } from 'node:fs';
import { join } from 'node:path';
import { uuid7 } from '@shared/uuid7';
import { createCounter } from '../../electron/services/counter';

const [dataDir, resourcesDir] = process.argv.slice(2);
if (!dataDir || !resourcesDir) throw new Error('usage: print-outbox-crash-child <data dir> <resources dir>');
const counter = await createCounter({ dataDir, resourcesDir: join(resourcesDir), headOffice: { mode: 'none' }, deviceTiming: { printTickMs: 20 } });
let n = 0;
const call = async <T>(method: string, input: unknown, session?: string): Promise<T> => {
  const response = await counter.route({ id: `c${++n}`, method, input, session });
  if (!response.ok) throw new Error(`${method}: ${response.error.code} ${response.error.message}`);
  return response.result as T;
};
const clerk = (await call<{ token: string }>('auth.signIn', { username: 'amina', secret: '1234' })).token;
const sessionId = (await call<{ sessionId: string }>('till.mine', {}, clerk)).sessionId;
const party = { name: 'Moussa Abdi', address: 'Rue de Rome 12', locality: 'Djibouti', country: 'DJ', phone: '' };
writeSync(1, 'ready\n');

for (;;) {
  const weighing = await call<{ id: string }>('mail.weigh', { manualGrams: 20, reason: 'crash test' }, clerk);
  const operationId = uuid7();
  await call('mail.accept', {
    operationId,
    sessionId,
    items: [
      { service: 'REGISTERED', destinationCountry: 'DJ', weighingId: weighing.id, sender: party, recipient: party },
      { service: 'REGISTERED', destinationCountry: 'DJ', weighingId: weighing.id, sender: party, recipient: { ...party, name: 'Ayan Hassan' } },
    ],
    tendered: { minor: 10_000, currency: 'DJF' },
  }, clerk);
  writeSync(1, `ack ${operationId}\n`);
}
