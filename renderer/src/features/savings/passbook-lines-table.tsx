import { Table } from '@mantine/core';
import type { PassbookLineView } from '@shared/contract';
import { useI18n } from '../../i18n';

/** Head office's lines as the clerk reads them: each named by its kind in her language, amounts left to right. */
export function PassbookLinesTable({ lines, testId }: { lines: readonly PassbookLineView[]; testId: string }) {
  const { t, money } = useI18n();
  return (
    <Table withTableBorder striped data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('savings.line.date')}</Table.Th>
          <Table.Th>{t('savings.line.what')}</Table.Th>
          <Table.Th>{t('savings.line.debit')}</Table.Th>
          <Table.Th>{t('savings.line.credit')}</Table.Th>
          <Table.Th>{t('savings.line.balance')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {lines.map((line, index) => (
          <Table.Tr key={line.lineNo ?? `bf-${index}`} data-testid="savings-line" data-kind={line.kind}>
            <Table.Td>
              <bdi dir="ltr">{line.date}</bdi>
            </Table.Td>
            <Table.Td>
              {t(`passbook.line.${line.kind}`)}
              {line.creditedOn && <> · {t('passbook.line.creditedOn', { date: line.creditedOn })}</>}
            </Table.Td>
            <Table.Td>{line.debit ? <bdi dir="ltr">{money(line.debit.minor)}</bdi> : ''}</Table.Td>
            <Table.Td>{line.credit ? <bdi dir="ltr">{money(line.credit.minor)}</bdi> : ''}</Table.Td>
            <Table.Td>
              <bdi dir="ltr">{money(line.balance.minor)}</bdi>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
