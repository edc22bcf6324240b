import { useEffect } from 'react';
import { Center, Loader, Stack, Text } from '@mantine/core';
import { useDirection } from '@mantine/core';
import { ApprovalProvider } from './components/approval';
import { DatabaseRefusedScreen } from './features/database-refused/database-refused-screen';
import { SignedInShell } from './features/home/signed-in-shell';
import { LockScreen } from './features/lock-screen/lock-screen';
import { useSession } from './features/session/session-context';
import { SessionProvider } from './features/session/session-provider';
import { SignInScreen } from './features/sign-in/sign-in-screen';
import { StatusContext } from './features/status/status-context';
import { useCounterStatus } from './features/status/use-counter-status';
import { I18nProvider, useI18n } from './i18n';

/** Keeps Mantine's own direction (menus, popovers, paddings) in step with the language. */
function DirectionSync() {
  const { dir } = useI18n();
  const { setDirection } = useDirection();
  useEffect(() => setDirection(dir), [dir, setDirection]);
  return null;
}

function CurrentScreen() {
  const { state } = useSession();
  switch (state.phase) {
    case 'signed-out':
      return <SignInScreen notice={state.notice} />;
    case 'resuming':
      return <Waiting unreachable={false} />;
    case 'locked':
      return <LockScreen user={state.session.user} />;
    case 'active':
      return <SignedInShell session={state.session} />;
  }
}

function Waiting({ unreachable }: { unreachable: boolean }) {
  const { t } = useI18n();
  return (
    <Center mih="100vh">
      <Stack align="center">
        <Loader />
        <Text data-testid="app-waiting">{unreachable ? t('app.hostUnreachable') : t('app.connecting')}</Text>
      </Stack>
    </Center>
  );
}

/** Status first: a refused database replaces everything, before any sign-in form exists. */
export function App() {
  const { status, unreachable } = useCounterStatus();
  const branch = status?.branch ?? undefined;
  return (
    <I18nProvider country={branch?.country} currency={branch?.currency} branchLanguage={branch?.language}>
      <DirectionSync />
      {status === null ? (
        <Waiting unreachable={unreachable} />
      ) : status.state === 'refused' && status.refusal ? (
        <DatabaseRefusedScreen refusal={status.refusal} />
      ) : (
        <StatusContext.Provider value={status}>
          <SessionProvider>
            <ApprovalProvider>
              <CurrentScreen />
            </ApprovalProvider>
          </SessionProvider>
        </StatusContext.Provider>
      )}
    </I18nProvider>
  );
}
