import { useState } from 'react';
import { Alert, Button, Loader, Stack, Table, Text } from '@mantine/core';
import type { SessionOperation } from '@shared/contract';
import { call } from '../../api';
import { useApprovedCall } from '../../components/approval';
import { OutcomeAlerts } from '../../components/outcome-alerts';
import { ScreenHeader } from '../../components/screen-header';
import { useI18n } from '../../i18n';
import { ReasonForm } from '../supervisor-cash/reason-form';
import { useCallData } from '../../hooks/use-call-data';
import { useFailureText } from '../../hooks/use-failure-text';
import { useGuardedOperation } from '../../hooks/use-guarded-operation';
import { OperationLines } from './operation-lines';
import { OperationStatus } from './operation-status';

/**
 * The clerk's own operations of her live session, newest first: what each was, whether it still
 * stands, its receipt again (marked as a copy), and a void she asks for and a supervisor approves
 * at the window. Nothing booked is ever invisible to the person who booked it.
 */
export function MyOperationsScreen({ onBack }: { onBack(): void }) {
  const { t } = useI18n();
  const failureText = useFailureText();
  const mine = useCallData('till.mine', {});
  let body;
  if (mine.error !== null) body = <Alert color="red">{failureText(mine.error)}</Alert>;
  else if (mine.loading) body = <Loader size="sm" />;
  else if (!mine.data) body = <Alert color="blue">{t('till.none')}</Alert>;
  else body = <OperationList sessionId={mine.data.sessionId} />;
  return (
    <Stack p="md" data-testid="my-operations-screen">
      <ScreenHeader title={t('myOps.title')} onBack={onBack} />
      {body}
    </Stack>
  );
}

function OperationList({ sessionId }: { sessionId: string }) {
  const { t, money, dateTime, tryT } = useI18n();
  const failureText = useFailureText();
  const approvedCall = useApprovedCall();
  const op = useGuardedOperation();
  const [version, setVersion] = useState(0);
  const [voiding, setVoiding] = useState<SessionOperation | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const operations = useCallData('till.operations', { sessionId, limit: 200 }, version);

  const reprint = async (operation: SessionOperation) => {
    setError(null);
    setNotice(null);
    try {
      const { jobs } = await call('print.jobs', { limit: 200 });
      const original = jobs.find((job) => job.reference === operation.operationId && job.kind === 'receipt' && job.reprintOf === null);
      if (!original) return setError(t('myOps.noReceipt'));
      await call('print.reprint', { jobId: original.id });
      setNotice(t('myOps.reprinted'));
    } catch (failure) {
      setError(failureText(failure));
    }
  };

  const requestVoid = async (target: SessionOperation, reason: string) => {
    setError(null);
    const outcome = await op.run(`void:${target.operationId}:${reason}`, (operationId) =>
      approvedCall('till.voidOperation', { operationId, targetOperationId: target.operationId, reason }),
    );
    if (!outcome) return;
    if (outcome.ok) {
      setVoiding(null);
      setNotice(t('myOps.voided'));
      setVersion((n) => n + 1);
    } else setError(failureText(outcome.error));
  };

  if (operations.error !== null) return <Alert color="red">{failureText(operations.error)}</Alert>;
  if (!operations.data) return <Loader size="sm" />;
  if (operations.data.length === 0) return <Text data-testid="my-operations-empty">{t('myOps.empty')}</Text>;
  return (
    <Stack>
      <OutcomeAlerts notice={notice} error={error} testId="my-operations" />
      <Table withTableBorder striped data-testid="my-operations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('myOps.col.when')}</Table.Th>
            <Table.Th>{t('myOps.col.what')}</Table.Th>
            <Table.Th>{t('myOps.col.amount')}</Table.Th>
            <Table.Th>{t('myOps.col.status')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {operations.data.map((operation) => (
            <Table.Tr key={operation.operationId} data-testid="my-operation" data-operation-id={operation.operationId} data-kind={operation.kind}>
              <Table.Td>{dateTime(operation.at)}</Table.Td>
              <Table.Td>
                <Text size="sm">{tryT(`ops.kind.${operation.kind}`, operation.kind)}</Text>
                <OperationLines operation={operation} />
              </Table.Td>
              <Table.Td>
                <bdi>{money(operation.amount.minor)}</bdi>
              </Table.Td>
              <Table.Td>
                <OperationStatus operation={operation} />
              </Table.Td>
              <Table.Td>
                <Button.Group>
                  <Button size="xs" variant="default" onClick={() => void reprint(operation)} data-testid="my-operation-reprint">
                    {t('myOps.reprint')}
                  </Button>
                  {operation.voidable && (
                    <Button size="xs" variant="default" color="red" onClick={() => setVoiding(operation)} data-testid="my-operation-void">
                      {t('myOps.requestVoid')}
                    </Button>
                  )}
                </Button.Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {voiding && (
        <ReasonForm
          prompt={t('void.prompt', { kind: tryT(`ops.kind.${voiding.kind}`, voiding.kind), amount: money(voiding.amount.minor) })}
          submitLabel={t('myOps.requestVoid')}
          busy={op.busy}
          onSubmit={(reason) => void requestVoid(voiding, reason)}
          onCancel={() => setVoiding(null)}
          testId="my-operation-void-form"
        />
      )}
    </Stack>
  );
}
