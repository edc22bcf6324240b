import { Badge, Code, Stack, Table, Text, Title } from '@mantine/core';
import type { ReplicationLinkView } from '@shared/contract';
import { FactTable } from '../../components/fact-table';
import { useI18n } from '../../i18n';

const STATE_COLOR = { online: 'green', offline: 'red', 'not-configured': 'gray' } as const;

/** Both cursors side by side, the connection in use, and the last errors in words. */
export function LinkStatusView({ link }: { link: ReplicationLinkView }) {
  const { t, dateTime } = useI18n();
  const seq = (value: number | null) => (value === null ? t('hoLink.unknown') : <span dir="ltr">{value}</span>);
  const connection = link.connection;
  const where = connection.host
    ? `${connection.user ?? ''}@${connection.host}/${connection.database ?? ''} · ${connection.sslmode ?? ''}${connection.clientCertificate ? ` · ${t('hoLink.clientCertificate')}` : ''}`
    : '—';
  return (
    <Stack data-testid="link-status">
      <Title order={3}>{t('hoLink.view.title')}</Title>
      <FactTable
        facts={[
          {
            label: t('hoLink.state'),
            value: <Badge color={STATE_COLOR[link.state]}>{t(`hoLink.state.${link.state}`)}</Badge>,
            testId: 'link-state',
          },
          { label: t('hoLink.mode'), value: t(`hoLink.mode.${link.mode}`) },
          { label: t('hoLink.connection'), value: <Code dir="ltr">{where}</Code> },
          { label: t('hoLink.localSeq'), value: seq(link.localSeq), testId: 'link-local-seq' },
          { label: t('hoLink.ackedSeq'), value: seq(link.ackedSeq), testId: 'link-acked-seq' },
          { label: t('hoLink.headOfficeSeq'), value: seq(link.headOfficeSeq) },
          { label: t('hoLink.unsynced'), value: seq(link.unsynced) },
          { label: t('hoLink.ackedHash'), value: <Code dir="ltr">{link.ackedHash.slice(0, 16)}…</Code> },
          { label: t('hoLink.pullVersion'), value: seq(link.pullVersion) },
          {
            label: t('hoLink.clockSkew'),
            value: link.clockSkewSeconds === null ? t('hoLink.unknown') : t('hoLink.seconds', { count: link.clockSkewSeconds }),
          },
          { label: t('hoLink.lastSuccess'), value: link.lastSuccessAt ? dateTime(link.lastSuccessAt) : t('hoLink.never') },
          ...(link.recovering ? [{ label: t('hoLink.recovering'), value: <Badge color="orange">{t('hoLink.recovering')}</Badge> }] : []),
        ]}
      />
      <Title order={4}>{t('hoLink.errors.title')}</Title>
      {link.recentErrors.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('hoLink.errors.none')}
        </Text>
      ) : (
        <Table withTableBorder data-testid="link-errors">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={200}>{t('hoLink.errors.at')}</Table.Th>
              <Table.Th>{t('hoLink.errors.message')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {link.recentErrors.map((error, index) => (
              <Table.Tr key={`${error.at}-${index}`}>
                <Table.Td>{dateTime(error.at)}</Table.Td>
                <Table.Td dir="ltr">{error.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
