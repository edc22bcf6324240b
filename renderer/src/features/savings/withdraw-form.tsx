import { useState, type FormEvent } from 'react';
import { Alert, Button, Kbd, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { DOCUMENT_TYPES, type DocumentType, type SavingsWithdrawalResult } from '@shared/contract';
import { isFailure } from '../../api';
import { readAmount, type AmountReading } from '../../components/amount';
import { AmountField } from '../../components/amount-field';
import { useApprovedCall } from '../../components/approval';
import { useGuardedOperation } from '../../hooks/use-guarded-operation';
import { useI18n } from '../../i18n';
import { fieldOf, type CashDesk } from './cash-desk';
import { amountLabel } from './deposit-form';
import { useResumedOperation } from './savings-draft';
import { useSavingsFailureText } from './use-savings-failure-text';

/**
 * A withdrawal, online only: head office holds the amount against the available balance, the
 * counter books it and the drawer opens only for `paid`. Above the paid-out threshold a supervisor
 * approves at the window. An unknown answer pays nothing: the operation waits in the list and the
 * next press of the same button asks head office again with the same id.
 */
export function WithdrawForm({ desk, sessionId, accountNumber, holderDocumentType }: { desk: CashDesk; sessionId: string; accountNumber: string; holderDocumentType: DocumentType }) {
  const { t, money } = useI18n();
  const failureText = useSavingsFailureText();
  const approvedCall = useApprovedCall();
  const { busy, run, resume } = useGuardedOperation();
  useResumedOperation(desk.sent, resume);
  const [reading, setReading] = useState<AmountReading | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<SavingsWithdrawalResult | null>(null);
  const amountText = fieldOf(desk, 'amount');
  // The type is the holder's usual one; the number is read off the document shown, never filled in.
  const documentType = (fieldOf(desk, 'documentType') || holderDocumentType) as DocumentType;
  const documentNumber = fieldOf(desk, 'documentNumber');
  const settled = result !== null && result.outcome !== 'waiting' && result.outcome !== 'refused';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (settled) return desk.close();
    setError(null);
    const amount = readAmount(amountText, desk.config);
    setReading(amount);
    if (!amount.ok || documentNumber.trim() === '') return;
    const input = { sessionId, accountNumber, amount: { minor: amount.minor, currency: desk.config.currency }, document: { type: documentType, number: documentNumber.trim() } };
    const content = JSON.stringify(input);
    let sentId = '';
    const outcome = await run(content, async (operationId) => {
      sentId = operationId;
      await desk.keepSent({ operationId, content });
      return approvedCall('savings.withdraw', { operationId, ...input });
    });
    if (!outcome) return;
    if (outcome.ok) {
      setResult(outcome.value);
      desk.changed();
      if (outcome.value.outcome === 'waiting') {
        // Not known yet: the next press asks head office again about this same withdrawal.
        resume(sentId, content);
      } else if (outcome.value.outcome === 'refused') {
        // Refused for sure: the clerk may ask for less; that is a new intent with a new id.
        await desk.keepSent(null);
      } else desk.finished();
      return;
    }
    if (!isFailure(outcome.error, 'HOST_UNREACHABLE')) await desk.keepSent(null);
    setError(failureText(outcome.error));
  };

  return (
    <form onSubmit={(event) => void submit(event)} data-testid="savings-withdraw-form">
      <Stack maw={520}>
        <Title order={4}>{t('savings.withdraw.title')}</Title>
        {error && (
          <Alert color="red" role="alert" data-testid="savings-withdraw-error">
            {error}
          </Alert>
        )}
        {result && <WithdrawalOutcome result={result} />}
        {settled ? (
          <Button type="submit" data-testid="savings-withdraw-next">
            {t('savings.form.done')}&nbsp;<Kbd dir="ltr">Enter</Kbd>
          </Button>
        ) : (
          <>
            <AmountField label={t('savings.withdraw.amount')} value={amountText} onChange={(text) => desk.setField('amount', text)} config={desk.config} reading={reading} testId="savings-withdraw-amount" autoFocus disabled={busy} />
            <Select
              label={t('savings.withdraw.documentType')}
              data={DOCUMENT_TYPES.map((type) => ({ value: type, label: t(`customers.docType.${type}`) }))}
              value={documentType}
              onChange={(value) => value && desk.setField('documentType', value)}
              allowDeselect={false}
              disabled={busy}
              data-testid="savings-withdraw-document-type"
            />
            <TextInput
              label={t('savings.withdraw.documentNumber')}
              value={documentNumber}
              onChange={(event) => desk.setField('documentNumber', event.currentTarget.value)}
              required
              dir="ltr"
              autoComplete="off"
              disabled={busy}
              data-testid="savings-withdraw-document-number"
            />
            <Text size="sm" c="dimmed">
              {t('savings.withdraw.approvalHint', { amount: money(desk.config.approvalAbove.paidOut) })}
            </Text>
            <Button type="submit" size="lg" loading={busy} data-testid="savings-withdraw-submit">
              {t('savings.withdraw.submit', { amount: amountLabel(amountText, desk, money) })}
            </Button>
          </>
        )}
      </Stack>
    </form>
  );
}

/** Where the withdrawal stands, in words: pay only what head office confirmed. */
function WithdrawalOutcome({ result }: { result: SavingsWithdrawalResult }) {
  const { t, tryT, money } = useI18n();
  const amount = money(result.amount.minor);
  const text = (() => {
    switch (result.outcome) {
      case 'paid':
        return t('savings.withdraw.paid', { amount });
      case 'to-pay':
        return t('savings.withdraw.toPay', { amount });
      case 'refused':
        return t('savings.withdraw.refused', { reason: tryT(`cash.rule.${result.refusal ?? ''}`, t('savings.refusal.other')) });
      case 'waiting':
        return t('savings.withdraw.waiting');
      case 'cancelled':
        return t('savings.withdraw.cancelled');
      case 'expired':
        return t('savings.withdraw.expired');
    }
  })();
  const color = result.outcome === 'paid' || result.outcome === 'to-pay' ? 'green' : result.outcome === 'waiting' ? 'orange' : 'red';
  return (
    <Paper withBorder p="md" data-testid="savings-withdraw-result" data-outcome={result.outcome} data-refusal={result.refusal ?? ''}>
      <Stack gap={4}>
        <Alert color={color} role={color === 'red' ? 'alert' : undefined} data-testid="savings-withdraw-outcome">
          <Text fw={700} size={color === 'green' ? 'xl' : undefined}>
            {text}
          </Text>
        </Alert>
        {result.replayed && <Text size="sm">{t('savings.withdraw.replayed')}</Text>}
      </Stack>
    </Paper>
  );
}
