import type { ApprovalCredentials, CallResponse, Input, MethodName, Output } from '@shared/contract';
import { createCounter, type Counter } from '../../../electron/services/counter';
import type { Clock } from '../../../electron/services/clock';
import { makeTempDir } from '../../support/temp-dir';
import { testSecretHasher } from '../../support/test-secret-hasher';

/** A counter on a real temp folder, with typed calls as a given demo user. */
export interface TestCounter {
  counter: Counter;
  dir: string;
  as(username: string): Promise<Caller>;
  close(): Promise<void>;
}

export interface Caller {
  call<M extends MethodName>(method: M, input: Input<M>, approval?: ApprovalCredentials): Promise<Output<M>>;
  /** The raw answer, for the refusal paths. */
  try<M extends MethodName>(method: M, input: Input<M>, approval?: ApprovalCredentials): Promise<CallResponse>;
}

export const DEMO_SECRETS: Record<string, string> = { amina: '1234', omar: '4321', hassan: '5678', ismail: '9012', fatouma: '2468' };
export const HASSAN: ApprovalCredentials = { username: 'hassan', secret: '5678' };

let requests = 0;

export async function startCounter(options: { clock?: Clock } = {}): Promise<TestCounter> {
  const temp = makeTempDir('ledger-it-');
  const counter = await createCounter({ dataDir: temp.dir, secretHasher: testSecretHasher(), clock: options.clock });
  const route = counter.route;
  return {
    counter,
    dir: temp.dir,
    async as(username) {
      const signIn = await route({ id: `r${++requests}`, method: 'auth.signIn', input: { username, secret: DEMO_SECRETS[username] } });
      if (!signIn.ok) throw new Error(`sign-in of ${username} failed: ${signIn.error.code}`);
      const token = (signIn.result as Output<'auth.signIn'>).token;
      const tryCall = (method: MethodName, input: unknown, approval?: ApprovalCredentials) =>
        route({ id: `r${++requests}`, method, input, session: token, ...(approval ? { approval } : {}) });
      return {
        try: (method, input, approval) => tryCall(method, input, approval),
        async call(method, input, approval) {
          const response = await tryCall(method, input, approval);
          if (!response.ok) throw new Error(`${method} refused: ${response.error.code} ${response.error.message} ${JSON.stringify(response.error.details ?? {})}`);
          return response.result as never;
        },
      };
    },
    async close() {
      await counter.close();
      temp.remove();
    },
  };
}
