import type { CallResponse } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import type { CounterFixture } from './counter-fixture';

const djf = (minor: number) => ({ minor, currency: 'DJF' });

export interface OpenTill {
  clerk: string;
  sessionId: string;
  /** One stamp sold and paid exactly: the raw answer, refusals included. */
  sell(): Promise<CallResponse>;
}

/** The demo branch's supervisor stocks the safe and opens a till for Amina, who confirms her float. */
export async function openDemoTill(counter: Pick<CounterFixture, 'call' | 'ok' | 'signIn'>): Promise<OpenTill> {
  const hassan = await counter.signIn('hassan', '5678');
  const amina = await counter.signIn('amina', '1234');
  await counter.ok('safe.receiveCash', { operationId: uuid7(), amount: djf(1_000_000), reference: 'HO-STORAGE' }, hassan);
  const opened = await counter.ok('till.open', { operationId: uuid7(), tillId: 'G1', clerk: 'amina', float: djf(50_000) }, hassan);
  const mine = await counter.ok('till.mine', {}, amina);
  await counter.ok('till.confirmReceipt', { operationId: uuid7(), pendingTransferId: mine!.pending[0]!.transferId }, amina);
  return {
    clerk: amina,
    sessionId: opened.sessionId,
    sell: () =>
      counter.call('sale.complete', { operationId: uuid7(), sessionId: opened.sessionId, lines: [{ productCode: 'STAMP-LOCAL', quantity: 1 }], tendered: djf(1_000) }, amina),
  };
}
