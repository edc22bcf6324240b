import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, SegmentedControl, Stack, TextInput, Title } from '@mantine/core';
import type { TillConfig } from '@shared/contract';
import { call } from '../../api';
import { FactTable } from '../../components/fact-table';
import { useI18n } from '../../i18n';
import { readAmount, type AmountReading } from '../../components/amount';
import { AmountField } from '../../components/amount-field';
import { useCallData } from '../../hooks/use-call-data';
import { useFailureText } from '../../hooks/use-failure-text';
import { useGuardedOperation } from '../../hooks/use-guarded-operation';
import { OutcomeAlerts } from '../../components/outcome-alerts';

type Direction = 'receive' | 'send';

/** The branch safe: what it holds, what is on its way in or out, and cash from or to head office. */
export function SafePanel({ config, version, onChanged }: { config: TillConfig; version: number; onChanged(): void }) {
  const { t, money } = useI18n();
  const failureText = useFailureText();
  const status = useCallData('safe.status', {}, version);
  const { busy, run } = useGuardedOperation();
  const [direction, setDirection] = useState<Direction>('receive');
  const [amountText, setAmountText] = useState('');
  const [reading, setReading] = useState<AmountReading | null>(null);
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setNotice(null);
    const amount = readAmount(amountText, config);
    setReading(amount);
    if (!amount.ok) return;
    const input = {
      amount: { minor: amount.minor, currency: config.currency },
      ...(reference.trim() ? { reference: reference.trim() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    const method = direction === 'receive' ? 'safe.receiveCash' : 'safe.sendCash';
    const outcome = await run(JSON.stringify([method, input]), (operationId) => call(method, { operationId, ...input }));
    if (!outcome) return;
    if (outcome.ok) {
      setNotice(t(direction === 'receive' ? 'safe.received' : 'safe.sent', { amount: money(amount.minor) }));
      setAmountText('');
      setReference('');
      setNote('');
      setReading(null);
      onChanged();
    } else setError(failureText(outcome.error));
  };

  return (
    <Stack data-testid="safe-panel">
      {status.error !== null && <Alert color="red">{failureText(status.error)}</Alert>}
      {status.data && (
        <FactTable
          facts={[
            { label: t('safe.balance'), value: <span dir="ltr">{money(status.data.balance.minor)}</span>, testId: 'safe-balance' },
            { label: t('safe.pendingIn'), value: <span dir="ltr">{money(status.data.pendingIn.minor)}</span> },
            { label: t('safe.pendingOut'), value: <span dir="ltr">{money(status.data.pendingOut.minor)}</span> },
          ]}
        />
      )}
      <Title order={4}>{t('safe.movement')}</Title>
      <form onSubmit={(event) => void submit(event)} data-testid="safe-movement">
        <Stack maw={520}>
          <OutcomeAlerts notice={notice} error={error} testId="safe" />
          <SegmentedControl
            value={direction}
            onChange={(value) => setDirection(value === 'send' ? 'send' : 'receive')}
            data={[
              { value: 'receive', label: t('safe.receive') },
              { value: 'send', label: t('safe.send') },
            ]}
            data-testid="safe-direction"
          />
          <AmountField label={t('movement.amount')} value={amountText} onChange={setAmountText} config={config} reading={reading} testId="safe-amount" />
          <Group grow>
            <TextInput label={t('safe.reference')} value={reference} onChange={(event) => setReference(event.currentTarget.value)} maxLength={40} dir="ltr" data-testid="safe-reference" />
            <TextInput label={t('movement.note')} value={note} onChange={(event) => setNote(event.currentTarget.value)} maxLength={500} />
          </Group>
          <Button type="submit" loading={busy} data-testid="safe-submit">
            {t(direction === 'receive' ? 'safe.receive' : 'safe.send')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
