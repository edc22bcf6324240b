import { useState } from 'react';
import { Alert, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { SavingsStatement } from '@shared/contract';
import { call } from '../../api';
import { useI18n } from '../../i18n';
import { PassbookLinesTable } from './passbook-lines-table';
import { useSavingsFailureText } from './use-savings-failure-text';

/** The account's latest lines from head office; "print" queues a mini statement on the receipt printer. */
export function StatementPanel({ accountNumber }: { accountNumber: string }) {
  const { t, money, dateTime } = useI18n();
  const failureText = useSavingsFailureText();
  const [statement, setStatement] = useState<SavingsStatement | null>(null);
  const [printed, setPrinted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const read = async (print: boolean) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setPrinted(false);
    try {
      setStatement(await call('savings.statement', { accountNumber, print }));
      setPrinted(print);
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={760} data-testid="savings-statement-panel">
      <Title order={4}>{t('savings.statement.title')}</Title>
      <Group>
        <Button variant="default" onClick={() => void read(false)} loading={busy} data-autofocus data-testid="savings-statement-show">
          {t('savings.statement.show')}
        </Button>
        <Button onClick={() => void read(true)} loading={busy} data-testid="savings-statement-print">
          {t('savings.statement.print')}
        </Button>
      </Group>
      {busy && !statement && <Loader size="sm" />}
      {error && (
        <Alert color="red" role="alert" data-testid="savings-statement-error">
          {error}
        </Alert>
      )}
      {printed && (
        <Alert color="green" data-testid="savings-statement-printed">
          {t('savings.statement.printed')}
        </Alert>
      )}
      {statement && (
        <Stack gap="xs" data-testid="savings-statement" data-lines={statement.lines.length}>
          <Text>
            {t('savings.account.balance')} <bdi dir="ltr">{money(statement.balance.minor)}</bdi> · {t('savings.account.available')}{' '}
            <bdi dir="ltr">{money(statement.available.minor)}</bdi> · <bdi>{dateTime(statement.at)}</bdi>
          </Text>
          <Text size="sm">{t('savings.statement.count', { shown: statement.lines.length, total: statement.totalLines })}</Text>
          {statement.waitingDeposits.count > 0 && (
            <Text size="sm">{t('savings.statement.waiting', { count: statement.waitingDeposits.count, amount: money(statement.waitingDeposits.amount.minor) })}</Text>
          )}
          <PassbookLinesTable lines={statement.lines} testId="savings-statement-lines" />
        </Stack>
      )}
    </Stack>
  );
}
