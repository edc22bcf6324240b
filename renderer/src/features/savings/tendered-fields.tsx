import { Button, Group, Text } from '@mantine/core';
import type { TillConfig } from '@shared/contract';
import { formatMinor } from '@shared/money';
import { readAmount, type AmountReading } from '../../components/amount';
import { AmountField } from '../../components/amount-field';
import { useI18n } from '../../i18n';

interface Props {
  config: TillConfig;
  amountLabel: string;
  amount: string;
  tendered: string;
  onAmount(text: string): void;
  onTendered(text: string): void;
  /** Readings shown as errors once the clerk tried to confirm. */
  amountReading: AmountReading | null;
  tenderedReading: AmountReading | null;
  disabled: boolean;
  testId: string;
}

/** Cash into the drawer: the amount, what the customer hands over (empty: the exact amount), the change. */
export function TenderedFields({ config, amountLabel, amount, tendered, onAmount, onTendered, amountReading, tenderedReading, disabled, testId }: Props) {
  const { t, money } = useI18n();
  const due = readAmount(amount, config);
  const given = readAmount(tendered, config);
  const change = due.ok && given.ok ? given.minor - due.minor : null;
  return (
    <>
      <AmountField label={amountLabel} value={amount} onChange={onAmount} config={config} reading={amountReading} testId={`${testId}-amount`} autoFocus disabled={disabled} />
      <AmountField label={t('savings.tendered')} value={tendered} onChange={onTendered} config={config} reading={tenderedReading} testId={`${testId}-tendered`} disabled={disabled} />
      <Group justify="space-between">
        <Button variant="subtle" size="xs" disabled={disabled || !due.ok} onClick={() => due.ok && onTendered(formatMinor(due.minor, config.currency, ''))} data-testid={`${testId}-exact`}>
          {t('sale.exact')}
        </Button>
        <Text data-testid={`${testId}-change`} c={change !== null && change < 0 ? 'red' : undefined}>
          {change !== null ? t('savings.change', { amount: money(change) }) : ''}
        </Text>
      </Group>
    </>
  );
}
