import { useState, type FormEvent } from 'react';
import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import type { TillConfig, TillSessionView } from '@shared/contract';
import { call } from '../../api';
import { useI18n } from '../../i18n';
import { readAmount, type AmountReading } from '../../components/amount';
import { AmountField } from '../../components/amount-field';
import { useCallData } from '../../hooks/use-call-data';
import { useFailureText } from '../../hooks/use-failure-text';
import { useGuardedOperation } from '../../hooks/use-guarded-operation';
import { OutcomeAlerts } from '../../components/outcome-alerts';

/** Opens a till session for a clerk with a float from the safe; the clerk then confirms receipt. */
export function GiveFloatForm({ config, onOpened }: { config: TillConfig; onOpened(session: TillSessionView): void }) {
  const { t, money } = useI18n();
  const failureText = useFailureText();
  const users = useCallData('users.list', {});
  const { busy, run, forget } = useGuardedOperation();
  const [tillId, setTillId] = useState('G1');
  const [clerk, setClerk] = useState<string | null>(null);
  const [amountText, setAmountText] = useState('');
  const [reading, setReading] = useState<AmountReading | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const clerks = (users.data ?? []).filter((user) => user.role === 'clerk' && !user.lockedAt);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setNotice(null);
    const amount = readAmount(amountText, config);
    setReading(amount);
    if (!amount.ok) return;
    if (!clerk) return setError(t('float.pickClerk'));
    const input = { tillId: tillId.trim().toUpperCase(), clerk, float: { minor: amount.minor, currency: config.currency } };
    const outcome = await run(JSON.stringify(input), (operationId) => call('till.open', { operationId, ...input }));
    if (!outcome) return;
    if (outcome.ok) {
      forget();
      setNotice(t('float.given', { amount: money(amount.minor), clerk, till: input.tillId }));
      setAmountText('');
      setReading(null);
      onOpened(outcome.value);
    } else setError(failureText(outcome.error));
  };

  return (
    <form onSubmit={(event) => void submit(event)} data-testid="give-float">
      <Stack maw={520}>
        <OutcomeAlerts notice={notice} error={error} testId="float" />
        <Group grow align="flex-start">
          <TextInput
            label={t('float.till')}
            value={tillId}
            onChange={(event) => setTillId(event.currentTarget.value)}
            dir="ltr"
            maxLength={16}
            data-testid="float-till"
          />
          <Select
            label={t('float.clerk')}
            data={clerks.map((user) => ({ value: user.username, label: `${user.displayName} (${user.username})` }))}
            value={clerk}
            onChange={setClerk}
            searchable
            data-testid="float-clerk"
          />
        </Group>
        <AmountField label={t('float.amount')} value={amountText} onChange={setAmountText} config={config} reading={reading} testId="float-amount" />
        <Button type="submit" loading={busy} data-testid="float-submit">
          {t('float.submit')}
        </Button>
      </Stack>
    </form>
  );
}
