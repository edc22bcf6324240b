import { randomUUID } from 'node:crypto';
import type { ApprovalCredentials, Input, MethodName, Output } from '@shared/contract';
import type { CounterConfig } from '../../electron/services/counter';
import { CounterHost } from '../../electron/services/counter-host';
import type { CounterFixture } from './counter-fixture';

export type HostFixture = Pick<CounterFixture, 'call' | 'ok' | 'signIn'> & { host: CounterHost; close(): Promise<void> };

/**
 * A counter behind its host, as the shells run it: a call that restores a backup
 * (or sets up a branch) reopens the counter on the new file before the next call.
 */
export async function startHost(config: Omit<CounterConfig, 'onProfileChanged'>): Promise<HostFixture> {
  const host = await CounterHost.start({ headOffice: { mode: 'none' }, ...config });
  const call = (method: string, input: unknown, session?: string, approval?: ApprovalCredentials) =>
    host.route({ id: randomUUID(), method, input, session, approval });
  const ok = async <M extends MethodName>(method: M, input: Input<M>, session?: string): Promise<Output<M>> => {
    const response = await call(method, input, session);
    if (!response.ok) throw new Error(`${method} failed: ${response.error.code} ${response.error.message}`);
    return response.result as Output<M>;
  };
  return {
    host,
    call,
    ok,
    signIn: async (username, secret) => (await ok('auth.signIn', { username, secret })).token,
    close: () => host.close(),
  };
}
