import { useState, type FormEvent } from 'react';
import { Button, Stack, Text, Textarea } from '@mantine/core';
import type { CloseResult, CountResult, TillConfig } from '@shared/contract';
import { useApprovedCall } from '../../components/approval';
import { useI18n } from '../../i18n';
import { readAmount, type AmountReading } from '../../components/amount';
import { AmountField } from '../../components/amount-field';
import { useFailureText } from '../../hooks/use-failure-text';
import { useGuardedOperation } from '../../hooks/use-guarded-operation';
import { OutcomeAlerts } from '../../components/outcome-alerts';

interface Props {
  count: CountResult;
  config: TillConfig;
  onClosed(result: CloseResult): void;
}

/**
 * Closes the till on its latest count. A difference needs the clerk's
 * explanation; the part they dispute waits in suspense instead of being charged
 * to them. Always a supervisor's approval: their own session, or their code at
 * the clerk's window.
 */
export function CloseTillForm({ count, config, onClosed }: Props) {
  const { t, money } = useI18n();
  const approvedCall = useApprovedCall();
  const failureText = useFailureText();
  const { busy, run } = useGuardedOperation();
  const [explanation, setExplanation] = useState('');
  const [disputedText, setDisputedText] = useState('');
  const [reading, setReading] = useState<AmountReading | null>(null);
  const [error, setError] = useState<string | null>(null);
  const difference = count.difference.minor;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const disputed = disputedText.trim() === '' ? ({ ok: true, minor: 0 } as const) : readAmount(disputedText, config, { allowZero: true });
    setReading(disputed.ok ? null : disputed);
    if (!disputed.ok) return;
    if (difference !== 0 && explanation.trim().length < 3) {
      setError(t('cash.rule.explanation-required'));
      return;
    }
    const input = {
      sessionId: count.sessionId,
      countId: count.countId,
      disputedMinor: disputed.minor,
      ...(explanation.trim() === '' ? {} : { explanation: explanation.trim() }),
    };
    const outcome = await run(JSON.stringify(input), (operationId) => approvedCall('till.close', { operationId, ...input }));
    if (!outcome) return;
    if (outcome.ok) onClosed(outcome.value);
    else setError(failureText(outcome.error));
  };

  return (
    <form onSubmit={(event) => void submit(event)} data-testid="close-till">
      <Stack maw={560}>
        <Text>
          {difference === 0 ? t('close.balanced') : t(difference < 0 ? 'close.short' : 'close.over', { amount: money(Math.abs(difference)) })}
        </Text>
        <OutcomeAlerts error={error} testId="close" />
        <Textarea
          label={t('close.explanation')}
          description={difference === 0 ? undefined : t('close.explanationNeeded')}
          value={explanation}
          onChange={(event) => setExplanation(event.currentTarget.value)}
          maxLength={500}
          autosize
          minRows={2}
          data-testid="close-explanation"
        />
        {difference !== 0 && (
          <AmountField
            label={t('close.disputed')}
            value={disputedText}
            onChange={setDisputedText}
            config={config}
            reading={reading}
            testId="close-disputed"
          />
        )}
        <Button type="submit" loading={busy} color={difference === 0 ? 'blue' : 'orange'} data-testid="close-submit">
          {t('close.submit')}
        </Button>
      </Stack>
    </form>
  );
}
