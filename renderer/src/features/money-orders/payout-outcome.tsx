import { Alert, Paper, Stack, Text } from '@mantine/core';
import type { MoneyOrderPayoutResult } from '@shared/contract';
import { useI18n } from '../../i18n';
import { payoutWords } from './payout-words';

/** Where a payment, cancellation or reimbursement stands, in words: hand over only what head office confirmed. */
export function PayoutOutcome({ result }: { result: MoneyOrderPayoutResult }) {
  const { t, tryT, money, dateTime } = useI18n();
  const words = payoutWords(result, money, dateTime, t('mo.status.unknownBranch'));
  const reason = words.reason ? tryT(words.reason.key, t('mo.refusal.other'), words.reason.params) : '';
  const feeLine =
    result.purpose === 'cancel' && (result.outcome === 'paid' || result.outcome === 'to-pay')
      ? result.feeRefunded.minor > 0
        ? t('mo.cancel.feeBack', { fee: money(result.feeRefunded.minor) })
        : t('mo.cancel.feeKept')
      : null;
  return (
    <Paper withBorder p="md" data-testid="mo-payout-result" data-outcome={result.outcome} data-refusal={result.refusal ?? ''} data-purpose={result.purpose}>
      <Stack gap={4}>
        <Alert color={words.color} role={words.color === 'red' ? 'alert' : undefined} data-testid="mo-payout-outcome">
          <Text fw={700} size={words.color === 'green' ? 'xl' : undefined}>
            {t(words.key, { ...words.params, reason })}
          </Text>
        </Alert>
        {feeLine && <Text size="sm">{feeLine}</Text>}
        {result.approver && <Text size="sm">{t('mo.outcome.approvedBy', { name: result.approver })}</Text>}
        {result.replayed && <Text size="sm">{t('mo.outcome.replayed')}</Text>}
      </Stack>
    </Paper>
  );
}
