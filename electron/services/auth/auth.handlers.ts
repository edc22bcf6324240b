import type { Handlers } from '../router/handlers';
import { signedIn } from '../router/handlers';
import type { AuthService } from './auth-service';
import type { Approvals } from './approvals';
import type { UsersRepository } from './users.repository';
import { toUserAccount } from './users.repository';

type AuthHandlers = Pick<
  Handlers,
  'auth.signIn' | 'auth.signOut' | 'auth.lock' | 'auth.touch' | 'auth.unlock' | 'auth.resume' | 'auth.setLanguage' | 'users.list' | 'users.unlockAccount'
>;

export function authHandlers(auth: AuthService, approvals: Approvals, users: UsersRepository): AuthHandlers {
  return {
    'auth.signIn': ({ username, secret }) => auth.signIn(username, secret),
    'auth.signOut': (_input, context) => {
      auth.signOut(signedIn(context).session);
      return { ok: true };
    },
    'auth.lock': (_input, context) => {
      auth.lock(signedIn(context).session);
      return { ok: true };
    },
    // The router already refreshed the session's activity time on the way in.
    'auth.touch': () => ({ ok: true }),
    'auth.unlock': ({ secret }, context) => auth.unlock(signedIn(context).session, secret),
    'auth.resume': (_input, context) => {
      const { session } = signedIn(context);
      return { session: auth.resume(session), locked: session.locked };
    },
    'auth.setLanguage': ({ language }, context) => auth.setLanguage(signedIn(context).session, language),
    'users.list': () => users.list().map(toUserAccount),
    'users.unlockAccount': async ({ username }, context) => {
      const approver = await approvals.require({
        action: 'account.unlock',
        subject: username,
        session: context.session,
        credentials: context.approval,
      });
      auth.unlockAccount(username, approver);
      return { ok: true };
    },
  };
}
