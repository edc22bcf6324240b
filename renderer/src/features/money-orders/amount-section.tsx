import { Alert, Button, Group, Text } from '@mantine/core';
import type { MoneyOrderQuote, MoneyOrderTariffView } from '@shared/contract';
import { formatMinor } from '@shared/money';
import { readAmount } from '../../components/amount';
import { AmountField } from '../../components/amount-field';
import { FactTable } from '../../components/fact-table';
import { useI18n } from '../../i18n';
import { fieldOf, type OrderDesk } from './order-desk';
import { useMoneyOrdersFailureText } from './use-money-orders-failure-text';

interface Props {
  desk: OrderDesk;
  tariff: MoneyOrderTariffView | null;
  tariffError: unknown;
  /** Head office's fee and total for the amount on screen (null while not known for it). */
  quote: MoneyOrderQuote | null;
  quoteError: unknown;
  tried: boolean;
  disabled: boolean;
}

/** The amount, head office's fee and the total before any cash is taken, what the sender hands over, the change. */
export function AmountSection({ desk, tariff, tariffError, quote, quoteError, tried, disabled }: Props) {
  const { t, money, dateTime } = useI18n();
  const failureText = useMoneyOrdersFailureText();
  const config = desk.config;
  const amountText = fieldOf(desk, 'amount');
  const tenderedText = fieldOf(desk, 'tendered');
  const amount = readAmount(amountText, config);
  const tendered = readAmount(tenderedText, config);
  const change = quote && tendered.ok ? tendered.minor - quote.total.minor : null;
  const problem = tariffError ?? (amount.ok ? quoteError : null);
  return (
    <>
      {tariff && (
        <Text size="sm" c="dimmed" data-testid="mo-tariff">
          {t('mo.issue.tariff', { days: tariff.validityDays, max: money(tariff.maxAmount.minor) })} {t('mo.issue.documentAbove', { amount: money(tariff.payeeDocumentAbove.minor) })}
        </Text>
      )}
      <AmountField label={t('mo.issue.amount')} value={amountText} onChange={(text) => desk.setField('amount', text)} config={config} reading={tried ? amount : null} testId="mo-issue-amount" disabled={disabled} />
      {problem !== null && problem !== undefined ? (
        <Alert color="red" role="alert" data-testid="mo-quote-error">
          {failureText(problem)}
        </Alert>
      ) : quote ? (
        <FactTable
          facts={[
            { label: t('mo.quote.fee'), value: <bdi dir="ltr">{money(quote.fee.minor)}</bdi>, testId: 'mo-quote-fee' },
            { label: t('mo.quote.total'), value: <bdi dir="ltr">{money(quote.total.minor)}</bdi>, testId: 'mo-quote-total' },
            { label: t('mo.quote.expires'), value: <bdi>{dateTime(quote.expiresAt)}</bdi> },
          ]}
        />
      ) : (
        <Text size="sm" c="dimmed">
          {t('mo.quote.none')}
        </Text>
      )}
      <AmountField label={t('mo.issue.tendered')} value={tenderedText} onChange={(text) => desk.setField('tendered', text)} config={config} reading={tried && tenderedText.trim() !== '' ? tendered : null} testId="mo-issue-tendered" disabled={disabled} />
      <Group justify="space-between">
        <Button variant="subtle" size="xs" disabled={disabled || !quote} onClick={() => quote && desk.setField('tendered', formatMinor(quote.total.minor, config.currency, ''))} data-testid="mo-issue-exact">
          {t('mo.issue.exact')}
        </Button>
        <Text fw={700} size="lg" data-testid="mo-issue-change" c={change !== null && change < 0 ? 'red' : undefined}>
          {change !== null ? t('mo.change', { amount: money(change) }) : ''}
        </Text>
      </Group>
    </>
  );
}
