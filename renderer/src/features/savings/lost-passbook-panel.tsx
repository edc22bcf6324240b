import { useState } from 'react';
import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import type { PassbookReplacement } from '@shared/contract';
import { useApprovedCall } from '../../components/approval';
import { useGuardedOperation } from '../../hooks/use-guarded-operation';
import { useI18n } from '../../i18n';
import { useSavingsFailureText } from './use-savings-failure-text';

/**
 * A passbook reported lost, with the supervisor's approval at the window (offline allowed:
 * blocking a lost book must not wait for the link). One id per intent: a repeated press answers the
 * same new book, never blocks the new one.
 */
export function LostPassbookPanel({ accountNumber, onReplaced }: { accountNumber: string; onReplaced(): void }) {
  const { t } = useI18n();
  const failureText = useSavingsFailureText();
  const approvedCall = useApprovedCall();
  const { busy, run } = useGuardedOperation();
  const [error, setError] = useState<string | null>(null);
  const [replaced, setReplaced] = useState<PassbookReplacement | null>(null);

  const report = async () => {
    setError(null);
    const outcome = await run(accountNumber, (operationId) => approvedCall('savings.reportLostPassbook', { accountNumber, operationId }));
    if (!outcome) return;
    if (outcome.ok) {
      setReplaced(outcome.value);
      onReplaced();
    } else setError(failureText(outcome.error));
  };

  return (
    <Stack maw={620} data-testid="savings-lost-panel">
      <Title order={4}>{t('savings.lost.title')}</Title>
      {replaced ? (
        <Alert color="green" data-testid="savings-lost-done">
          {t('passbook.replaced', { lost: replaced.lostPassbook ?? '—', number: replaced.passbookNumber })}
        </Alert>
      ) : (
        <>
          <Text>{t('savings.lost.body')}</Text>
          <Button color="red" onClick={() => void report()} loading={busy} data-autofocus data-testid="savings-lost-confirm">
            {t('savings.lost.confirm')}
          </Button>
        </>
      )}
      {error && (
        <Alert color="red" role="alert" data-testid="savings-lost-error">
          {error}
        </Alert>
      )}
    </Stack>
  );
}
