import { useState, type FormEvent } from 'react';
import { Alert, Button, Kbd, Paper, Select, Stack, Text, Title } from '@mantine/core';
import type { CustomerView, Output } from '@shared/contract';
import type { Receipt } from '@shared/receipt';
import { call, isFailure } from '../../api';
import { readAmount, type AmountReading } from '../../components/amount';
import { useCallData } from '../../hooks/use-call-data';
import { useGuardedOperation } from '../../hooks/use-guarded-operation';
import { useI18n } from '../../i18n';
import { ReceiptPreview } from '../mail/receipt-preview';
import { fieldOf, type CashDesk } from './cash-desk';
import { amountLabel } from './deposit-form';
import { useResumedOperation } from './savings-draft';
import { TenderedFields } from './tendered-fields';
import { useSavingsFailureText } from './use-savings-failure-text';

type Opened = Output<'savings.open'>;

/**
 * Opens an account for the customer with head office (online only): a product head office
 * published, the opening deposit taken at the till with the change. The same id is sent on every
 * retry: head office opens once and the deposit is booked once.
 */
export function OpenAccountForm({ desk, sessionId, customer, onOpened }: { desk: CashDesk; sessionId: string; customer: CustomerView; onOpened(accountNumber: string): void }) {
  const { t, money, locale } = useI18n();
  const percent = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const failureText = useSavingsFailureText();
  const products = useCallData('savings.products', {});
  const { busy, run, resume } = useGuardedOperation();
  useResumedOperation(desk.sent, resume);
  const [readings, setReadings] = useState<{ amount: AmountReading; tendered: AmountReading } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Opened | null>(null);
  const productCode = fieldOf(desk, 'product') || products.data?.[0]?.code || '';
  const product = products.data?.find((p) => p.code === productCode);
  const amountText = fieldOf(desk, 'amount');
  const tenderedText = fieldOf(desk, 'tendered');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (result) return onOpened(result.account.accountNumber);
    setError(null);
    const amount = readAmount(amountText, desk.config);
    const tendered = tenderedText.trim() === '' ? amount : readAmount(tenderedText, desk.config);
    setReadings({ amount, tendered });
    if (!amount.ok || !tendered.ok || !product) return;
    if (tendered.minor < amount.minor) return setError(t('cash.rule.tender-short'));
    const currency = desk.config.currency;
    const input = { sessionId, customerId: customer.id, productCode: product.code, openingDeposit: { minor: amount.minor, currency }, tendered: { minor: tendered.minor, currency } };
    const content = JSON.stringify(input);
    const outcome = await run(content, async (operationId) => {
      await desk.keepSent({ operationId, content });
      return call('savings.open', { operationId, ...input });
    });
    if (!outcome) return;
    if (outcome.ok) {
      setResult(outcome.value);
      desk.finished();
      return;
    }
    if (!isFailure(outcome.error, 'HOST_UNREACHABLE')) await desk.keepSent(null);
    setError(failureText(outcome.error));
  };

  if (products.data && products.data.length === 0) {
    return (
      <Alert color="orange" data-testid="savings-open-no-product">
        {t('savings.open.noProduct')}
      </Alert>
    );
  }
  return (
    <form onSubmit={(event) => void submit(event)} data-testid="savings-open-form">
      <Stack maw={560}>
        <Title order={4}>{t('savings.open.title')}</Title>
        {!customer.kycTier && (
          <Alert color="orange" data-testid="savings-open-no-tier">
            {t('savings.open.noTier')}
          </Alert>
        )}
        {error && (
          <Alert color="red" role="alert" data-testid="savings-open-error">
            {error}
          </Alert>
        )}
        {result ? (
          <Paper withBorder p="md" data-testid="savings-open-result" data-account={result.account.accountNumber}>
            <Stack gap="xs">
              <Text fw={700}>
                {t('savings.open.done', { number: result.account.accountNumber, operation: result.deposit.operationNumber ?? '—' })}
              </Text>
              <Alert color={result.deposit.credited === 'now' ? 'green' : 'orange'}>
                {result.deposit.credited === 'now' ? t('savings.deposit.creditedNow') : t('savings.deposit.creditedLater')}
              </Alert>
              <Text fw={700} size="lg" data-testid="savings-open-change">
                {t('savings.change', { amount: money(result.deposit.change.minor) })}
              </Text>
              <ReceiptPreview receipt={result.deposit.receipt as Receipt} />
              <Button type="submit" data-testid="savings-open-next">
                {t('savings.form.done')}&nbsp;<Kbd dir="ltr">Enter</Kbd>
              </Button>
            </Stack>
          </Paper>
        ) : (
          <>
            <Select
              label={t('savings.open.product')}
              data={(products.data ?? []).map((p) => ({
                value: p.code,
                label: t('savings.open.productLine', { name: p.name, rate: percent.format(p.annualRateBp / 100), minimum: money(p.minimumOpeningDeposit.minor) }),
              }))}
              value={productCode || null}
              onChange={(value) => value && desk.setField('product', value)}
              allowDeselect={false}
              disabled={busy}
              data-testid="savings-open-product"
            />
            <TenderedFields
              config={desk.config}
              amountLabel={t('savings.open.deposit')}
              amount={amountText}
              tendered={tenderedText}
              onAmount={(text) => desk.setField('amount', text)}
              onTendered={(text) => desk.setField('tendered', text)}
              amountReading={readings?.amount ?? null}
              tenderedReading={readings?.tendered ?? null}
              disabled={busy}
              testId="savings-open"
            />
            <Button type="submit" size="lg" loading={busy} disabled={!product} data-testid="savings-open-submit">
              {t('savings.open.submit', { amount: amountLabel(amountText, desk, money) })}
            </Button>
          </>
        )}
      </Stack>
    </form>
  );
}
