import type { Output } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import { createCounter, type Counter } from '../../electron/services/counter';

export interface OpenTill {
  counter: Counter;
  /** A call through the router, as a window makes it; throws on a refusal. */
  call: <T>(method: string, input: unknown, session?: string) => Promise<T>;
  amina: string;
  sessionId: string;
}

const djf = (minor: number) => ({ minor, currency: 'DJF' });

/**
 * A demo counter with amina's till open on a float, ready to sell. No head
 * office: a PGlite demo starting in the background would share the CPU with
 * the measurement.
 */
export async function openTillCounter(dataDir: string): Promise<OpenTill> {
  const counter = await createCounter({ dataDir, headOffice: { mode: 'none' } });
  let n = 0;
  const call = async <T>(method: string, input: unknown, session?: string): Promise<T> => {
    const response = await counter.route({ id: `b${++n}`, method, input, session });
    if (!response.ok) throw new Error(`${method}: ${response.error.code} ${response.error.message}`);
    return response.result as T;
  };
  const hassan = (await call<Output<'auth.signIn'>>('auth.signIn', { username: 'hassan', secret: '5678' })).token;
  const amina = (await call<Output<'auth.signIn'>>('auth.signIn', { username: 'amina', secret: '1234' })).token;
  await call('safe.receiveCash', { operationId: uuid7(), amount: djf(1_000_000) }, hassan);
  const opened = await call<Output<'till.open'>>('till.open', { operationId: uuid7(), tillId: 'B1', clerk: 'amina', float: djf(10_000) }, hassan);
  await call('till.confirmReceipt', { operationId: uuid7(), pendingTransferId: opened.pending[0]!.transferId }, amina);
  return { counter, call, amina, sessionId: opened.sessionId };
}
