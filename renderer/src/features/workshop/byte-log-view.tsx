import { useEffect, useState } from 'react';
import { Code, ScrollArea, Table, Text } from '@mantine/core';
import type { ByteLogEntry } from '@shared/contract';
import { call } from '../../api';
import { useI18n } from '../../i18n';

const REFRESH_MS = 1_000;

/** "What did the scale actually send?": the last bytes each way, hex and readable, refreshed while shown. */
export function ByteLogView({ deviceId }: { deviceId: string }) {
  const { t } = useI18n();
  const [entries, setEntries] = useState<ByteLogEntry[]>([]);
  useEffect(() => {
    let live = true;
    // A failed read keeps the last bytes on screen; the next tick asks again.
    const load = (): void => {
      call('devices.lastBytes', { id: deviceId })
        .then((result) => live && setEntries(result.entries))
        .catch(() => undefined);
    };
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [deviceId]);

  if (entries.length === 0) return <Text size="sm" c="dimmed">{t('workshop.bytes.none')}</Text>;
  return (
    <ScrollArea h={220} data-testid={`bytes-${deviceId}`}>
      <Table fz="xs" striped withTableBorder dir="ltr">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={90}>{t('workshop.bytes.time')}</Table.Th>
            <Table.Th w={40}>{t('workshop.bytes.direction')}</Table.Th>
            <Table.Th>{t('workshop.bytes.hex')}</Table.Th>
            <Table.Th>{t('workshop.bytes.text')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries
            .slice(-40)
            .reverse()
            .map((entry, index) => (
              <Table.Tr key={`${entry.at}-${index}`} data-direction={entry.direction}>
                <Table.Td>{entry.at.slice(11, 23)}</Table.Td>
                <Table.Td>{entry.direction === 'in' ? '←' : '→'}</Table.Td>
                <Table.Td>
                  <Code style={{ wordBreak: 'break-all' }}>{entry.hex}</Code>
                </Table.Td>
                <Table.Td>
                  <Code style={{ wordBreak: 'break-all' }}>{entry.text}</Code>
                </Table.Td>
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
