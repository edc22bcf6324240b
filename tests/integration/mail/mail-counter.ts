import type { CallResponse, Input, MethodName, Output } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import type { CounterConfig } from '../../../electron/services/counter';
import { startCounter, type CounterFixture } from '../../support/counter-fixture';

export const djf = (minor: number) => ({ minor, currency: 'DJF' });

export interface MailCounter {
  fixture: CounterFixture;
  clerk: string;
  supervisor: string;
  technician: string;
  sessionId: string;
  as<M extends MethodName>(token: string, method: M, input: Input<M>): Promise<Output<M>>;
  refusal(token: string, method: MethodName, input: unknown): Promise<{ code: string; rule: unknown; details: Record<string, unknown> }>;
}

export const FAST_DEVICES = { linkBackoff: { initialMs: 50, maxMs: 200, factor: 2, jitter: 0 }, printBackoff: { initialMs: 100, maxMs: 400, factor: 2, jitter: 0 } };

/** A demo counter with Amina's till open (float confirmed), through the contract only. */
export async function startMailCounter(config: Partial<CounterConfig> = {}): Promise<MailCounter> {
  const fixture = await startCounter({ deviceTiming: FAST_DEVICES, ...config });
  const supervisor = await fixture.signIn('hassan', '5678');
  const clerk = await fixture.signIn('amina', '1234');
  const technician = await fixture.signIn('ismail', '9012');
  await fixture.ok('safe.receiveCash', { operationId: uuid7(), amount: djf(1_000_000), reference: 'HO-MAIL' }, supervisor);
  const opened = await fixture.ok('till.open', { operationId: uuid7(), tillId: 'G1', clerk: 'amina', float: djf(20_000) }, supervisor);
  const mine = await fixture.ok('till.mine', {}, clerk);
  await fixture.ok('till.confirmReceipt', { operationId: uuid7(), pendingTransferId: mine!.pending[0]!.transferId }, clerk);
  return {
    fixture,
    clerk,
    supervisor,
    technician,
    sessionId: opened.sessionId,
    as: (token, method, input) => fixture.ok(method, input, token),
    async refusal(token, method, input) {
      const response: CallResponse = await fixture.call(method, input, token);
      if (response.ok) throw new Error(`${method} was expected to be refused`);
      return { code: response.error.code, rule: response.error.details?.rule, details: response.error.details ?? {} };
    },
  };
}

export const sender = { name: 'Moussa Abdi', address: 'Rue de Rome 12', locality: 'Djibouti', country: 'DJ', phone: '+253 77 12 34 56' };
export const parisRecipient = { name: 'Claire Martin', address: '8 rue de la Paix', locality: '75002 Paris', country: 'FR', phone: '' };
export const completeCustoms = {
  category: 'gift' as const,
  lines: [{ description: 'Coffee beans', quantity: 2, netWeightGrams: 900, valueMinor: 8000, hsCode: null, originCountry: 'ET' }],
};
