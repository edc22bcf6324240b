import { useState } from 'react';
import { Alert, Box, Stack } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import type { SessionView } from '@shared/contract';
import { StatusBar } from '../../components/status-bar';
import { useI18n } from '../../i18n';
import { AuditLogScreen } from '../audit-log/audit-log-screen';
import { DiagnosticsScreen } from '../diagnostics/diagnostics-screen';
import { FirstRunSetupScreen } from '../first-run-setup/first-run-setup-screen';
import { HeadOfficeLinkScreen } from '../head-office-link/head-office-link-screen';
import { JournalScreen } from '../journal/journal-screen';
import { ParcelsScreen } from '../mail/parcels-screen';
import { useIdleLock } from '../lock-screen/use-idle-lock';
import { SaleScreen } from '../sale/sale-screen';
import { useSession } from '../session/session-context';
import { useStatus } from '../status/status-context';
import { SupervisorCashScreen } from '../supervisor-cash/supervisor-cash-screen';
import { TillScreen } from '../till/till-screen';
import { UsersScreen } from '../users/users-screen';
import { WorkshopScreen } from '../workshop/workshop-screen';
import { HomeTiles } from './home-tiles';
import { tilesFor, type Screen } from './screens';

/** A dialog owns Esc while it is open (it closes itself); the shell must not also navigate. */
const dialogOpen = () => document.querySelector('[role="dialog"][aria-modal="true"]') !== null;

export function SignedInShell({ session }: { session: SessionView }) {
  const { t } = useI18n();
  const status = useStatus();
  const { lock, signOut, changeLanguage } = useSession();
  const [screen, setScreen] = useState<Screen>('home');
  const user = session.user;
  const home = () => setScreen('home');

  useIdleLock(true, session.idleLockSeconds, () => void lock());
  // Ctrl+L works from inside fields too: a clerk walking away should not have to leave the form first.
  useHotkeys(
    [
      ['mod+L', () => void lock()],
      ['Escape', () => !dialogOpen() && home()],
    ],
    [],
  );

  return (
    <Stack gap={0} mih="100vh">
      <Box component="header" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <StatusBar
          user={user}
          onLanguage={(language) => void changeLanguage(language)}
          onLock={() => void lock()}
          onSignOut={() => void signOut()}
        />
      </Box>
      {status.branch?.demo && (
        <Alert color="orange" radius={0} py={4} data-testid="demo-notice">
          {t('demo.notice')}
        </Alert>
      )}
      <Box component="main" flex={1}>
        {screen === 'home' && (
          <HomeTiles
            welcome={t('home.welcome', { name: user.displayName })}
            tiles={tilesFor(user.role, status.branch?.demo ?? false)}
            onOpen={setScreen}
          />
        )}
        {screen === 'audit' && <AuditLogScreen title={t('audit.title')} onBack={home} />}
        {screen === 'approvals' && <AuditLogScreen title={t('audit.approvals')} action="approval" onBack={home} />}
        {screen === 'users' && <UsersScreen onBack={home} />}
        {screen === 'setup' && <FirstRunSetupScreen onBack={home} />}
        {screen === 'diagnostics' && <DiagnosticsScreen onBack={home} />}
        {screen === 'workshop' && <WorkshopScreen onBack={home} />}
        {screen === 'head-office-link' && <HeadOfficeLinkScreen onBack={home} />}
        {screen === 'sale' && <SaleScreen onBack={home} />}
        {screen === 'till' && <TillScreen onBack={home} />}
        {screen === 'cash-office' && <SupervisorCashScreen onBack={home} />}
        {screen === 'journal' && <JournalScreen onBack={home} />}
        {screen === 'parcels' && <ParcelsScreen onBack={home} />}
      </Box>
    </Stack>
  );
}
