import { Alert, Loader, Stack } from '@mantine/core';
import { ScreenHeader } from '../../components/screen-header';
import { useCallData } from '../../hooks/use-call-data';
import { useFailureText } from '../../hooks/use-failure-text';
import { useI18n } from '../../i18n';
import { useSignedInUser } from '../session/session-context';
import { MoneyOrdersDesk } from './money-orders-desk';

/**
 * Money orders at the window: issue one (domestic, or captured for head office to send abroad),
 * pay one at any branch on the payee's document and secret, look one up by number, cancel or
 * reimburse one for its sender, and the orders from abroad head office published here. A clerk
 * moves cash through her open till; a supervisor looks orders up and reads the lists.
 */
export function MoneyOrdersScreen({ onBack }: { onBack(): void }) {
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
          <Alert color="blue" data-testid="mo-no-till">
            {t('mo.noTill')}
          </Alert>
        )}
        <MoneyOrdersDesk config={config.data} sessionId={sessionId} clerk={clerk} />
      </>
    );

  return (
    <Stack p="md" data-testid="money-orders-screen">
      <ScreenHeader title={t('mo.title')} onBack={onBack} />
      {body}
    </Stack>
  );
}
