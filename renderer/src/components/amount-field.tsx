import { Text, TextInput } from '@mantine/core';
import type { TillConfig } from '@shared/contract';
import { useI18n } from '../i18n';
import type { AmountReading } from './amount';

interface Props {
  label: string;
  value: string;
  onChange(text: string): void;
  config: TillConfig;
  /** The last reading, shown as an error once the clerk tried to confirm. */
  reading: AmountReading | null;
  testId: string;
  autoFocus?: boolean;
  disabled?: boolean;
}

/** An amount typed as the clerk says it ("1 500", "12,50"); digits stay left-to-right in Arabic. */
export function AmountField({ label, value, onChange, config, reading, testId, autoFocus, disabled }: Props) {
  const { tryT, money } = useI18n();
  const error =
    reading && !reading.ok ? tryT(`cash.rule.amount-${reading.problem}`, reading.problem, { ceiling: money(config.ceiling) }) : null;
  return (
    <TextInput
      label={label}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      inputMode="decimal"
      autoComplete="off"
      dir="ltr"
      autoFocus={autoFocus}
      disabled={disabled}
      error={error}
      errorProps={{ 'data-testid': `${testId}-error`, role: 'alert' }}
      rightSection={
        <Text size="xs" c="dimmed">
          {config.currency}
        </Text>
      }
      rightSectionWidth={48}
      data-testid={testId}
    />
  );
}
