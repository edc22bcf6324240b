import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import type { CashMovementResult, TillConfig } from '@shared/contract';
import { useApprovedCall } from '../../components/approval';
import { useI18n } from '../../i18n';
import { readAmount, type AmountReading } from '../../components/amount';
import { AmountField } from '../../components/amount-field';
import { useFailureText } from '../../hooks/use-failure-text';
import { useGuardedOperation } from '../../hooks/use-guarded-operation';
import { OutcomeAlerts } from '../../components/outcome-alerts';

export type MovementKind = 'paid-in' | 'paid-out' | 'drop';

interface Props {
  kind: MovementKind;
  sessionId: string;
  config: TillConfig;
  onDone(result: CashMovementResult): void;
  onCancel(): void;
}

/**
 * Paid-in, paid-out (each with a reason code from configuration) or a drop to
 * the safe. Above the configured threshold the host asks for a supervisor, and
 * the approval dialog retries the very same operation id.
 */
export function CashMovementForm({ kind, sessionId, config, onDone, onCancel }: Props) {
  const { t, language, money } = useI18n();
  const approvedCall = useApprovedCall();
  const failureText = useFailureText();
  const { busy, run } = useGuardedOperation();
  const reasons = kind === 'paid-in' ? config.paidInReasons : kind === 'paid-out' ? config.paidOutReasons : [];
  const [reasonCode, setReasonCode] = useState<string | null>(reasons[0]?.code ?? null);
  const [amountText, setAmountText] = useState('');
  const [reading, setReading] = useState<AmountReading | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const threshold = kind === 'paid-in' ? config.approvalAbove.paidIn : kind === 'paid-out' ? config.approvalAbove.paidOut : config.approvalAbove.drop;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const amount = readAmount(amountText, config);
    setReading(amount);
    setError(null);
    if (!amount.ok || (kind !== 'drop' && !reasonCode)) return;
    const value = { minor: amount.minor, currency: config.currency };
    const extra = note.trim() === '' ? {} : { note: note.trim() };
    const outcome = await run(JSON.stringify([kind, amount.minor, reasonCode, note]), (operationId) =>
      kind === 'drop'
        ? approvedCall('till.transferToSafe', { operationId, sessionId, amount: value, ...extra })
        : approvedCall(kind === 'paid-in' ? 'till.paidIn' : 'till.paidOut', { operationId, sessionId, amount: value, reasonCode: reasonCode ?? '', ...extra }),
    );
    if (!outcome) return;
    if (outcome.ok) onDone(outcome.value);
    else setError(failureText(outcome.error));
  };

  return (
    <form onSubmit={(event) => void submit(event)} data-testid={`movement-${kind}`}>
      <Stack maw={480}>
        <OutcomeAlerts error={error} testId="movement" />
        {kind !== 'drop' && (
          <Select
            label={t('movement.reason')}
            data={reasons.map((reason) => ({ value: reason.code, label: reason.label[language] }))}
            value={reasonCode}
            onChange={setReasonCode}
            allowDeselect={false}
            data-testid="movement-reason"
          />
        )}
        <AmountField
          label={t('movement.amount')}
          value={amountText}
          onChange={setAmountText}
          config={config}
          reading={reading}
          testId="movement-amount"
          autoFocus
        />
        <TextInput label={t('movement.note')} value={note} onChange={(event) => setNote(event.currentTarget.value)} maxLength={500} data-testid="movement-note" />
        <Alert color="gray" variant="light">
          {t('movement.approvalAbove', { amount: money(threshold) })}
        </Alert>
        <Group>
          <Button type="submit" loading={busy} data-testid="movement-submit">
            {t(`movement.submit.${kind}`)}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={busy}>
            {t('cash.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
