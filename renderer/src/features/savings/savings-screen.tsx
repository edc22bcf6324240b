import { Alert, Loader, Stack } from '@mantine/core';
import { ScreenHeader } from '../../components/screen-header';
import { useCallData } from '../../hooks/use-call-data';
import { useFailureText } from '../../hooks/use-failure-text';
import { useI18n } from '../../i18n';
import { useSignedInUser } from '../session/session-context';
import { SavingsDesk } from './savings-desk';

/**
 * Postal savings at the window: find or register the customer, her accounts, then deposit,
 * withdraw, passbook and statement on one of them, or open a new one. A clerk handles cash
 * through her open till; a supervisor reads accounts, prints passbooks and statements, and
 * blocks a lost passbook.
 */
export function SavingsScreen({ onBack }: { onBack(): void }) {
  const { t } = useI18n();
  const failureText = useFailureText();
  const clerk = useSignedInUser().role === 'clerk';
  const config = useCallData('till.config', {});
  const mine = useCallData('till.mine', clerk ? {} : null);
  const error = config.error ?? mine.error;
  const sessionId = clerk && mine.data?.status === 'open' ? mine.data.sessionId : null;

  let body;
  if (error !== null) body = <Alert color="red">{failureText(error)}</Alert>;
  else if (!config.data || mine.loading) body = <Loader size="sm" />;
  else
    body = (
      <>
        {clerk && sessionId === null && (
          <Alert color="blue" data-testid="savings-no-till">
            {t('savings.noTill')}
          </Alert>
        )}
        <SavingsDesk config={config.data} sessionId={sessionId} />
      </>
    );

  return (
    <Stack p="md" data-testid="savings-screen">
      <ScreenHeader title={t('savings.title')} onBack={onBack} />
      {body}
    </Stack>
  );
}
