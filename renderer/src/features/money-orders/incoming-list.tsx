import { Alert, Button, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useCallData } from '../../hooks/use-call-data';
import { useI18n } from '../../i18n';
import { countryName } from './order-facts';
import { useMoneyOrdersFailureText } from './use-money-orders-failure-text';

/**
 * The orders from abroad head office published to this branch (or to every branch), not yet
 * expired: each paid like a domestic one, on the payee's document and the secret. `onPay` null:
 * no open till (a supervisor, or a clerk before her float), the list is read only.
 */
export function IncomingList({ version, onPay }: { version: number; onPay: ((number: string) => void) | null }) {
  const { t, money, dateTime, language } = useI18n();
  const failureText = useMoneyOrdersFailureText();
  const incoming = useCallData('moneyOrders.incoming', {}, version);
  const list = incoming.data ?? [];
  return (
    <Stack data-testid="mo-incoming" data-count={incoming.data?.length ?? -1}>
      <Title order={4}>{t('mo.incoming.title')}</Title>
      {incoming.error !== null && (
        <Alert color="red" role="alert" data-testid="mo-incoming-error">
          {failureText(incoming.error)}
        </Alert>
      )}
      {incoming.loading && !incoming.data && <Loader size="sm" />}
      {incoming.data && list.length === 0 && <Alert data-testid="mo-incoming-none">{t('mo.incoming.none')}</Alert>}
      {list.length > 0 && (
        <>
          <Text>{t('mo.incoming.count', { count: list.length })}</Text>
          <Table withTableBorder striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('mo.col.number')}</Table.Th>
                <Table.Th>{t('mo.col.from')}</Table.Th>
                <Table.Th>{t('mo.col.payee')}</Table.Th>
                <Table.Th>{t('mo.col.amount')}</Table.Th>
                <Table.Th>{t('mo.col.exchange')}</Table.Th>
                <Table.Th>{t('mo.col.expiresAt')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((order, index) => (
                <Table.Tr key={order.number} data-testid="mo-incoming-row" data-number={order.number}>
                  <Table.Td>
                    <bdi dir="ltr">{order.spacedNumber}</bdi>
                  </Table.Td>
                  <Table.Td>
                    {order.sender.country ? t('mo.incoming.from', { name: order.sender.name, country: countryName(order.sender.country, language) }) : order.sender.name}
                  </Table.Td>
                  <Table.Td>{order.payee.name}</Table.Td>
                  <Table.Td>
                    <bdi dir="ltr">{money(order.amount.minor)}</bdi>
                  </Table.Td>
                  <Table.Td>{order.exchangeReference ? <bdi dir="ltr">{order.exchangeReference}</bdi> : '—'}</Table.Td>
                  <Table.Td>
                    <bdi>{dateTime(order.expiresAt)}</bdi>
                  </Table.Td>
                  <Table.Td>
                    {onPay && (
                      <Button size="xs" onClick={() => onPay(order.number)} autoFocus={index === 0} data-testid="mo-incoming-pay">
                        {t('mo.incoming.pay')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
