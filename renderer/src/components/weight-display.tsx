import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { WeighingStatus, WeightReading } from '@shared/contract';
import { useI18n } from '../i18n';
import { useWeight } from './use-weight';

const COLOURS: Record<WeighingStatus, string> = {
  stable: 'green',
  unstable: 'yellow',
  overweight: 'red',
  'under-zero': 'red',
  'not-ready': 'gray',
};

/**
 * The live weight on the pan and whether it may be used: only a stable reading may price an
 * item, so the status is always shown beside the number, never the number alone.
 */
export function WeightDisplay({ deviceId, reading: given }: { deviceId?: string; reading?: WeightReading | null }) {
  const { t, locale } = useI18n();
  const streamed = useWeight(deviceId);
  const reading = given === undefined ? streamed : given;
  const status: WeighingStatus = reading?.status ?? 'not-ready';
  const kilograms =
    reading?.grams === null || reading?.grams === undefined
      ? '—'
      : new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(reading.grams / 1000);
  return (
    <Paper withBorder p="sm" data-testid="weight-display" data-status={status} data-grams={reading?.grams ?? ''}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap">
          <Text fz={32} fw={700} ff="monospace" dir="ltr" data-testid="weight-value">
            {kilograms} kg
          </Text>
          <Badge color={COLOURS[status]} size="lg" data-testid="weight-status">
            {t(`weight.${status}`)}
          </Badge>
        </Group>
        {/* The scale's reason in the clerk's words; its own text (English, from the device) stays for the technician. */}
        {reading?.reason ? (
          <Text size="sm" c="dimmed" data-testid="weight-reason" data-reason={reading.reason}>
            {t(`weight.reason.${reading.reason}`)}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
