import { useState } from 'react';
import { Stack, Title } from '@mantine/core';
import type { MoneyOrderView } from '@shared/contract';
import { useI18n } from '../../i18n';
import { fieldOf, type OrderDesk } from './order-desk';
import { OrderLookup } from './order-lookup';

/** Status for the customer by number: nothing is booked, a clerk or a supervisor may ask. */
export function FindPanel({ desk }: { desk: OrderDesk }) {
  const { t } = useI18n();
  const [found, setFound] = useState<MoneyOrderView | null>(null);
  return (
    <Stack maw={760} data-testid="mo-find">
      <Title order={4}>{t('mo.action.find')}</Title>
      <OrderLookup number={fieldOf(desk, 'number')} onNumber={(text) => desk.setField('number', text)} found={found} onFound={setFound} />
    </Stack>
  );
}
