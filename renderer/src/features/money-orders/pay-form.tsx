import { useState, type FormEvent } from 'react';
import { Alert, Button, Kbd, PasswordInput, Stack, Text, Title } from '@mantine/core';
import type { MoneyOrderPayoutResult, MoneyOrderView } from '@shared/contract';
import { isFailure } from '../../api';
import { useApprovedCall } from '../../components/approval';
import { useGuardedOperation } from '../../hooks/use-guarded-operation';
import { useResumedOperation } from '../../hooks/use-resumed-operation';
import { useI18n } from '../../i18n';
import { DocumentFields, documentChange, documentTyping } from './document-fields';
import { fieldOf, type OrderDesk } from './order-desk';
import { OrderLookup } from './order-lookup';
import { documentProblemKey, readDocument, readSecret, type DocumentReading } from './order-reading';
import { PayoutOutcome } from './payout-outcome';
import { useMoneyOrdersFailureText } from './use-money-orders-failure-text';

/**
 * Paying an order, online only: the order looked up by number, the payee's document read off the
 * card shown, the secret the payee says. Head office locks the order for this branch and this
 * operation; the drawer opens only for `paid`. An unknown answer pays nothing: the next press asks
 * again with the same id. The secret is never kept in the draft: after a reload it is asked again.
 */
export function PayForm({ desk, sessionId }: { desk: OrderDesk; sessionId: string }) {
  const { t, money } = useI18n();
  const failureText = useMoneyOrdersFailureText();
  const approvedCall = useApprovedCall();
  const { busy, run, resume } = useGuardedOperation();
  useResumedOperation(desk.sent, resume);
  const [found, setFound] = useState<MoneyOrderView | null>(null);
  const [secret, setSecret] = useState('');
  const [readings, setReadings] = useState<{ document: DocumentReading; secret: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<MoneyOrderPayoutResult | null>(null);
  const [version, setVersion] = useState(0);
  const settled = result !== null && result.outcome !== 'waiting' && result.outcome !== 'refused';
  // The payee's usual document type and country as the order names them; the number is read off the card.
  const typing = documentTyping(desk.fields, 'document', { type: found?.payee.documentType ?? undefined, country: found?.payee.documentCountry ?? undefined });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (settled) return desk.close();
    if (!found) return;
    setError(null);
    const document = readDocument(typing);
    const said = readSecret(secret);
    setReadings({ document, secret: said !== null });
    if (!document.ok || said === null) return;
    const input = { sessionId, number: found.number, document: document.document };
    // The id follows the payment asked for, not the secret typed: the draft that names it never holds the secret.
    const content = JSON.stringify(input);
    let sentId = '';
    const outcome = await run(content, async (operationId) => {
      sentId = operationId;
      await desk.keepSent({ operationId, content });
      return approvedCall('moneyOrders.pay', { operationId, ...input, secret: said });
    });
    if (!outcome) return;
    if (outcome.ok) {
      setResult(outcome.value);
      desk.changed();
      // Refused: the order as head office has it now (paid elsewhere, being paid…). Paid here: the outcome says it all.
      if (outcome.value.outcome === 'refused') setVersion((v) => v + 1);
      if (outcome.value.outcome === 'waiting') {
        // Not known yet: the next press asks head office again about this same payment.
        resume(sentId, content);
      } else if (outcome.value.outcome === 'refused') {
        // Refused for sure: another try (the right secret, another document) is a new intent with a new id.
        setSecret('');
        await desk.keepSent(null);
      } else {
        setSecret('');
        desk.finished();
      }
      return;
    }
    if (!isFailure(outcome.error, 'HOST_UNREACHABLE')) await desk.keepSent(null);
    setError(failureText(outcome.error));
  };

  return (
    <Stack maw={760} data-testid="mo-pay">
      <Title order={4}>{t('mo.pay.title')}</Title>
      <OrderLookup
        // Done: the typing is forgotten (the draft with it), the order it was about stays in view.
        number={settled && found ? found.number : fieldOf(desk, 'number')}
        onNumber={(text) => desk.setField('number', text)}
        found={found}
        onFound={(view) => {
          setFound(view);
          if (view === null) setResult(null);
        }}
        version={version}
        disabled={busy || settled}
      />
      <form onSubmit={(event) => void submit(event)} data-testid="mo-pay-form">
        <Stack>
          {error && (
            <Alert color="red" role="alert" data-testid="mo-pay-error">
              {error}
            </Alert>
          )}
          {result && <PayoutOutcome result={result} />}
          {settled ? (
            <Button type="submit" autoFocus data-testid="mo-pay-next">
              {t('mo.form.done')}&nbsp;<Kbd dir="ltr">Enter</Kbd>
            </Button>
          ) : (
            found && (
              <>
                <Text size="sm" c="dimmed">
                  {t('mo.pay.documentHint')}
                </Text>
                <DocumentFields
                  value={typing}
                  onChange={(change) => documentChange('document', change).forEach(([field, value]) => desk.setField(field, value))}
                  testId="mo-pay-document"
                  required
                  autoFocus
                  disabled={busy}
                  error={readings && !readings.document.ok ? t(documentProblemKey(readings.document.problem)) : null}
                />
                <PasswordInput
                  label={t('mo.pay.secret')}
                  value={secret}
                  onChange={(event) => setSecret(event.currentTarget.value)}
                  inputMode="numeric"
                  autoComplete="off"
                  maxLength={12}
                  w={260}
                  dir="ltr"
                  disabled={busy}
                  error={readings && !readings.secret ? t('mo.pay.secretFormat') : null}
                  errorProps={{ 'data-testid': 'mo-pay-secret-error', role: 'alert' }}
                  data-testid="mo-pay-secret"
                />
                <Button type="submit" size="lg" loading={busy} data-testid="mo-pay-submit">
                  {t('mo.pay.submit', { amount: money(found.amount.minor) })}
                </Button>
              </>
            )
          )}
        </Stack>
      </form>
    </Stack>
  );
}
