import { Alert, Badge, Stack, Text } from '@mantine/core';
import type { DayCloseHeadOffice, DayCloseState } from '@shared/contract';
import { useI18n } from '../../i18n';
import { DayCloseDifferences } from './day-close-differences';

const COLOR: Record<DayCloseState, string> = { 'awaiting-head-office': 'yellow', confirmed: 'green', mismatch: 'red' };

export function DayCloseStateBadge({ status }: { status: DayCloseHeadOffice }) {
  const { t } = useI18n();
  return (
    <Badge color={COLOR[status.state]} data-testid={`day-state-${status.businessDate}`} data-state={status.state}>
      {t(`dayClose.state.${status.state}`)}
    </Badge>
  );
}

/**
 * Where head office stands on one close, in words the supervisor can act on:
 * why it still waits, or which accounts head office totals differently.
 */
export function DayCloseHeadOfficeView({ status }: { status: DayCloseHeadOffice }) {
  const { t, dateTime } = useI18n();
  const heading = t('dayClose.heading', { date: status.businessDate, seq: status.lastSeq });
  if (status.state === 'confirmed') {
    return (
      <Text data-testid="day-head-office">
        <DayCloseStateBadge status={status} /> {heading}
        {status.decidedAt && ` · ${dateTime(status.decidedAt)}`}
      </Text>
    );
  }
  if (status.state === 'mismatch') {
    return (
      <Alert color="red" role="alert" title={heading} data-testid="day-head-office">
        <Stack gap="xs">
          <DayCloseStateBadge status={status} />
          <Text>{t('dayClose.mismatchBody')}</Text>
          {status.hashMatches === false && <Text fw={700}>{t('dayClose.hashDiffers')}</Text>}
          {status.differences.length > 0 && <DayCloseDifferences differences={status.differences} />}
          {status.detail && <Text size="sm">{t('dayClose.detail', { detail: status.detail })}</Text>}
          {status.lastAttemptAt && <Text size="sm">{t('dayClose.lastAttempt', { time: dateTime(status.lastAttemptAt) })}</Text>}
        </Stack>
      </Alert>
    );
  }
  return (
    <Alert color="yellow" title={heading} data-testid="day-head-office">
      <Stack gap="xs">
        <DayCloseStateBadge status={status} />
        {status.waitingFor && <Text data-testid="day-waiting">{t(`dayClose.waiting.${status.waitingFor}`, { count: status.unsent })}</Text>}
        {status.detail && <Text size="sm">{t('dayClose.detail', { detail: status.detail })}</Text>}
      </Stack>
    </Alert>
  );
}
