import type { Input, MethodName, Output } from '@shared/contract';
import type { RunningBrowserHost } from '../../support/browser-host';

export interface LedgerProbe {
  call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>>;
}

let requests = 0;

/**
 * A second pair of eyes on the ledger behind the browser: a supervisor's own
 * session straight on the host's router, to check what the screens claim
 * (one booking, nothing posted) without trusting the screens.
 */
export async function ledgerProbe(running: RunningBrowserHost, username = 'hassan', secret = '5678'): Promise<LedgerProbe> {
  const signIn = await running.host.route({ id: `probe-${++requests}`, method: 'auth.signIn', input: { username, secret } });
  if (!signIn.ok) throw new Error(`probe sign-in refused: ${signIn.error.code}`);
  const token = (signIn.result as Output<'auth.signIn'>).token;
  return {
    async call(method, input) {
      const response = await running.host.route({ id: `probe-${++requests}`, method, input, session: token });
      if (!response.ok) throw new Error(`${method} refused: ${response.error.code} ${response.error.message}`);
      return response.result as never;
    },
  };
}

/** Digits only: "50 800 DJF" with whatever spaces Intl put in becomes "50800". */
export const digitsOf = (text: string): string => text.replace(/[^\d-]/g, '');
