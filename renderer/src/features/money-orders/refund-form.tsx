import { useState, type FormEvent } from 'react';
import { Alert, Button, Kbd, Stack, Text, Title } from '@mantine/core';
import type { MoneyOrderPayoutResult, MoneyOrderView } from '@shared/contract';
import { isFailure } from '../../api';
import { useApprovedCall } from '../../components/approval';
import { useGuardedOperation } from '../../hooks/use-guarded-operation';
import { useResumedOperation } from '../../hooks/use-resumed-operation';
import { useI18n } from '../../i18n';
import { DocumentFields, documentChange, documentTyping } from './document-fields';
import { fieldOf, type OrderDesk } from './order-desk';
import { OrderLookup } from './order-lookup';
import { documentProblemKey, readDocument, type DocumentReading } from './order-reading';
import { PayoutOutcome } from './payout-outcome';
import { useMoneyOrdersFailureText } from './use-money-orders-failure-text';

type RefundPurpose = 'cancel' | 'reimburse';

const WORDS = {
  cancel: { title: 'mo.cancel.title', hint: 'mo.cancel.hint', submit: 'mo.cancel.submit', method: 'moneyOrders.cancel' },
  reimburse: { title: 'mo.reimburse.title', hint: 'mo.reimburse.hint', submit: 'mo.reimburse.submit', method: 'moneyOrders.reimburse' },
} as const;

/**
 * The sender takes the money back, online only, on the sender's document and a supervisor's
 * approval at the window: cancelling before payment and before expiry (the fee back when the
 * tariff says so), or reimbursing after expiry (the fee kept). Same frame as a payment: the drawer
 * opens only on head office's confirmation, an unknown answer pays nothing.
 */
export function RefundForm({ desk, sessionId, purpose }: { desk: OrderDesk; sessionId: string; purpose: RefundPurpose }) {
  const { t } = useI18n();
  const words = WORDS[purpose];
  const failureText = useMoneyOrdersFailureText();
  const approvedCall = useApprovedCall();
  const { busy, run, resume } = useGuardedOperation();
  useResumedOperation(desk.sent, resume);
  const [found, setFound] = useState<MoneyOrderView | null>(null);
  const [reading, setReading] = useState<DocumentReading | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<MoneyOrderPayoutResult | null>(null);
  const [version, setVersion] = useState(0);
  const settled = result !== null && result.outcome !== 'waiting' && result.outcome !== 'refused';
  // The sender's document type and country as the order names them; the number is read off the card shown.
  const typing = documentTyping(desk.fields, 'document', { type: found?.sender.documentType ?? undefined, country: found?.sender.documentCountry ?? undefined });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (settled) return desk.close();
    if (!found) return;
    setError(null);
    const document = readDocument(typing);
    setReading(document);
    if (!document.ok) return;
    const input = { sessionId, number: found.number, document: document.document };
    const content = JSON.stringify(input);
    let sentId = '';
    const outcome = await run(content, async (operationId) => {
      sentId = operationId;
      await desk.keepSent({ operationId, content });
      return approvedCall(words.method, { operationId, ...input });
    });
    if (!outcome) return;
    if (outcome.ok) {
      setResult(outcome.value);
      desk.changed();
      // Refused: the order as head office has it now. Done here: the outcome says it all (head office settles it once the booking replicates).
      if (outcome.value.outcome === 'refused') setVersion((v) => v + 1);
      if (outcome.value.outcome === 'waiting') resume(sentId, content);
      else if (outcome.value.outcome === 'refused') await desk.keepSent(null);
      else desk.finished();
      return;
    }
    // Refused before head office was asked (the approval closed, a rule at the window): nothing sent under that id.
    if (!isFailure(outcome.error, 'HOST_UNREACHABLE')) await desk.keepSent(null);
    const text = failureText(outcome.error);
    if (text) setError(text);
  };

  return (
    <Stack maw={760} data-testid={`mo-${purpose}`}>
      <Title order={4}>{t(words.title)}</Title>
      <Text size="sm" c="dimmed">
        {t(words.hint)}
      </Text>
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
      <form onSubmit={(event) => void submit(event)} data-testid={`mo-${purpose}-form`}>
        <Stack>
          {error && (
            <Alert color="red" role="alert" data-testid={`mo-${purpose}-error`}>
              {error}
            </Alert>
          )}
          {result && <PayoutOutcome result={result} />}
          {settled ? (
            <Button type="submit" autoFocus data-testid={`mo-${purpose}-next`}>
              {t('mo.form.done')}&nbsp;<Kbd dir="ltr">Enter</Kbd>
            </Button>
          ) : (
            found && (
              <>
                <DocumentFields
                  value={typing}
                  onChange={(change) => documentChange('document', change).forEach(([field, value]) => desk.setField(field, value))}
                  testId={`mo-${purpose}-document`}
                  numberLabel={t('mo.refund.document')}
                  required
                  autoFocus
                  disabled={busy}
                  error={reading && !reading.ok ? t(documentProblemKey(reading.problem)) : null}
                />
                <Button type="submit" size="lg" color={purpose === 'cancel' ? 'red' : undefined} loading={busy} data-testid={`mo-${purpose}-submit`}>
                  {t(words.submit)}
                </Button>
              </>
            )
          )}
        </Stack>
      </form>
    </Stack>
  );
}
