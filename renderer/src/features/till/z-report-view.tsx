import type { ReactNode } from 'react';
import { Alert, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import type { ZReport } from '@shared/contract';
import { useI18n } from '../../i18n';
import { useStatus } from '../status/status-context';
import { useCallData } from '../../hooks/use-call-data';
import { useFailureText } from '../../hooks/use-failure-text';
import classes from './z-report.module.css';
import { WhoWhen } from './who-when';
import { PrintZReceiptButton } from './print-z-receipt-button';

/** The money-order lines, in the printed Z report's order. */
const MONEY_ORDER_LINES = ['issued', 'fees', 'paid', 'cancelled', 'reimbursed', 'feesRefunded'] as const satisfies ReadonlyArray<keyof ZReport['moneyOrders']>;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Title order={4}>{title}</Title>
      {children}
    </Stack>
  );
}

/** Label / value rows; only amounts are forced left-to-right (an Arabic date must keep its own order). */
function Rows({ rows, testId }: { rows: Array<[string, ReactNode]>; testId?: string }) {
  return (
    <Table withTableBorder layout="fixed" data-testid={testId}>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th>{label}</Table.Th>
            <Table.Td className={classes.amount}>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The end-of-session summary as it will print: on screen now, on A4 through the browser's print. */
export function ZReportSheet({ report }: { report: ZReport }) {
  const { t, money, dateTime, language, tryT } = useI18n();
  const status = useStatus();
  const m = (view: { minor: number }) => <span dir="ltr">{money(view.minor)}</span>;
  const paidLines = (lines: ZReport['cashMovements']['paidIn'], direction: 'in' | 'out'): Array<[string, ReactNode]> =>
    lines.map((line) => [`${t(direction === 'in' ? 'z.paidIn' : 'z.paidOut')} · ${line.reasonCode} (${line.count})`, m(line.amount)]);

  return (
    <Stack className={classes.sheet} data-testid="z-report" gap="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={0}>
          <Title order={3}>{t('z.title', { till: report.tillId })}</Title>
          <Text size="sm">
            {status.branch ? `${status.branch.name} (${status.branch.code})` : ''}
            {status.branch?.demo ? ` · ${t('demo.badge')}` : ''}
          </Text>
        </Stack>
        <Text size="sm" data-testid="z-status">
          {tryT(`till.status.${report.status}`, report.status)}
        </Text>
      </Group>
      <Rows
        rows={[
          [t('z.clerk'), report.clerk],
          [t('z.openedBy'), <WhoWhen who={report.openedBy} when={dateTime(report.openedAt)} />],
          [t('z.closedBy'), report.closedAt ? <WhoWhen who={report.closedBy ?? ''} when={dateTime(report.closedAt)} /> : '—'],
          [t('z.lastSeq'), report.lastSeq === null ? '—' : String(report.lastSeq)],
        ]}
      />
      <Section title={t('z.products')}>
        <Table withTableBorder striped data-testid="z-products">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('z.product')}</Table.Th>
              <Table.Th>{t('z.count')}</Table.Th>
              <Table.Th className={classes.amount}>{t('z.gross')}</Table.Th>
              <Table.Th className={classes.amount}>{t('z.voided')}</Table.Th>
              <Table.Th className={classes.amount}>{t('z.net')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.products.map((line) => (
              <Table.Tr key={line.productCode} data-testid={`z-product-${line.productCode}`}>
                <Table.Td>{line.name[language]}</Table.Td>
                <Table.Td>{line.count}</Table.Td>
                <Table.Td className={classes.amount}>
                  {m(line.gross)}
                </Table.Td>
                <Table.Td className={classes.amount}>
                  {m(line.voided)}
                </Table.Td>
                <Table.Td className={classes.amount}>
                  {m(line.net)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {report.products.length === 0 && <Text c="dimmed">{t('z.none')}</Text>}
      </Section>
      <Section title={t('z.payments')}>
        <Rows rows={report.payments.map((p) => [`${tryT(`z.method.${p.method}`, p.method)} (${p.count})`, m(p.amount)])} testId="z-payments" />
      </Section>
      <Section title={t('z.cash')}>
        <Rows
          testId="z-cash"
          rows={[
            [t('z.float'), m(report.cashMovements.float)],
            [t('z.topUps'), m(report.cashMovements.topUps)],
            [t('z.drops'), m(report.cashMovements.drops)],
            ...paidLines(report.cashMovements.paidIn, 'in'),
            ...paidLines(report.cashMovements.paidOut, 'out'),
            ...report.cashMovements.collectedOnDelivery.map((line): [string, ReactNode] => [`${t('z.collectedOnDelivery')} · ${line.marketplace} (${line.count})`, m(line.amount)]),
            [t('z.returnedToSafe'), m(report.cashMovements.returnedToSafe)],
          ]}
        />
      </Section>
      {MONEY_ORDER_LINES.some((key) => report.moneyOrders[key].count > 0) && (
        <Section title={t('z.moneyOrders')}>
          <Rows
            testId="z-money-orders"
            rows={MONEY_ORDER_LINES.map((key): [string, ReactNode] => [`${t(`z.moneyOrder.${key}`)} (${report.moneyOrders[key].count})`, m(report.moneyOrders[key].amount)])}
          />
        </Section>
      )}
      <Section title={t('z.voids', { count: report.voids.count })}>
        {report.voids.items.length === 0 ? (
          <Text c="dimmed">{t('z.none')}</Text>
        ) : (
          <Table withTableBorder data-testid="z-voids">
            <Table.Tbody>
              {report.voids.items.map((item) => (
                <Table.Tr key={item.operationId}>
                  <Table.Td>{dateTime(item.at)}</Table.Td>
                  <Table.Td>{t('z.voidBy', { by: item.by, approvedBy: item.approvedBy ?? '—' })}</Table.Td>
                  <Table.Td>{item.reason}</Table.Td>
                  <Table.Td className={classes.amount}>
                    {m(item.amount)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
      <Section title={t('z.counts')}>
        <Table withTableBorder data-testid="z-counts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('z.attempt')}</Table.Th>
              <Table.Th>{t('z.at')}</Table.Th>
              <Table.Th className={classes.amount}>{t('count.counted')}</Table.Th>
              <Table.Th className={classes.amount}>{t('count.expected')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.counts.map((count) => (
              <Table.Tr key={count.countId}>
                <Table.Td>{count.attempt}</Table.Td>
                <Table.Td>
                  <WhoWhen who={count.countedBy} when={dateTime(count.at)} />
                </Table.Td>
                <Table.Td className={classes.amount}>
                  {m(count.counted)}
                </Table.Td>
                <Table.Td className={classes.amount}>
                  {m(count.expected)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>
      <Section title={t('z.overShort')}>
        <Rows
          testId="z-over-short"
          rows={[
            [t('z.over'), m(report.overShort.over)],
            [t('z.short'), m(report.overShort.short)],
            [t('z.suspense'), m(report.overShort.suspense)],
            [t('z.explanation'), report.overShort.explanation ?? '—'],
            [t('z.approvedBy'), report.overShort.approvedBy ?? '—'],
            [t('z.expectedNow'), m(report.expectedCash)],
          ]}
        />
      </Section>
    </Stack>
  );
}

/** Loads and shows one session's Z report, with the A4 and receipt-printer print buttons. */
export function ZReportView({ sessionId }: { sessionId: string }) {
  const { t } = useI18n();
  const failureText = useFailureText();
  const { data, error } = useCallData('till.zReport', { sessionId });
  if (error !== null) return <Alert color="red">{failureText(error)}</Alert>;
  if (!data) return <Loader size="sm" />;
  return (
    <Stack>
      <Group className={classes.noPrint}>
        <Button variant="default" onClick={() => window.print()} data-testid="z-print">
          {t('z.print')}
        </Button>
        <PrintZReceiptButton sessionId={sessionId} />
      </Group>
      <ZReportSheet report={data} />
    </Stack>
  );
}
