import { useState, type FormEvent } from 'react';
import { Alert, Button, Kbd, Paper, Stack, Text, Title } from '@mantine/core';
import type { SavingsDepositResult } from '@shared/contract';
import type { Receipt } from '@shared/receipt';
import { call, isFailure } from '../../api';
import { readAmount, type AmountReading } from '../../components/amount';
import { useGuardedOperation } from '../../hooks/use-guarded-operation';
import { useI18n } from '../../i18n';
import { ReceiptPreview } from '../mail/receipt-preview';
import { fieldOf, type CashDesk } from './cash-desk';
import { useResumedOperation } from './savings-draft';
import { TenderedFields } from './tendered-fields';
import { useSavingsFailureText } from './use-savings-failure-text';

/** A deposit into the account, offline allowed: cash into the till now, credited by head office when the link carries it. */
export function DepositForm({ desk, sessionId, accountNumber }: { desk: CashDesk; sessionId: string; accountNumber: string }) {
  const { t, money } = useI18n();
  const failureText = useSavingsFailureText();
  const { busy, run, resume } = useGuardedOperation();
  useResumedOperation(desk.sent, resume);
  const [readings, setReadings] = useState<{ amount: AmountReading; tendered: AmountReading } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<SavingsDepositResult | null>(null);
  const amountText = fieldOf(desk, 'amount');
  const tenderedText = fieldOf(desk, 'tendered');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (result) return desk.close();
    setError(null);
    const amount = readAmount(amountText, desk.config);
    const tendered = tenderedText.trim() === '' ? amount : readAmount(tenderedText, desk.config);
    setReadings({ amount, tendered });
    if (!amount.ok || !tendered.ok) return;
    if (tendered.minor < amount.minor) return setError(t('cash.rule.tender-short'));
    const currency = desk.config.currency;
    const input = { sessionId, accountNumber, amount: { minor: amount.minor, currency }, tendered: { minor: tendered.minor, currency } };
    const content = JSON.stringify(input);
    const outcome = await run(content, async (operationId) => {
      await desk.keepSent({ operationId, content });
      return call('savings.deposit', { operationId, ...input });
    });
    if (!outcome) return;
    if (outcome.ok) {
      setResult(outcome.value);
      desk.finished();
      desk.changed();
      return;
    }
    // Refused for sure: nothing was booked under that id. Unanswered: keep it for the retry.
    if (!isFailure(outcome.error, 'HOST_UNREACHABLE')) await desk.keepSent(null);
    setError(failureText(outcome.error));
  };

  return (
    <form onSubmit={(event) => void submit(event)} data-testid="savings-deposit-form">
      <Stack maw={520}>
        <Title order={4}>{t('savings.deposit.title')}</Title>
        {error && (
          <Alert color="red" role="alert" data-testid="savings-deposit-error">
            {error}
          </Alert>
        )}
        {result ? (
          <Paper withBorder p="md" data-testid="savings-deposit-result" data-credited={result.credited} data-operation-id={result.operationId}>
            <Stack gap="xs">
              <Text fw={700}>{t('savings.deposit.done', { amount: money(result.amount.minor), operation: result.operationNumber ?? '—' })}</Text>
              <Alert color={result.credited === 'now' ? 'green' : 'orange'} data-testid="savings-deposit-credited">
                {result.credited === 'now' ? t('savings.deposit.creditedNow') : t('savings.deposit.creditedLater')}
              </Alert>
              <Text fw={700} size="lg" data-testid="savings-deposit-change">
                {t('savings.change', { amount: money(result.change.minor) })}
              </Text>
              <ReceiptPreview receipt={result.receipt as Receipt} />
              <Button type="submit" data-testid="savings-deposit-next" data-autofocus>
                {t('savings.form.done')}&nbsp;<Kbd dir="ltr">Enter</Kbd>
              </Button>
            </Stack>
          </Paper>
        ) : (
          <>
            <TenderedFields
              config={desk.config}
              amountLabel={t('savings.deposit.amount')}
              amount={amountText}
              tendered={tenderedText}
              onAmount={(text) => desk.setField('amount', text)}
              onTendered={(text) => desk.setField('tendered', text)}
              amountReading={readings?.amount ?? null}
              tenderedReading={readings?.tendered ?? null}
              disabled={busy}
              testId="savings-deposit"
            />
            <Button type="submit" size="lg" loading={busy} data-testid="savings-deposit-submit">
              {t('savings.deposit.submit', { amount: amountLabel(amountText, desk, money) })}
            </Button>
          </>
        )}
      </Stack>
    </form>
  );
}

/** The amount typed, as the button says it; nothing readable yet: a dash. */
export function amountLabel(text: string, desk: CashDesk, money: (minor: number) => string): string {
  const reading = readAmount(text, desk.config);
  return reading.ok ? money(reading.minor) : '—';
}
