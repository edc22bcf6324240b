import { Button, Popover, Stack, Text } from '@mantine/core';
import type { CounterStatus } from '@shared/contract';
import { useI18n } from '../i18n';

export function DevicesState({ devices }: { devices: CounterStatus['devices'] }) {
  const { t } = useI18n();
  const online = devices.filter((device) => device.state === 'online').length;
  const summary =
    devices.length === 0 ? t('status.devices.none') : t('status.devices.summary', { online, total: devices.length });
  return (
    <Popover position="bottom" withArrow>
      <Popover.Target>
        <Button variant="subtle" size="compact-sm" data-testid="status-devices">
          {t('status.devices')} · {summary}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={4}>
          {devices.length === 0 && <Text size="sm">{t('status.devices.none')}</Text>}
          {devices.map((device) => (
            <Text size="sm" key={device.id}>
              {device.name} ({device.kind}) — {t(`status.device.${device.state}`)}
            </Text>
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
