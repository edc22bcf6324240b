import { Alert, Badge, Button, Loader, Stack, Table, Title } from '@mantine/core';
import { useCallData } from '../../hooks/use-call-data';
import { useI18n } from '../../i18n';
import { useMoneyOrdersFailureText } from './use-money-orders-failure-text';

/** The orders issued at this branch, newest first, with whether each reached head office (payable anywhere) yet. */
export function IssuedList({ version, onOpen }: { version: number; onOpen(number: string): void }) {
  const { t, money, dateTime } = useI18n();
  const failureText = useMoneyOrdersFailureText();
  const issued = useCallData('moneyOrders.issued', { limit: 20 }, version);
  const list = issued.data ?? [];
  return (
    <Stack data-testid="mo-issued" data-count={issued.data?.length ?? -1}>
      <Title order={4}>{t('mo.issued.title')}</Title>
      {issued.error !== null && (
        <Alert color="red" role="alert" data-testid="mo-issued-error">
          {failureText(issued.error)}
        </Alert>
      )}
      {issued.loading && !issued.data && <Loader size="sm" />}
      {issued.data && list.length === 0 && <Alert data-testid="mo-issued-none">{t('mo.issued.none')}</Alert>}
      {list.length > 0 && (
        <Table withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('mo.col.number')}</Table.Th>
              <Table.Th>{t('mo.col.sender')}</Table.Th>
              <Table.Th>{t('mo.col.payee')}</Table.Th>
              <Table.Th>{t('mo.col.amount')}</Table.Th>
              <Table.Th>{t('mo.col.issuedAt')}</Table.Th>
              <Table.Th>{t('mo.col.headOffice')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((order) => (
              <Table.Tr key={order.number} data-testid="mo-issued-row" data-number={order.number} data-transmitted={order.transmitted}>
                <Table.Td>
                  {/* Digit groups in an element of their own: inside Arabic text they would come out reversed. */}
                  <bdi dir="ltr">{order.spacedNumber}</bdi>
                </Table.Td>
                <Table.Td>{order.senderName}</Table.Td>
                <Table.Td>{order.payeeName}</Table.Td>
                <Table.Td>
                  <bdi dir="ltr">{money(order.amount.minor)}</bdi>
                </Table.Td>
                <Table.Td>
                  <bdi>{dateTime(order.issuedAt)}</bdi>
                </Table.Td>
                <Table.Td>
                  <Badge color={order.transmitted ? 'green' : 'orange'} variant="light">
                    {order.transmitted ? t('mo.issued.transmitted') : t('mo.issued.waiting')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Button size="xs" variant="default" onClick={() => onOpen(order.number)} data-testid="mo-issued-open">
                    {t('mo.issued.open')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
