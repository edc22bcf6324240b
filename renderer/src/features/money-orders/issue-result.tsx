import { Alert, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { MoneyOrderIssueResult } from '@shared/contract';
import type { Receipt } from '@shared/receipt';
import { FactTable } from '../../components/fact-table';
import { useI18n } from '../../i18n';
import { ReceiptPreview } from '../mail/receipt-preview';

/**
 * The order just issued: its number, the secret the sender passes to the payee (in the first
 * answer only: a replay shows none, it is on the sender's receipt), when it becomes payable, the
 * money taken and the change, and the two papers as they print.
 */
export function IssueResult({ result }: { result: MoneyOrderIssueResult }) {
  const { t, money, dateTime } = useI18n();
  const abroad = result.kind === 'international-outgoing';
  const payable = result.payable === 'now' ? (abroad ? t('mo.result.abroadNow') : t('mo.result.payableNow')) : abroad ? t('mo.result.abroadLater') : t('mo.result.payableLater');
  const amount = (minor: number) => <bdi dir="ltr">{money(minor)}</bdi>;
  return (
    <Paper withBorder p="md" data-testid="mo-issue-result" data-number={result.number} data-payable={result.payable} data-operation-id={result.operationId} data-replayed={result.replayed}>
      <Stack gap="sm">
        <Group justify="space-between" align="baseline">
          <Title order={3} data-testid="mo-issue-number">
            {/* The digit groups in an element of their own: inside Arabic text they would come out reversed. */}
            {t('mo.result.title')} <bdi dir="ltr">{result.spacedNumber}</bdi>
          </Title>
          <Text size="sm">{t('mo.result.operation', { operation: result.operationNumber })}</Text>
        </Group>
        {result.replayed && <Text size="sm">{t('mo.result.replayed')}</Text>}
        {result.secret ? (
          <Alert color="yellow" variant="filled" data-testid="mo-issue-secret" data-secret={result.secret}>
            <Stack gap={4}>
              <Text fw={700}>{t('mo.result.secret')}</Text>
              <Text fw={700} fz={32} ff="monospace" dir="ltr" lts={4}>
                {result.secret}
              </Text>
              <Text size="sm">{t('mo.result.secretOnce')}</Text>
            </Stack>
          </Alert>
        ) : (
          <Alert color="gray" data-testid="mo-issue-secret-gone">
            {t('mo.result.secretGone')}
          </Alert>
        )}
        <Alert color={result.payable === 'now' ? 'green' : 'orange'} data-testid="mo-issue-payable">
          {payable}
        </Alert>
        <FactTable
          facts={[
            { label: t('mo.result.amount'), value: amount(result.amount.minor) },
            { label: t('mo.result.fee'), value: amount(result.fee.minor) },
            { label: t('mo.result.total'), value: amount(result.total.minor), testId: 'mo-issue-total' },
            { label: t('mo.result.tendered'), value: amount(result.tendered.minor) },
            { label: t('mo.result.expires'), value: <bdi>{dateTime(result.expiresAt)}</bdi> },
          ]}
        />
        <Text fw={700} size="xl" data-testid="mo-issue-result-change">
          {t('mo.change', { amount: money(result.change.minor) })}
        </Text>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Stack gap={4}>
            <Text fw={600}>{t('mo.result.receipt')}</Text>
            <ReceiptPreview receipt={result.receipt as Receipt} />
          </Stack>
          <Stack gap={4}>
            <Text fw={600}>{t('mo.result.voucher')}</Text>
            <ReceiptPreview receipt={result.voucher as Receipt} />
          </Stack>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
