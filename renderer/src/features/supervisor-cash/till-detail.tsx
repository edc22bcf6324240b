import { useState, type FormEvent } from 'react';
import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { PendingCash, SessionOperation, TillConfig, TillSessionView } from '@shared/contract';
import { call } from '../../api';
import { useApprovedCall } from '../../components/approval';
import { FactTable } from '../../components/fact-table';
import { useI18n } from '../../i18n';
import { OperationLines } from '../my-operations/operation-lines';
import { readAmount, type AmountReading } from '../till/amount';
import { AmountField } from '../till/amount-field';
import { CloseTillForm } from '../till/close-till-form';
import { CountResultCard } from '../till/count-result-card';
import { PendingCashList } from '../till/pending-cash-list';
import { useCallData } from '../till/use-call-data';
import { useFailureText } from '../till/use-failure-text';
import { useGuardedOperation } from '../till/use-guarded-operation';
import { ZReportView } from '../till/z-report-view';
import { ReasonForm } from './reason-form';
import { WhoWhen } from '../till/who-when';
import { OutcomeAlerts } from '../../components/outcome-alerts';

interface Props {
  session: TillSessionView;
  config: TillConfig;
  version: number;
  onChanged(): void;
}

/** One till as the branch manager sees it: expected cash, cash in transit, operations, counts, close, Z. */
export function TillDetail({ session, config, version, onChanged }: Props) {
  const { t, money, dateTime, tryT } = useI18n();
  const failureText = useFailureText();
  const approvedCall = useApprovedCall();
  const op = useGuardedOperation();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<PendingCash | null>(null);
  const [voiding, setVoiding] = useState<SessionOperation | null>(null);
  const [topUpText, setTopUpText] = useState('');
  const [topUpReading, setTopUpReading] = useState<AmountReading | null>(null);
  const [showZ, setShowZ] = useState(false);
  const live = session.status !== 'closed';
  const operations = useCallData('till.operations', { sessionId: session.sessionId, limit: 100 }, version);
  const counts = useCallData('till.counts', { sessionId: session.sessionId }, version);
  const latest = counts.data?.at(-1);

  const settle = (outcome: { ok: true } | { ok: false; error: unknown } | null, done: string) => {
    if (!outcome) return;
    if (outcome.ok) {
      setNotice(done);
      setCancelling(null);
      setVoiding(null);
      onChanged();
    } else setError(failureText(outcome.error));
  };

  const confirmDrop = async (item: PendingCash) => {
    setError(null);
    const outcome = await op.run(`confirm:${item.transferId}`, (operationId) => call('till.confirmReceipt', { operationId, pendingTransferId: item.transferId }));
    settle(outcome, t('pending.confirmed', { amount: money(item.amount.minor) }));
  };

  const cancelPending = async (item: PendingCash, reason: string) => {
    setError(null);
    const outcome = await op.run(`cancel:${item.transferId}:${reason}`, (operationId) =>
      call('till.cancelPending', { operationId, pendingTransferId: item.transferId, reason }),
    );
    settle(outcome, t('pending.cancelled', { amount: money(item.amount.minor) }));
  };

  const voidOperation = async (target: SessionOperation, reason: string) => {
    setError(null);
    const outcome = await op.run(`void:${target.operationId}:${reason}`, (operationId) =>
      approvedCall('till.voidOperation', { operationId, targetOperationId: target.operationId, reason }),
    );
    settle(outcome, t('void.done', { amount: money(target.amount.minor) }));
  };

  const topUp = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const amount = readAmount(topUpText, config);
    setTopUpReading(amount);
    if (!amount.ok) return;
    const input = { sessionId: session.sessionId, amount: { minor: amount.minor, currency: config.currency } };
    const outcome = await op.run(`top-up:${JSON.stringify(input)}`, (operationId) => call('till.transferFromSafe', { operationId, ...input }));
    if (outcome?.ok) {
      setTopUpText('');
      setTopUpReading(null);
    }
    settle(outcome, t('topUp.done', { amount: money(amount.minor) }));
  };

  return (
    <Stack data-testid={`till-detail-${session.tillId}`}>
      <Group>
        <Title order={3}>{t('till.heading', { till: session.tillId })}</Title>
        <Badge>{tryT(`till.status.${session.status}`, session.status)}</Badge>
      </Group>
      <FactTable
        facts={[
          { label: t('z.clerk'), value: session.clerk },
          { label: t('z.openedBy'), value: <WhoWhen who={session.openedBy} when={dateTime(session.openedAt)} /> },
          { label: t('tills.expected'), value: <span dir="ltr">{money(session.expectedCash.minor)}</span>, testId: 'till-expected' },
          { label: t('till.countsSubmitted'), value: String(session.countsSubmitted) },
        ]}
      />
      <OutcomeAlerts notice={notice} error={error} testId="till-detail" />

      {session.pending.length > 0 && <Title order={4}>{t('pending.title')}</Title>}
      <PendingCashList
        pending={session.pending}
        viewer="supervisor"
        busy={op.busy}
        onConfirm={(item) => void confirmDrop(item)}
        onCancel={(item) => setCancelling(item)}
      />
      {cancelling && (
        <ReasonForm
          prompt={t('pending.cancelPrompt', { amount: money(cancelling.amount.minor) })}
          submitLabel={t('pending.cancel')}
          busy={op.busy}
          onSubmit={(reason) => void cancelPending(cancelling, reason)}
          onCancel={() => setCancelling(null)}
          testId="cancel-pending"
        />
      )}

      {session.status === 'open' && (
        <form onSubmit={(event) => void topUp(event)} data-testid="top-up">
          <Group align="flex-end">
            <AmountField label={t('topUp.amount')} value={topUpText} onChange={setTopUpText} config={config} reading={topUpReading} testId="top-up-amount" />
            <Button type="submit" loading={op.busy} variant="default">
              {t('topUp.submit')}
            </Button>
          </Group>
        </form>
      )}

      <Title order={4}>{t('ops.title')}</Title>
      <Table withTableBorder striped data-testid="till-operations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('z.at')}</Table.Th>
            <Table.Th>{t('ops.kind')}</Table.Th>
            <Table.Th>{t('ops.operator')}</Table.Th>
            <Table.Th>{t('pending.amount')}</Table.Th>
            <Table.Th>{t('ops.reason')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(operations.data ?? []).map((operation) => (
            <Table.Tr key={operation.operationId} data-testid="till-operation" data-kind={operation.kind}>
              <Table.Td>{dateTime(operation.at)}</Table.Td>
              <Table.Td>
                <Text size="sm">{tryT(`ops.kind.${operation.kind}`, operation.kind)}</Text>
                <OperationLines operation={operation} />
              </Table.Td>
              <Table.Td>{operation.operator}</Table.Td>
              <Table.Td dir="ltr">{money(operation.amount.minor)}</Table.Td>
              <Table.Td>
                {operation.reason ?? ''}
                {operation.voidedBy && (
                  <Badge color="red" variant="light" ms="xs">
                    {t('ops.voided')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {operation.voidable && (
                  <Button size="xs" variant="default" color="red" onClick={() => setVoiding(operation)} data-testid={`void-${operation.operationId}`}>
                    {t('void.button')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {voiding && (
        <ReasonForm
          prompt={t('void.prompt', { kind: tryT(`ops.kind.${voiding.kind}`, voiding.kind), amount: money(voiding.amount.minor) })}
          submitLabel={t('void.button')}
          busy={op.busy}
          onSubmit={(reason) => void voidOperation(voiding, reason)}
          onCancel={() => setVoiding(null)}
          testId="void-form"
        />
      )}

      {(counts.data ?? []).length > 0 && <Title order={4}>{t('count.title')}</Title>}
      {counts.data?.map((count) => <CountResultCard key={count.countId} count={count} latest={count === latest} />)}
      {live && session.status === 'counting' && latest && (
        <CloseTillForm
          key={latest.countId}
          count={latest}
          config={config}
          onClosed={() => {
            setNotice(t('till.closedBySupervisor', { till: session.tillId }));
            setShowZ(true);
            onChanged();
          }}
        />
      )}
      <Group>
        <Button variant="default" onClick={() => setShowZ((shown) => !shown)} data-testid="till-detail-z">
          {t('till.zPreview')}
        </Button>
      </Group>
      {showZ && <ZReportView key={version} sessionId={session.sessionId} />}
    </Stack>
  );
}
