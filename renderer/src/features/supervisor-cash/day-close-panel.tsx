import { useEffect, useMemo, useState } from 'react';
import { Alert, Badge, Button, Code, Group, List, Modal, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import type { DayCloseSummary, DenominationCount, TillConfig } from '@shared/contract';
import { call } from '../../api';
import { FactTable } from '../../components/fact-table';
import { useI18n } from '../../i18n';
import { BlindCountForm } from '../till/blind-count-form';
import { AccountCell } from './account-cell';
import { DayCloseHeadOfficeView } from './day-close-head-office';
import { useCallData } from '../../hooks/use-call-data';
import { useFailureText } from '../../hooks/use-failure-text';
import { useGuardedOperation } from '../../hooks/use-guarded-operation';
import { WhoWhen } from '../till/who-when';
import { OutcomeAlerts } from '../../components/outcome-alerts';

/** The branch summary kept for the head-office comparison: same sequence, same hash, same totals. */
export function DayCloseSummaryView({ summary }: { summary: DayCloseSummary }) {
  const { t, money, dateTime } = useI18n();
  // Which till each session's cash account belongs to, so the table says "Till G1 cash", not an id.
  const sessions = useCallData('till.list', { status: 'all', limit: 50 }, summary.lastSeq);
  const tills = useMemo(() => new Map((sessions.data ?? []).map((session) => [session.sessionId, session.tillId])), [sessions.data]);
  return (
    <Stack gap="xs" data-testid="day-summary">
      <FactTable
        facts={[
          { label: t('day.businessDate'), value: summary.businessDate },
          { label: t('day.closedBy'), value: <WhoWhen who={summary.closedBy} when={dateTime(summary.at)} /> },
          { label: t('day.seqRange'), value: <span dir="ltr">{`${summary.firstSeq} → ${summary.lastSeq}`}</span>, testId: 'day-last-seq' },
          { label: t('day.lastHash'), value: <Code dir="ltr" style={{ wordBreak: 'break-all' }}>{summary.lastHash}</Code>, testId: 'day-last-hash' },
          { label: t('day.journalKey'), value: <Code dir="ltr">{summary.keyFingerprint ?? '—'}</Code>, testId: 'day-journal-key' },
          { label: t('day.safeExpected'), value: <span dir="ltr">{money(summary.safe.expected.minor)}</span> },
          { label: t('day.safeCounted'), value: <span dir="ltr">{money(summary.safe.counted.minor)}</span> },
          { label: t('count.difference'), value: <span dir="ltr">{money(summary.safe.difference.minor)}</span> },
          { label: t('z.explanation'), value: summary.safe.explanation ?? '—' },
        ]}
      />
      {/* A close head office has not confirmed is shown, with why, above the form. */}
      {summary.headOffice?.state === 'confirmed' && <DayCloseHeadOfficeView status={summary.headOffice} />}
      <Table withTableBorder striped data-testid="day-accounts">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('day.account')}</Table.Th>
            <Table.Th>{t('day.debits')}</Table.Th>
            <Table.Th>{t('day.credits')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {summary.accounts.map((account) => (
            <Table.Tr key={account.accountId}>
              <AccountCell id={account.accountId} code={account.code} tills={tills} />
              <Table.Td dir="ltr">{money(account.debitsPosted)}</Table.Td>
              <Table.Td dir="ltr">{money(account.creditsPosted)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/**
 * Branch day close: every till closed, nothing in transit, the safe counted.
 * One atomic step on the host; if the answer is lost, the same operation id is
 * sent again and the stored summary comes back (nothing is closed twice).
 */
export function DayClosePanel({ config, version, onChanged }: { config: TillConfig; version: number; onChanged(): void }) {
  const { t, money } = useI18n();
  const failureText = useFailureText();
  // Head office answers in the background: a close waiting for it is read again every few seconds.
  const [tick, setTick] = useState(0);
  const preview = useCallData('day.preview', {}, version + tick);
  const closes = useCallData('day.closes', { limit: 5 }, version + tick);
  const { busy, run } = useGuardedOperation();
  const [explanation, setExplanation] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<DayCloseSummary | null>(null);
  const [comparing, setComparing] = useState(false);
  /** The count waiting for the supervisor's "yes": a day close cannot be undone, so it is said before it is done. */
  const [confirming, setConfirming] = useState<DenominationCount[] | null>(null);
  const unconfirmed = preview.data?.unconfirmed ?? [];
  const awaiting = unconfirmed.some((close) => close.state === 'awaiting-head-office');
  const blocked = preview.data ? preview.data.liveTills.length > 0 || preview.data.pending.length > 0 || preview.data.blockedBy !== null : true;

  useEffect(() => {
    if (!awaiting) return;
    const timer = setInterval(() => setTick((n) => n + 1), 5000);
    return () => clearInterval(timer);
  }, [awaiting]);

  const compareNow = async () => {
    setError(null);
    setComparing(true);
    try {
      await call('day.compareNow', {});
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setComparing(false);
      // The summary shown after a close carries the state of that moment: read the stored one again.
      setSummary(null);
      setTick((n) => n + 1);
    }
  };

  const close = async (counts: DenominationCount[]) => {
    setError(null);
    const input = { safeCount: counts, ...(explanation.trim() ? { explanation: explanation.trim() } : {}) };
    const outcome = await run(JSON.stringify(input), (operationId) => call('day.close', { operationId, ...input }));
    if (!outcome) return;
    if (outcome.ok) {
      setSummary(outcome.value);
      onChanged();
    } else setError(failureText(outcome.error));
  };

  const last = summary ?? closes.data?.[0] ?? null;
  return (
    <Stack data-testid="day-close">
      {preview.error !== null && <Alert color="red">{failureText(preview.error)}</Alert>}
      {preview.data && (
        <Stack gap="xs">
          <Text>{t('day.date', { date: preview.data.businessDate })}</Text>
          {preview.data.alreadyClosed &&
            // Booked is not final: the day is closed once head office has confirmed it.
            (preview.data.headOffice && preview.data.headOffice.state !== 'confirmed' ? (
              <Badge color={preview.data.headOffice.state === 'mismatch' ? 'red' : 'yellow'}>{t('dayClose.booked')}</Badge>
            ) : (
              <Badge color="green">{t('day.alreadyClosed')}</Badge>
            ))}
          {unconfirmed.length > 0 && (
            <Stack gap="xs" data-testid="day-unconfirmed">
              <Group justify="space-between">
                <Title order={4}>{t('dayClose.unconfirmed')}</Title>
                <Button variant="default" size="xs" onClick={() => void compareNow()} loading={comparing} data-testid="day-compare-now">
                  {t('dayClose.compareNow')}
                </Button>
              </Group>
              {unconfirmed.map((close) => (
                <DayCloseHeadOfficeView key={close.dayCloseId} status={close} />
              ))}
            </Stack>
          )}
          {preview.data.liveTills.length > 0 && (
            <Alert color="orange" title={t('day.liveTills')} data-testid="day-live-tills">
              <List>
                {preview.data.liveTills.map((till) => (
                  <List.Item key={till.sessionId}>{`${till.tillId} · ${till.clerk} · ${t(`till.status.${till.status}`)}`}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          {preview.data.pending.length > 0 && (
            <Alert color="orange" title={t('day.pending')}>
              <List>
                {preview.data.pending.map((item) => (
                  <List.Item key={item.transferId}>{`${t(`pending.kind.${item.kind}`)} · ${item.tillId} · ${money(item.amount.minor)}`}</List.Item>
                ))}
              </List>
            </Alert>
          )}
        </Stack>
      )}
      <OutcomeAlerts error={error} testId="day" />
      {!blocked && !preview.data?.alreadyClosed && !summary && (
        <Stack>
          <Title order={4}>{t('day.safeCount')}</Title>
          <Textarea
            label={t('day.explanation')}
            value={explanation}
            onChange={(event) => setExplanation(event.currentTarget.value)}
            maxLength={500}
            autosize
            minRows={1}
            data-testid="day-explanation"
          />
          <BlindCountForm config={config} busy={busy} submitLabel={t('day.submit')} onSubmit={(counts) => setConfirming(counts)} testId="safe-count" />
        </Stack>
      )}
      <Modal opened={confirming !== null} onClose={() => setConfirming(null)} title={t('day.confirmTitle')} data-testid="day-confirm">
        {confirming && preview.data && (
          <Stack>
            <Text data-testid="day-confirm-summary">
              {t('day.confirmSummary', { date: preview.data.businessDate, counted: money(confirming.reduce((sum, line) => sum + line.denomination * line.quantity, 0)) })}
            </Text>
            {explanation.trim() && <Text size="sm">{`${t('day.explanation')} : ${explanation.trim()}`}</Text>}
            <Text size="sm" c="dimmed">{t('day.confirmFinal')}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(null)} data-testid="day-confirm-back">{t('day.confirmBack')}</Button>
              <Button color="red" loading={busy} onClick={() => { const counts = confirming; setConfirming(null); void close(counts); }} data-testid="day-confirm-close">
                {t('day.submit')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      {last && (
        <Stack gap="xs">
          <Title order={4}>{t('day.lastSummary')}</Title>
          <DayCloseSummaryView summary={last} />
        </Stack>
      )}
    </Stack>
  );
}
