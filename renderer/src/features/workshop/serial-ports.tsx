import { Button, Group, Table, Text, Title } from '@mantine/core';
import type { SerialPortInfo } from '@shared/contract';
import { useI18n } from '../../i18n';
import { SerialPathCheck } from './serial-path-check';

/**
 * The serial ports the PC sees (USB adapters show their maker): where to plug a scale or scanner.
 * Stable /dev/serial/by-id names come first, with the device they point at: configure those, they
 * survive a replug that renumbers /dev/ttyUSBn.
 */
export function SerialPorts({ ports, onRefresh }: { ports: SerialPortInfo[]; onRefresh(): void }) {
  const { t } = useI18n();
  return (
    <div data-testid="serial-ports">
      <Group justify="space-between">
        <Title order={4}>{t('workshop.ports.title')}</Title>
        <Button size="xs" variant="default" onClick={onRefresh} data-testid="refresh-ports">
          {t('workshop.ports.refresh')}
        </Button>
      </Group>
      {ports.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('workshop.ports.none')}
        </Text>
      ) : (
        <Table fz="sm" withTableBorder>
          <Table.Tbody>
            {ports.map((port) => (
              <Table.Tr key={port.path}>
                <Table.Td dir="ltr">
                  {port.path}
                  {port.target && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      → {port.target}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{[port.manufacturer, port.vendorId && `${port.vendorId}:${port.productId ?? ''}`, port.serialNumber].filter(Boolean).join(' · ') || '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <SerialPathCheck />
    </div>
  );
}
