import { Table } from '@mantine/core';
import type { DayCloseDifference } from '@shared/contract';
import { useI18n } from '../../i18n';
import { AccountCell } from './account-cell';

/** The accounts head office totals differently: the branch's figures beside head office's, never a net. */
export function DayCloseDifferences({ differences }: { differences: DayCloseDifference[] }) {
  const { t, money } = useI18n();
  return (
    <Table withTableBorder striped data-testid="day-differences">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('day.account')}</Table.Th>
          <Table.Th>{t('dayClose.branchDebits')}</Table.Th>
          <Table.Th>{t('dayClose.headOfficeDebits')}</Table.Th>
          <Table.Th>{t('dayClose.branchCredits')}</Table.Th>
          <Table.Th>{t('dayClose.headOfficeCredits')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {differences.map((d) => (
          <Table.Tr key={d.accountId} data-testid={`day-difference-${d.accountId}`}>
            <AccountCell id={d.accountId} />
            <Table.Td dir="ltr">{money(d.branchDebits)}</Table.Td>
            <Table.Td dir="ltr" fw={d.branchDebits === d.headOfficeDebits ? undefined : 700}>{money(d.headOfficeDebits)}</Table.Td>
            <Table.Td dir="ltr">{money(d.branchCredits)}</Table.Td>
            <Table.Td dir="ltr" fw={d.branchCredits === d.headOfficeCredits ? undefined : 700}>{money(d.headOfficeCredits)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
