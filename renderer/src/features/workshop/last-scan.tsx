import { useState } from 'react';
import { Code, Group, Paper, Text } from '@mantine/core';
import type { ScannedCode } from '@shared/contract';
import { useI18n } from '../../i18n';
import { useScan } from '../scanning/use-scan';

/** Scan test: whatever any scanner reads (serial or keyboard wedge) shows here at once. */
export function LastScan() {
  const { t, dateTime } = useI18n();
  const [scan, setScan] = useState<ScannedCode | null>(null);
  useScan(setScan);
  return (
    <Paper withBorder p="sm" data-testid="last-scan" data-code={scan?.code ?? ''}>
      <Text fw={600}>{t('workshop.scan.title')}</Text>
      {scan ? (
        <Group gap="xs">
          <Code fz="lg" dir="ltr" data-testid="last-scan-code">
            {scan.code}
          </Code>
          <Text size="sm" c="dimmed">
            {t(`workshop.scan.source.${scan.source}`)} · {scan.deviceId} · {scan.symbology}
            {scan.aim ? ` (${scan.aim})` : ''} · {dateTime(scan.at)}
          </Text>
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          {t('workshop.scan.waiting')}
        </Text>
      )}
    </Paper>
  );
}
