import type { Handlers } from '../router/handlers';
import { signedIn } from '../router/handlers';
import { actorOf, answer } from '../till/answer';
import type { TillContext } from '../till/till-context';
import { moveSafeCash, safeStatus } from './safe';

/** The branch safe: its balance, and cash received from or sent to head office or the bank. */
export function safeHandlers(ctx: TillContext): Pick<Handlers, 'safe.status' | 'safe.receiveCash' | 'safe.sendCash'> {
  return {
    'safe.status': () => safeStatus(ctx),
    'safe.receiveCash': (input, context) => answer(moveSafeCash(ctx, actorOf(signedIn(context)), 'received', input)),
    'safe.sendCash': (input, context) => answer(moveSafeCash(ctx, actorOf(signedIn(context)), 'sent', input)),
  };
}
