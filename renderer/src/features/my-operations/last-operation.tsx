import { Group, Paper, Text } from '@mantine/core';
import { useI18n } from '../../i18n';
import { useCallData } from '../../hooks/use-call-data';
import { OperationStatus } from './operation-status';

/**
 * The last thing this till booked, always in view at the window: after a reload or a frozen
 * screen the clerk sees whether the sale went through before she asks the customer again.
 */
export function LastOperation({ sessionId, version }: { sessionId: string; version: number }) {
  const { t, money, dateTime, tryT } = useI18n();
  const last = useCallData('till.operations', { sessionId, limit: 1 }, version).data?.[0];
  if (!last) return null;
  return (
    <Paper withBorder p="xs" data-testid="last-operation" data-operation-id={last.operationId}>
      <Group gap="sm" wrap="wrap">
        <Text size="sm" fw={700}>
          {t('lastOperation.title')}
        </Text>
        <Text size="sm">{tryT(`ops.kind.${last.kind}`, last.kind)}</Text>
        <Text size="sm">
          <bdi>{money(last.amount.minor)}</bdi>
        </Text>
        <Text size="sm" c="dimmed">
          {dateTime(last.at)}
        </Text>
        <OperationStatus operation={last} />
      </Group>
    </Paper>
  );
}
