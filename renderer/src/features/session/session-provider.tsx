import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionView } from '@shared/contract';
import type { Language } from '@shared/roles';
import { call, onCallFailure, setSessionToken } from '../../api';
import { useI18n, type MessageKey } from '../../i18n';
import { SessionContext, type SessionActions, type SessionState } from './session-context';

const signedOut = (notice: MessageKey | null = null): SessionState => ({ phase: 'signed-out', notice });

export function SessionProvider({ children }: { children: ReactNode }) {
  const { setLanguage } = useI18n();
  const [state, setState] = useState<SessionState>(signedOut);

  const begin = useCallback(
    (session: SessionView) => {
      setSessionToken(session.token);
      setLanguage(session.user.language);
      setState({ phase: 'active', session });
    },
    [setLanguage],
  );

  const endSession = useCallback((notice: MessageKey | null) => {
    setSessionToken(undefined);
    setState(signedOut(notice));
  }, []);

  // The host is the authority on locks and sessions: whatever call learns it first moves the screen.
  useEffect(
    () =>
      onCallFailure((failure, method) => {
        if (method === 'auth.signIn') return;
        if (failure.code === 'SESSION_LOCKED') {
          setState((current) => (current.phase === 'active' ? { phase: 'locked', session: current.session } : current));
        } else if (failure.code === 'NO_SESSION') {
          setState((current) => (current.phase === 'signed-out' ? current : signedOut('signIn.sessionEnded')));
          setSessionToken(undefined);
        }
      }),
    [],
  );

  const actions = useMemo<SessionActions>(
    () => ({
      state,
      signIn: async (username, secret) => begin(await call('auth.signIn', { username, secret })),
      signOut: async () => {
        // Leave even if the host does not answer: the screen must not stay open on a user who left.
        await call('auth.signOut', {}).catch(() => undefined);
        endSession(null);
      },
      lock: async () => {
        if (state.phase !== 'active') return;
        setState({ phase: 'locked', session: state.session });
        // SESSION_LOCKED here only means the host locked it first.
        await call('auth.lock', {}).catch(() => undefined);
      },
      unlock: async (secret) => {
        const session = await call('auth.unlock', { secret });
        setState({ phase: 'active', session });
      },
      changeLanguage: async (language: Language) => {
        setLanguage(language);
        if (state.phase === 'active') {
          const user = await call('auth.setLanguage', { language });
          setState({ phase: 'active', session: { ...state.session, user } });
        }
      },
      endSession: (notice) => endSession(notice),
    }),
    [state, begin, endSession, setLanguage],
  );

  return <SessionContext.Provider value={actions}>{children}</SessionContext.Provider>;
}
