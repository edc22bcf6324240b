import { useRef, useState, type KeyboardEvent } from 'react';
import { Badge, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import type { DenominationCount, TillConfig } from '@shared/contract';
import { useI18n } from '../../i18n';

interface Props {
  config: TillConfig;
  busy: boolean;
  submitLabel: string;
  onSubmit(counts: DenominationCount[]): void;
  testId?: string;
}

const digitsOnly = (text: string) => text.replace(/[^\d]/g, '').slice(0, 6);

/**
 * Counting by denomination. The form knows only what is being counted, never
 * what the till should hold. Enter moves to the next line (a half-typed count
 * must not be submitted by accident); the button or Ctrl+Enter submits.
 */
export function BlindCountForm({ config, busy, submitLabel, onSubmit, testId = 'blind-count' }: Props) {
  const { t, money } = useI18n();
  const [quantities, setQuantities] = useState<Record<number, string>>({});
  const fields = useRef<Array<HTMLInputElement | null>>([]);
  const submitButton = useRef<HTMLButtonElement>(null);

  const lines: DenominationCount[] = config.denominations.map((d) => ({ denomination: d.value, quantity: Number(quantities[d.value] || '0') }));
  const total = lines.reduce((sum, line) => sum + line.denomination * line.quantity, 0);

  const submit = () => {
    if (!busy) onSubmit(lines);
  };

  const onKey = (index: number) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (event.ctrlKey || event.metaKey) return submit();
    const next = fields.current[index + 1];
    if (next) next.focus();
    else submitButton.current?.focus();
  };

  return (
    <Stack data-testid={testId}>
      <Text size="sm" c="dimmed">
        {t('count.hint')}
      </Text>
      <Table withTableBorder striped maw={560}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('count.col.denomination')}</Table.Th>
            <Table.Th>{t('count.col.quantity')}</Table.Th>
            <Table.Th>{t('count.col.amount')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {config.denominations.map((d, index) => {
            const quantity = Number(quantities[d.value] || '0');
            return (
              <Table.Tr key={d.value}>
                <Table.Td>
                  <Group gap="xs">
                    <Text span dir="ltr">
                      {money(d.value)}
                    </Text>
                    <Badge size="xs" variant="light" color={d.kind === 'note' ? 'blue' : 'gray'}>
                      {t(d.kind === 'note' ? 'count.note' : 'count.coin')}
                    </Badge>
                  </Group>
                </Table.Td>
                <Table.Td w={140}>
                  <TextInput
                    aria-label={t('count.quantityOf', { value: money(d.value) })}
                    value={quantities[d.value] ?? ''}
                    onChange={(event) => {
                      const text = digitsOnly(event.currentTarget.value);
                      setQuantities((previous) => ({ ...previous, [d.value]: text }));
                    }}
                    onKeyDown={onKey(index)}
                    ref={(element) => {
                      fields.current[index] = element;
                    }}
                    autoFocus={index === 0}
                    inputMode="numeric"
                    autoComplete="off"
                    dir="ltr"
                    placeholder="0"
                    data-testid={`${testId}-qty-${d.value}`}
                  />
                </Table.Td>
                <Table.Td dir="ltr">{quantity > 0 ? money(d.value * quantity) : ''}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th colSpan={2}>{t('count.total')}</Table.Th>
            <Table.Th dir="ltr" data-testid={`${testId}-total`}>
              {money(total)}
            </Table.Th>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
      <Group>
        <Button ref={submitButton} onClick={submit} loading={busy} data-testid={`${testId}-submit`}>
          {submitLabel}
        </Button>
        <Text size="xs" c="dimmed">
          {t('count.keys')}
        </Text>
      </Group>
    </Stack>
  );
}
