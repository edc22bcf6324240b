import { Badge, Button, Group, Table, Text } from '@mantine/core';
import type { PendingCash } from '@shared/contract';
import { useI18n } from '../../i18n';

interface Props {
  pending: readonly PendingCash[];
  /** Who looks: each side confirms only what it receives. */
  viewer: 'clerk' | 'supervisor';
  busy: boolean;
  onConfirm(item: PendingCash): void;
  /** Supervisors may send cash that never arrived back where it came from. */
  onCancel?(item: PendingCash): void;
}

/** Cash in transit between the safe and a till: it counts nowhere until the receiver confirms it. */
export function PendingCashList({ pending, viewer, busy, onConfirm, onCancel }: Props) {
  const { t, money, dateTime } = useI18n();
  if (pending.length === 0) return null;
  return (
    <Table withTableBorder data-testid="pending-cash">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('pending.kind')}</Table.Th>
          <Table.Th>{t('pending.amount')}</Table.Th>
          <Table.Th>{t('pending.from')}</Table.Th>
          <Table.Th>{t('pending.awaiting')}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {pending.map((item) => (
          <Table.Tr key={item.transferId} data-testid={`pending-${item.kind}`}>
            <Table.Td>
              <Badge variant="light">{t(`pending.kind.${item.kind}`)}</Badge>
            </Table.Td>
            <Table.Td dir="ltr">{money(item.amount.minor)}</Table.Td>
            <Table.Td>
              <Text size="sm">{`${item.by} · ${dateTime(item.at)} · ${item.tillId}`}</Text>
            </Table.Td>
            <Table.Td>{t(`role.${item.awaiting}`)}</Table.Td>
            <Table.Td>
              <Group gap="xs" justify="flex-end">
                {item.awaiting === viewer && (
                  <Button size="xs" onClick={() => onConfirm(item)} loading={busy} data-testid={`confirm-${item.kind}`}>
                    {t('pending.confirm')}
                  </Button>
                )}
                {onCancel && (
                  <Button size="xs" variant="default" color="red" onClick={() => onCancel(item)} disabled={busy} data-testid={`cancel-${item.kind}`}>
                    {t('pending.cancel')}
                  </Button>
                )}
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
