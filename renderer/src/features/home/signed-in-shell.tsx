import { useCallback, useEffect, useState } from 'react';
import { Alert, Box, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import type { SessionView } from '@shared/contract';
import { StatusBar } from '../../components/status-bar';
import { useI18n } from '../../i18n';
import { AuditLogScreen } from '../audit-log/audit-log-screen';
import { DiagnosticsScreen } from '../diagnostics/diagnostics-screen';
import { FirstRunSetupScreen } from '../first-run-setup/first-run-setup-screen';
import { HeadOfficeLinkScreen } from '../head-office-link/head-office-link-screen';
import { JournalScreen } from '../journal/journal-screen';
import { MyOperationsScreen } from '../my-operations/my-operations-screen';
import { ParcelsScreen } from '../mail/parcels-screen';
import { CustomersScreen } from '../customers/customers-screen';
import { useIdleLock } from '../lock-screen/use-idle-lock';
import { SaleScreen } from '../sale/sale-screen';
import { SavingsScreen } from '../savings/savings-screen';
import { MoneyOrdersScreen } from '../money-orders/money-orders-screen';
import { useSession } from '../session/session-context';
import { useStatus } from '../status/status-context';
import { SupervisorCashScreen } from '../supervisor-cash/supervisor-cash-screen';
import { TillScreen } from '../till/till-screen';
import { UsersScreen } from '../users/users-screen';
import { WaitingScreen } from '../counterparty/waiting-screen';
import { WorkshopScreen } from '../workshop/workshop-screen';
import { HomeTiles } from './home-tiles';
import { abandonUnfinishedWork, closeInnermostLayer, hasUnfinishedWork, popupOpen } from './screen-exit';
import { tilesFor, type Screen } from './screens';

/** A reload comes back to the screen the clerk was on (and its kept draft), not to home. */
const SCREEN_KEY = 'counter.screen';

export function SignedInShell({ session }: { session: SessionView }) {
  const { t } = useI18n();
  const status = useStatus();
  const { lock, signOut, changeLanguage } = useSession();
  const user = session.user;
  const tiles = tilesFor(user.role, status.branch?.demo ?? false);
  const [screen, setScreen] = useState<Screen>(() => {
    const kept = sessionStorage.getItem(SCREEN_KEY);
    return tiles.find((tile) => tile.screen === kept)?.screen ?? 'home';
  });
  const [askLeave, setAskLeave] = useState(false);
  useEffect(() => sessionStorage.setItem(SCREEN_KEY, screen), [screen]);
  const goHome = useCallback(() => {
    setAskLeave(false);
    setScreen('home');
  }, []);
  const home = useCallback(() => (hasUnfinishedWork() ? setAskLeave(true) : goHome()), [goHome]);

  useIdleLock(true, session.idleLockSeconds, () => void lock());
  // Ctrl+L works from inside fields too: a clerk walking away should not have to leave the form first.
  useHotkeys([['mod+L', () => void lock()]], []);
  // Capture phase: decided before a dropdown closes itself, so the Esc that closes a list
  // (service, document type) never also leaves the screen and its basket.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || popupOpen()) return;
      if (!closeInnermostLayer()) home();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [home]);

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
            tiles={tiles}
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
        {screen === 'my-operations' && <MyOperationsScreen onBack={home} />}
        {screen === 'waiting' && <WaitingScreen onBack={home} />}
        {screen === 'customers' && <CustomersScreen onBack={home} />}
        {screen === 'savings' && <SavingsScreen onBack={home} />}
        {screen === 'money-orders' && <MoneyOrdersScreen onBack={home} />}
      </Box>
      <Modal opened={askLeave} onClose={() => setAskLeave(false)} title={t('leave.title')} data-testid="leave-dialog">
        <Stack>
          <Text>{t('leave.body')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAskLeave(false)} data-autofocus data-testid="leave-stay">
              {t('leave.stay')}
            </Button>
            <Button
              color="red"
              onClick={() => {
                abandonUnfinishedWork();
                goHome();
              }}
              data-testid="leave-confirm"
            >
              {t('leave.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
