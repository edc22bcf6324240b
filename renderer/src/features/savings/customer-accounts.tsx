import { Alert, Button, Group, Loader, Stack, Table, Title } from '@mantine/core';
import type { CustomerView } from '@shared/contract';
import { spacedSavingsAccountNumber } from '@shared/savings-account-number';
import { useCallData } from '../../hooks/use-call-data';
import { useI18n } from '../../i18n';
import { CustomerCard } from '../customers';
import { useSavingsFailureText } from './use-savings-failure-text';

interface Props {
  customer: CustomerView;
  /** Opening needs the clerk's open till (the opening deposit goes into it). */
  canOpen: boolean;
  version: number;
  onChoose(accountNumber: string): void;
  onOpen(): void;
  onOtherCustomer(): void;
}

/** The customer's accounts known at this branch (opened here or looked up before); Tab and Enter pick one. */
export function CustomerAccounts({ customer, canOpen, version, onChoose, onOpen, onOtherCustomer }: Props) {
  const { t, money } = useI18n();
  const failureText = useSavingsFailureText();
  const accounts = useCallData('savings.accounts', { customerId: customer.id }, version);
  const list = accounts.data ?? [];
  return (
    <Stack data-testid="savings-accounts" data-count={accounts.data?.length ?? -1}>
      <CustomerCard customer={customer} />
      <Group justify="space-between">
        <Title order={3}>{t('savings.accounts.title', { name: `${customer.givenNames} ${customer.familyName}` })}</Title>
        <Group>
          {canOpen && (
            <Button onClick={onOpen} data-testid="savings-open-account">
              {t('savings.accounts.open')}
            </Button>
          )}
          <Button variant="default" onClick={onOtherCustomer} data-testid="savings-other-customer">
            {t('savings.customer.other')}
          </Button>
        </Group>
      </Group>
      {accounts.error !== null && (
        <Alert color="red" role="alert">
          {failureText(accounts.error)}
        </Alert>
      )}
      {accounts.loading && !accounts.data && <Loader size="sm" />}
      {accounts.data && list.length === 0 && <Alert data-testid="savings-accounts-none">{t('savings.accounts.none')}</Alert>}
      {list.length > 0 && (
        <Table withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('savings.col.number')}</Table.Th>
              <Table.Th>{t('savings.col.product')}</Table.Th>
              <Table.Th>{t('savings.col.status')}</Table.Th>
              <Table.Th>{t('savings.col.balance')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((account, index) => (
              <Table.Tr key={account.accountNumber} data-testid="savings-account-row" data-account={account.accountNumber}>
                <Table.Td>
                  <bdi dir="ltr">{spacedSavingsAccountNumber(account.accountNumber)}</bdi>
                </Table.Td>
                <Table.Td>
                  <bdi dir="ltr">{account.productCode}</bdi>
                </Table.Td>
                <Table.Td>{t(`savings.status.${account.status}`)}</Table.Td>
                <Table.Td>{account.balance ? <bdi dir="ltr">{money(account.balance.minor)}</bdi> : t('savings.account.notKnown')}</Table.Td>
                <Table.Td>
                  <Button size="xs" onClick={() => onChoose(account.accountNumber)} autoFocus={index === 0} data-testid="savings-account-choose">
                    {t('savings.accounts.choose')}
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
