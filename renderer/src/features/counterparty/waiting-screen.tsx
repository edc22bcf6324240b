import { useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Stack, Table, Text } from '@mantine/core';
import type { CounterpartyOperationView } from '@shared/contract';
import { call } from '../../api';
import { ScreenHeader } from '../../components/screen-header';
import { useCallData } from '../../hooks/use-call-data';
import { useFailureText } from '../../hooks/use-failure-text';
import { useI18n } from '../../i18n';

/**
 * Operations waiting for a counterparty (head office, an operator, a biller): a clerk sees her
 * own, a supervisor the branch's. Nothing here pays out except "hand over", which the counter
 * allows only for a payout the counterparty confirmed (the cash rule).
 */
export function WaitingScreen({ onBack }: { onBack(): void }) {
  const { t, money, dateTime, tryT } = useI18n();
  const failureText = useFailureText();
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const waiting = useCallData('counterparty.waiting', {}, version);

  const act = async (method: 'counterparty.resolveNow' | 'counterparty.cancel' | 'counterparty.handOver', operation: CounterpartyOperationView) => {
    setError(null);
    try {
      await call(method, { operationId: operation.operationId });
    } catch (failure) {
      setError(failureText(failure));
    }
    setVersion((v) => v + 1);
  };

  let body;
  if (waiting.error !== null) body = <Alert color="red">{failureText(waiting.error)}</Alert>;
  else if (!waiting.data) body = <Loader size="sm" />;
  else if (waiting.data.operations.length === 0) body = <Text data-testid="waiting-empty">{t('waiting.none')}</Text>;
  else
    body = (
      <Table striped data-testid="waiting-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('waiting.when')}</Table.Th>
            <Table.Th>{t('waiting.what')}</Table.Th>
            <Table.Th>{t('waiting.who')}</Table.Th>
            <Table.Th>{t('waiting.amount')}</Table.Th>
            <Table.Th>{t('waiting.state')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {waiting.data.operations.map((operation) => (
            <Table.Tr key={operation.operationId} data-testid="waiting-row" data-state={operation.state}>
              <Table.Td>
                <bdi>{dateTime(operation.createdAt)}</bdi>
              </Table.Td>
              <Table.Td>{tryT(`ops.kind.${operation.kind}`, t('waiting.otherKind'))}</Table.Td>
              <Table.Td>{tryT(`waiting.counterparty.${operation.counterparty}`, operation.counterparty)}</Table.Td>
              <Table.Td>
                <bdi>{money(operation.amount.minor)}</bdi>
              </Table.Td>
              <Table.Td>
                <Badge color={operation.toHandOver ? 'green' : operation.state === 'unknown' ? 'orange' : 'gray'}>
                  {operation.toHandOver ? t('waiting.toHandOver') : t(`waiting.state.${operation.state}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end">
                  {operation.toHandOver ? (
                    <Button size="xs" color="green" onClick={() => void act('counterparty.handOver', operation)} data-testid="waiting-hand-over">
                      {t('waiting.handOver')}
                    </Button>
                  ) : (
                    <>
                      <Button size="xs" variant="default" onClick={() => void act('counterparty.resolveNow', operation)} data-testid="waiting-ask">
                        {t('waiting.askAgain')}
                      </Button>
                      <Button size="xs" variant="subtle" color="red" onClick={() => void act('counterparty.cancel', operation)} data-testid="waiting-cancel">
                        {t('waiting.cancel')}
                      </Button>
                    </>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    );

  return (
    <Stack p="md" data-testid="waiting-screen">
      <ScreenHeader title={t('waiting.title')} onBack={onBack} />
      <Text size="sm" c="dimmed">
        {t('waiting.cashRule')}
      </Text>
      {error && <Alert color="red">{error}</Alert>}
      {body}
    </Stack>
  );
}
