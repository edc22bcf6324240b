import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import type { MoneyOrderView } from '@shared/contract';
import { call } from '../../api';
import { useI18n } from '../../i18n';
import { OrderFacts } from './order-facts';
import { numberProblemKey, readOrderNumber, type OrderNumberReading } from './order-reading';
import { useMoneyOrdersFailureText } from './use-money-orders-failure-text';

interface Props {
  /** The number as typed (kept by the host with the form's other fields). */
  number: string;
  onNumber(text: string): void;
  /** The order found (null while none, or after the number changed). */
  onFound(view: MoneyOrderView | null): void;
  found: MoneyOrderView | null;
  /** Bumped after an operation on the order: read it again. */
  version?: number;
  disabled?: boolean;
}

/**
 * The order number, checked at the window (its check digits) before anything is asked, then the
 * order as head office (or, link down, the branch's copy) has it. A number filled in already (an
 * order of a list, a form restored after a reload) is looked up at once.
 */
export function OrderLookup({ number, onNumber, onFound, found, version = 0, disabled }: Props) {
  const { t } = useI18n();
  const failureText = useMoneyOrdersFailureText();
  const [reading, setReading] = useState<OrderNumberReading | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const asked = useRef(0);

  const lookUp = useCallback(
    async (text: string) => {
      const read = readOrderNumber(text);
      setReading(read);
      setError(null);
      if (!read.ok) return onFound(null);
      const ask = ++asked.current;
      setBusy(true);
      try {
        const view = await call('moneyOrders.find', { number: read.number });
        if (ask === asked.current) onFound(view);
      } catch (failure) {
        if (ask === asked.current) {
          onFound(null);
          setError(failureText(failure));
        }
      } finally {
        if (ask === asked.current) setBusy(false);
      }
    },
    [onFound, failureText],
  );

  // Filled in before the form opened, or the order changed under it: look (again) without a keystroke.
  const opening = useRef(number);
  const latest = useRef(lookUp);
  useEffect(() => {
    latest.current = lookUp;
  });
  useEffect(() => {
    if (opening.current.trim() !== '') void latest.current(opening.current);
  }, [version]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    opening.current = number;
    void lookUp(number);
  };

  return (
    <Stack gap="sm">
      <form onSubmit={submit} data-testid="mo-lookup">
        <Group align="flex-end">
          <TextInput
            label={t('mo.number')}
            value={number}
            onChange={(event) => {
              onNumber(event.currentTarget.value);
              if (found) onFound(null);
            }}
            inputMode="numeric"
            dir="ltr"
            autoComplete="off"
            autoFocus={found === null}
            disabled={disabled}
            error={reading && !reading.ok ? t(numberProblemKey(reading.problem)) : null}
            errorProps={{ 'data-testid': 'mo-number-error', role: 'alert' }}
            w={260}
            data-testid="mo-number"
          />
          <Button type="submit" variant="default" loading={busy} disabled={disabled} data-testid="mo-lookup-submit">
            {t('mo.lookUp')}
          </Button>
        </Group>
      </form>
      {error && (
        <Alert color="red" role="alert" data-testid="mo-lookup-error">
          {error}
        </Alert>
      )}
      {found && <OrderFacts view={found} />}
    </Stack>
  );
}
