import { useState } from 'react';
import { Alert, Badge, Button, Group, Kbd, Loader, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import type { ClerkTillView, CountResult, DenominationCount, PendingCash, TillConfig } from '@shared/contract';
import { call } from '../../api';
import { FactTable } from '../../components/fact-table';
import { ScreenHeader } from '../../components/screen-header';
import { useI18n } from '../../i18n';
import { BlindCountForm } from './blind-count-form';
import { CashMovementForm, type MovementKind } from './cash-movement-form';
import { CloseTillForm } from './close-till-form';
import { CountResultCard } from './count-result-card';
import { PendingCashList } from './pending-cash-list';
import { useCallData } from '../../hooks/use-call-data';
import { useFailureText } from '../../hooks/use-failure-text';
import { useGuardedOperation } from '../../hooks/use-guarded-operation';
import { ZReportView } from './z-report-view';
import { WhoWhen } from './who-when';
import { OutcomeAlerts } from '../../components/outcome-alerts';
import { useEscapeLayer } from '../home/screen-exit';

type Panel = 'none' | MovementKind | 'count' | 'z';

const MOVEMENT_KEYS: Array<[string, MovementKind]> = [
  ['F2', 'paid-in'],
  ['F3', 'paid-out'],
  ['F4', 'drop'],
];

/** The clerk's own till: float, cash movements, blind count, close, Z report. */
export function TillScreen({ onBack }: { onBack(): void }) {
  const { t } = useI18n();
  const failureText = useFailureText();
  const [version, setVersion] = useState(0);
  const config = useCallData('till.config', {});
  const mine = useCallData('till.mine', {}, version);
  // After the close the till is no longer "mine": keep its id for the Z report.
  const [closedSession, setClosedSession] = useState<string | null>(null);
  const reload = () => setVersion((n) => n + 1);

  const error = config.error ?? mine.error;
  let body;
  if (error !== null) body = <Alert color="red">{failureText(error)}</Alert>;
  else if (!config.data || (mine.loading && !mine.data && !closedSession)) body = <Loader size="sm" />;
  else if (mine.data) body = <LiveTill till={mine.data} config={config.data} version={version} onChanged={reload} onClosed={setClosedSession} />;
  else if (closedSession)
    body = (
      <Stack>
        <Alert color="green" data-testid="till-closed">
          {t('till.closed')}
        </Alert>
        <ZReportView sessionId={closedSession} />
      </Stack>
    );
  else
    body = (
      <Alert color="blue" data-testid="till-none">
        {t('till.none')}
      </Alert>
    );

  return (
    <Stack p="md" data-testid="till-screen">
      <ScreenHeader title={t('till.title')} onBack={onBack} />
      {/* Cash sent by the manager (a top-up) is not pushed to this window: read the till again. */}
      <Group>
        <Button variant="default" size="xs" onClick={reload} loading={mine.loading && mine.data !== null} data-testid="till-refresh">
          {t('tills.refresh')}
        </Button>
      </Group>
      {body}
    </Stack>
  );
}

interface LiveProps {
  till: ClerkTillView;
  config: TillConfig;
  version: number;
  onChanged(): void;
  onClosed(sessionId: string): void;
}

function LiveTill({ till, config, version, onChanged, onClosed }: LiveProps) {
  const { t, dateTime, tryT, money } = useI18n();
  const failureText = useFailureText();
  const [panel, setPanel] = useState<Panel>('none');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const confirm = useGuardedOperation();
  const counting = useGuardedOperation();
  const counts = useCallData('till.counts', till.status === 'counting' ? { sessionId: till.sessionId } : null, version);
  const latest: CountResult | undefined = counts.data?.at(-1);

  const open = (next: Panel) => {
    setNotice(null);
    setError(null);
    setPanel(next);
  };
  // Esc in a panel (paid-out, count…) closes the panel, not the till screen.
  useEscapeLayer(panel !== 'none', () => setPanel('none'));
  useHotkeys(
    [
      ...MOVEMENT_KEYS.map(([key, kind]): [string, () => void] => [key, () => till.status === 'open' && open(kind)]),
      ['F6', () => (till.status === 'open' || till.status === 'counting') && open('count')],
    ],
    [],
  );

  const confirmReceipt = async (item: PendingCash) => {
    setError(null);
    const outcome = await confirm.run(item.transferId, (operationId) => call('till.confirmReceipt', { operationId, pendingTransferId: item.transferId }));
    if (!outcome) return;
    if (outcome.ok) {
      setNotice(t('till.received', { amount: money(outcome.value.amount.minor) }));
      onChanged();
    } else setError(failureText(outcome.error));
  };

  const submitCount = async (lines: DenominationCount[]) => {
    setError(null);
    const outcome = await counting.run(JSON.stringify(lines), (operationId) => call('till.submitCount', { operationId, sessionId: till.sessionId, counts: lines }));
    if (!outcome) return;
    if (outcome.ok) {
      setPanel('none');
      setNotice(null);
      onChanged();
    } else setError(failureText(outcome.error));
  };

  const awaitingFloat = till.status === 'awaiting-float';
  return (
    <Stack data-testid="till-live" data-status={till.status}>
      <Group gap="sm">
        <Title order={3}>{t('till.heading', { till: till.tillId })}</Title>
        <Badge data-testid="till-status">{tryT(`till.status.${till.status}`, till.status)}</Badge>
      </Group>
      <FactTable
        facts={[
          { label: t('till.openedBy'), value: <WhoWhen who={till.openedBy} when={dateTime(till.openedAt)} /> },
          { label: t('till.countsSubmitted'), value: String(till.countsSubmitted) },
        ]}
      />
      <OutcomeAlerts notice={notice} error={error} testId="till" />
      {awaitingFloat && <Text>{t('till.awaitingFloat')}</Text>}
      <PendingCashList pending={till.pending} viewer="clerk" busy={confirm.busy} onConfirm={(item) => void confirmReceipt(item)} />

      {till.status === 'open' && (
        <Group>
          {MOVEMENT_KEYS.map(([key, kind]) => (
            <Button key={kind} variant={panel === kind ? 'filled' : 'default'} onClick={() => open(kind)} data-testid={`till-action-${kind}`}>
              {t(`movement.title.${kind}`)}&nbsp;<Kbd dir="ltr">{key}</Kbd>
            </Button>
          ))}
          <Button variant={panel === 'count' ? 'filled' : 'default'} color="orange" onClick={() => open('count')} data-testid="till-action-count">
            {t('till.startCount')}&nbsp;<Kbd dir="ltr">F6</Kbd>
          </Button>
        </Group>
      )}

      {(panel === 'paid-in' || panel === 'paid-out' || panel === 'drop') && till.status === 'open' && (
        <Stack>
          <Title order={4}>{t(`movement.title.${panel}`)}</Title>
          <CashMovementForm
            key={panel}
            kind={panel}
            sessionId={till.sessionId}
            config={config}
            onCancel={() => setPanel('none')}
            onDone={(result) => {
              setPanel('none');
              setNotice(
                result.pendingTransferId && result.kind === 'drop'
                  ? t('movement.doneDrop', { amount: money(result.amount.minor) })
                  : t('movement.done', { amount: money(result.amount.minor) }),
              );
              onChanged();
            }}
          />
        </Stack>
      )}

      {panel === 'count' && (
        <Stack>
          <Title order={4}>{till.status === 'counting' ? t('till.recount') : t('till.blindCount')}</Title>
          <Alert color="yellow" variant="light">
            {till.status === 'open' ? t('till.countStopsTrading') : t('till.recountKept')}
          </Alert>
          <BlindCountForm config={config} busy={counting.busy} submitLabel={t('count.submit')} onSubmit={(lines) => void submitCount(lines)} />
        </Stack>
      )}

      {till.status === 'counting' && panel !== 'count' && (
        <Stack>
          <Group>
            <Button variant="default" onClick={() => open('count')} data-testid="till-recount">
              {t('till.recount')}&nbsp;<Kbd dir="ltr">F6</Kbd>
            </Button>
            <Button variant="default" onClick={() => open(panel === 'z' ? 'none' : 'z')} data-testid="till-z-preview">
              {t('till.zPreview')}
            </Button>
          </Group>
          {counts.data?.map((count) => <CountResultCard key={count.countId} count={count} latest={count === latest} />)}
          {latest && (
            <CloseTillForm
              key={latest.countId}
              count={latest}
              config={config}
              onClosed={() => {
                onClosed(till.sessionId);
                onChanged();
              }}
            />
          )}
          {panel === 'z' && <ZReportView key={version} sessionId={till.sessionId} />}
        </Stack>
      )}
    </Stack>
  );
}
