import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionView } from '@shared/contract';
import type { Language } from '@shared/roles';
import { call, onCallFailure, setSessionToken } from '../../api';
import { useI18n, type MessageKey } from '../../i18n';
import { SessionContext, type SessionActions, type SessionState } from './session-context';

const signedOut = (notice: MessageKey | null = null): SessionState => ({ phase: 'signed-out', notice });

/**
 * The tab keeps its session token so a reload (or a crash of the page) comes back to the same
 * session — and to the basket the host kept for it — instead of the sign-in form. Per tab, gone
 * when the tab closes; the host still decides whether the token is valid and whether it is locked.
 */
const TOKEN_KEY = 'counter.sessionToken';
const rememberToken = (token: string | undefined) =>
  token === undefined ? sessionStorage.removeItem(TOKEN_KEY) : sessionStorage.setItem(TOKEN_KEY, token);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { setLanguage } = useI18n();
  const [state, setState] = useState<SessionState>(() =>
    sessionStorage.getItem(TOKEN_KEY) ? { phase: 'resuming' } : signedOut(),
  );

  // A language picked on the sign-in screen is the one the clerk wants now: it wins over the one
  // saved with her account, and becomes her saved one.
  const [pickedBeforeSignIn, setPickedBeforeSignIn] = useState<Language | null>(null);

  const begin = useCallback(
    async (session: SessionView) => {
      setSessionToken(session.token);
      rememberToken(session.token);
      let user = session.user;
      if (pickedBeforeSignIn && pickedBeforeSignIn !== user.language) {
        user = await call('auth.setLanguage', { language: pickedBeforeSignIn }).catch(() => ({ ...user, language: pickedBeforeSignIn }));
      }
      setPickedBeforeSignIn(null);
      setLanguage(user.language);
      setState({ phase: 'active', session: { ...session, user } });
    },
    [setLanguage, pickedBeforeSignIn],
  );

  const endSession = useCallback((notice: MessageKey | null) => {
    setSessionToken(undefined);
    rememberToken(undefined);
    setState(signedOut(notice));
  }, []);

  useEffect(() => {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (!token) return;
    setSessionToken(token);
    call('auth.resume', {}).then(
      ({ session, locked }) => {
        setLanguage(session.user.language);
        setState({ phase: locked ? 'locked' : 'active', session });
      },
      // The host restarted or the session ended meanwhile: sign in again.
      () => endSession(null),
    );
  }, [endSession, setLanguage]);

  // The host is the authority on locks and sessions: whatever call learns it first moves the screen.
  useEffect(
    () =>
      onCallFailure((failure, method) => {
        if (method === 'auth.signIn') return;
        if (failure.code === 'SESSION_LOCKED') {
          setState((current) => (current.phase === 'active' ? { phase: 'locked', session: current.session } : current));
        } else if (failure.code === 'NO_SESSION' && method !== 'auth.resume') {
          setState((current) => (current.phase === 'signed-out' ? current : signedOut('signIn.sessionEnded')));
          setSessionToken(undefined);
          rememberToken(undefined);
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
        if (state.phase === 'signed-out') setPickedBeforeSignIn(language);
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
