import { createContext, useContext } from 'react';
import type { SessionView } from '@shared/contract';
import type { Language } from '@shared/roles';
import type { MessageKey } from '../../i18n';

export type SessionState =
  | { phase: 'signed-out'; notice: MessageKey | null }
  /** A reloaded tab asking the host whether its session still stands. */
  | { phase: 'resuming' }
  | { phase: 'active'; session: SessionView }
  | { phase: 'locked'; session: SessionView };

export interface SessionActions {
  state: SessionState;
  /** Throws the CallFailure (BAD_CREDENTIALS, ACCOUNT_LOCKED…) for the form to show. */
  signIn(username: string, secret: string): Promise<void>;
  signOut(): Promise<void>;
  lock(): Promise<void>;
  unlock(secret: string): Promise<void>;
  /** Switches the screen language and, when someone is signed in, keeps it as theirs. */
  changeLanguage(language: Language): Promise<void>;
  /** The host ended every session (first-run setup): back to sign-in with a reason. */
  endSession(notice: MessageKey): void;
}

export const SessionContext = createContext<SessionActions | null>(null);

export function useSession(): SessionActions {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** For screens that only exist while someone is signed in. */
export function useSignedInUser() {
  const { state } = useSession();
  if (state.phase === 'signed-out' || state.phase === 'resuming') throw new Error('useSignedInUser while signed out');
  return state.session.user;
}
