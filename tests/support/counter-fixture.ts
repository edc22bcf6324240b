import { randomUUID } from 'node:crypto';
import type { CallResponse, MethodName, Input, Output, ApprovalCredentials } from '@shared/contract';
import { createCounter, type Counter, type CounterConfig } from '../../electron/services/counter';
import { makeTempDir } from './temp-dir';
import { testSecretHasher } from './test-secret-hasher';

export interface CounterFixture {
  counter: Counter;
  dataDir: string;
  /** Raw call through the router, as a transport would make it (`window`: the window link it came through). */
  call(method: string, input: unknown, session?: string, approval?: ApprovalCredentials, window?: string): Promise<CallResponse>;
  /** Typed call that throws on failure. */
  ok<M extends MethodName>(method: M, input: Input<M>, session?: string): Promise<Output<M>>;
  signIn(username: string, secret: string): Promise<string>;
  close(): Promise<void>;
}

/** A real counter on a fresh data folder (demo branch seeded on first start), PINs hashed at the test cost. */
export async function startCounter(config: Partial<CounterConfig> = {}): Promise<CounterFixture> {
  const temp = config.dataDir ? null : makeTempDir();
  const dataDir = config.dataDir ?? temp!.dir;
  // No demo head office unless a test asks for one: PGlite's first start costs seconds of CPU,
  // and the replication suites cover the link on their own.
  const counter = await createCounter({ headOffice: { mode: 'none' }, secretHasher: testSecretHasher(), ...config, dataDir });
  const call = (method: string, input: unknown, session?: string, approval?: ApprovalCredentials, window?: string) =>
    counter.route({ id: randomUUID(), method, input, session, approval }, window);
  const ok = async <M extends MethodName>(method: M, input: Input<M>, session?: string): Promise<Output<M>> => {
    const response = await call(method, input, session);
    if (!response.ok) throw new Error(`${method} failed: ${response.error.code} ${response.error.message}`);
    return response.result as Output<M>;
  };
  return {
    counter,
    dataDir,
    call,
    ok,
    signIn: async (username, secret) => (await ok('auth.signIn', { username, secret })).token,
    close: async () => {
      await counter.close();
      temp?.remove();
    },
  };
}

export const errorCode = (response: CallResponse): string | null => (response.ok ? null : response.error.code);
