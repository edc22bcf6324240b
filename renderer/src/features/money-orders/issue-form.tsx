import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Kbd, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { Input, MoneyOrderIssueResult, MoneyOrderPayeeInput } from '@shared/contract';
import { isFailure } from '../../api';
import { readAmount } from '../../components/amount';
import { useApprovedCall } from '../../components/approval';
import { useCallData } from '../../hooks/use-call-data';
import { useGuardedOperation } from '../../hooks/use-guarded-operation';
import { useResumedOperation } from '../../hooks/use-resumed-operation';
import { useI18n } from '../../i18n';
import { CustomerCard, CustomerPicker } from '../customers';
import { useEscapeLayer } from '../home/screen-exit';
import { AmountSection } from './amount-section';
import { documentTyping } from './document-fields';
import { InternationalSection, internationalTyping } from './international-section';
import { IssueResult } from './issue-result';
import { fieldOf, type OrderDesk } from './order-desk';
import { readDocument, readInternational } from './order-reading';
import { PayeeSection } from './payee-section';
import { useMoneyOrdersFailureText } from './use-money-orders-failure-text';

type IssueKind = Input<'moneyOrders.issue'>['kind'];

/**
 * Issuing an order, offline allowed: the sender from the customer register, the payee from it or
 * by name (with a document above the tariff's threshold), the amount with head office's fee and
 * the total before any cash is taken, what the sender hands over and the change. The answer shows
 * the number and — once only — the secret the sender passes to the payee.
 */
export function IssueForm({ desk, sessionId, kind }: { desk: OrderDesk; sessionId: string; kind: IssueKind }) {
  const { t, money } = useI18n();
  const failureText = useMoneyOrdersFailureText();
  const approvedCall = useApprovedCall();
  const { busy, run, resume } = useGuardedOperation();
  useResumedOperation(desk.sent, resume);
  const [pickingPayee, setPickingPayee] = useState(false);
  useEscapeLayer(pickingPayee, () => setPickingPayee(false));
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<MoneyOrderIssueResult | null>(null);

  const currency = desk.config.currency;
  const amountText = fieldOf(desk, 'amount');
  const [settledAmount] = useDebouncedValue(amountText, 250);
  const amountNow = readAmount(settledAmount, desk.config);
  const quote = useCallData('moneyOrders.quote', amountNow.ok ? { kind, amount: { minor: amountNow.minor, currency } } : null);
  const tariff = useCallData('moneyOrders.tariff', { key: kind === 'domestic' ? 'domestic' : 'international' });
  const typedAmount = readAmount(amountText, desk.config);
  // The quote is for the amount on screen only: a stale one never prices a new amount.
  const currentQuote = quote.data && typedAmount.ok && quote.data.amount.minor === typedAmount.minor ? quote.data : null;
  const payeeMode = fieldOf(desk, 'payeeMode') || 'name';

  const payeeInput = (): MoneyOrderPayeeInput | null => {
    if (payeeMode === 'register') return desk.payee ? { customerId: desk.payee.id } : null;
    const name = fieldOf(desk, 'payeeName').trim();
    if (name.length < 2) return null;
    const typing = documentTyping(desk.fields, 'payeeDocument');
    if (typing.number.trim() === '') return currentQuote?.payeeDocumentRequired ? null : { name };
    const document = readDocument(typing);
    return document.ok ? { name, document: document.document } : null;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (result) return desk.close();
    setTried(true);
    setError(null);
    if (!desk.sender || !typedAmount.ok) return;
    if (!currentQuote) return setError(quote.error !== null ? failureText(quote.error) : t('mo.issue.noQuote'));
    const tenderedText = fieldOf(desk, 'tendered');
    const tendered = tenderedText.trim() === '' ? ({ ok: true, minor: currentQuote.total.minor } as const) : readAmount(tenderedText, desk.config);
    if (!tendered.ok) return;
    if (tendered.minor < currentQuote.total.minor) return setError(t('cash.rule.tender-short'));
    const payee = payeeInput();
    if (!payee) return;
    const international = kind === 'international-outgoing' ? readInternational(internationalTyping(desk)) : null;
    if (international && !international.ok) return;
    const input = {
      sessionId,
      kind,
      senderId: desk.sender.id,
      payee,
      amount: { minor: typedAmount.minor, currency },
      tendered: { minor: tendered.minor, currency },
      ...(international?.ok ? { international: international.fields } : {}),
    };
    const content = JSON.stringify(input);
    const outcome = await run(content, async (operationId) => {
      await desk.keepSent({ operationId, content });
      return approvedCall('moneyOrders.issue', { operationId, ...input });
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

  const title = kind === 'domestic' ? t('mo.issue.title') : t('mo.issue.internationalTitle');
  const heading = (
    <>
      <Title order={4}>{title}</Title>
      {error && (
        <Alert color="red" role="alert" data-testid="mo-issue-error">
          {error}
        </Alert>
      )}
    </>
  );

  // The register's search is a form of its own: never inside the issue form (Enter would submit both).
  if (!result && !desk.sender)
    return (
      <Stack maw={960} data-testid="mo-pick-sender" data-kind={kind}>
        {heading}
        <Text>{t('mo.issue.pickSender')}</Text>
        <CustomerPicker onPick={desk.setSender} />
      </Stack>
    );
  if (!result && pickingPayee)
    return (
      <Stack maw={960} data-testid="mo-pick-payee">
        {heading}
        <Title order={5}>{t('mo.issue.payee')}</Title>
        <Text>{t('mo.issue.pickPayee')}</Text>
        <CustomerPicker
          onPick={(customer) => {
            desk.setPayee(customer);
            setPickingPayee(false);
          }}
        />
      </Stack>
    );

  return (
    <form onSubmit={(event) => void submit(event)} data-testid="mo-issue-form" data-kind={kind}>
      {/* The result is wider: the sender's receipt and the voucher side by side, each at its printed width. */}
      <Stack maw={result ? 1000 : 760}>
        {heading}
        {result ? (
          <>
            <IssueResult result={result} />
            <Button type="submit" data-testid="mo-issue-next" data-autofocus autoFocus>
              {t('mo.form.done')}&nbsp;<Kbd dir="ltr">Enter</Kbd>
            </Button>
          </>
        ) : (
          desk.sender && (
            <>
              <Stack gap={4}>
                <Group justify="space-between">
                  <Title order={5}>{t('mo.issue.sender')}</Title>
                  <Button size="xs" variant="subtle" onClick={() => desk.setSender(null)} disabled={busy} data-testid="mo-sender-change">
                    {t('mo.party.change')}
                  </Button>
                </Group>
                <CustomerCard customer={desk.sender} />
              </Stack>
              <PayeeSection desk={desk} mode={payeeMode} documentRequired={currentQuote?.payeeDocumentRequired ?? false} tried={tried} disabled={busy} onPick={() => setPickingPayee(true)} />
              {kind === 'international-outgoing' && <InternationalSection desk={desk} tried={tried} disabled={busy} />}
              <AmountSection desk={desk} tariff={tariff.data} tariffError={tariff.error} quote={currentQuote} quoteError={quote.error} tried={tried} disabled={busy} />
              <Button type="submit" size="lg" loading={busy} data-testid="mo-issue-submit">
                {t('mo.issue.submit', { amount: currentQuote ? money(currentQuote.total.minor) : '—' })}
              </Button>
            </>
          )
        )}
      </Stack>
    </form>
  );
}
