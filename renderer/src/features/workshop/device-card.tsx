import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import type { ConfiguredDevice, DeviceLiveStatus, Input, MethodName, WeightReading } from '@shared/contract';
import { call } from '../../api';
import { useErrorText } from '../../components/use-error-text';
import { WeightDisplay } from '../../components/weight-display';
import { useI18n, type MessageKey } from '../../i18n';
import { ByteLogView } from './byte-log-view';

type TestMethod = Extract<MethodName, 'devices.testPrint' | 'devices.openDrawer' | 'devices.readScale' | 'devices.zeroScale' | 'devices.tareScale'>;

const powerColour = (status: DeviceLiveStatus | null): string =>
  !status ? 'gray' : status.state === 'error' ? 'red' : status.power === 'online' ? 'green' : status.power === 'offline' ? 'red' : 'gray';

const linkOf = (device: ConfiguredDevice): string => {
  const config = device.config;
  if (config.kind === 'cash-drawer') return `→ ${config.printerId}`;
  const link = config.transport;
  return link.type === 'tcp' ? `tcp://${link.host}:${link.port}` : link.type === 'serial' ? `${link.path} ${link.baudRate} ${link.dataBits}${link.parity[0]?.toUpperCase()}${link.stopBits}` : link.path;
};

interface DeviceCardProps {
  device: ConfiguredDevice;
  onEdit(): void;
  onRemove(): void;
}

/** One device in the workshop: what it is, whether it answers, and the buttons that prove it. */
export function DeviceCard({ device, onEdit, onRemove }: DeviceCardProps) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [reading, setReading] = useState<WeightReading | null>(null);
  const [showBytes, setShowBytes] = useState(false);
  const [busy, setBusy] = useState<TestMethod | null>(null);
  const { config, status } = device;

  const run = async <M extends TestMethod>(method: M, done: MessageKey) => {
    setBusy(method);
    setOutcome(null);
    try {
      const result = await call(method, { id: config.id } as Input<M>);
      if (method === 'devices.readScale') setReading(result as WeightReading);
      setOutcome({ ok: true, text: t(done) });
    } catch (failure) {
      const detail = failure instanceof Error ? failure.message : '';
      setOutcome({ ok: false, text: `${errorText(failure)} ${detail}` });
    } finally {
      setBusy(null);
    }
  };
  const test = (method: TestMethod, label: MessageKey, done: MessageKey, testId: string) => (
    <Button size="xs" variant="light" loading={busy === method} onClick={() => void run(method, done)} data-testid={`${testId}-${config.id}`}>
      {t(label)}
    </Button>
  );

  const power = !config.enabled ? t('workshop.status.disabled') : status ? t(`workshop.power.${status.power}`) : t('workshop.power.unknown');
  return (
    <Card withBorder data-testid="device-card" data-device-id={config.id} data-kind={config.kind} data-power={status?.power ?? 'none'}>
      <Stack gap="xs">
        <Group justify="space-between">
          <div>
            <Text fw={600}>{config.name}</Text>
            <Text size="sm" c="dimmed">
              {t(`workshop.kind.${config.kind}`)} · <span dir="ltr">{linkOf(device)}</span>
            </Text>
          </div>
          <Badge color={powerColour(status)} data-testid={`power-${config.id}`}>
            {power}
            {status?.state === 'busy' ? ` · ${t('workshop.state.busy')}` : ''}
          </Badge>
        </Group>
        {status?.detail ? (
          <Text size="sm" c="red" dir="ltr" data-testid={`detail-${config.id}`}>
            {status.detail}
          </Text>
        ) : null}
        {config.kind === 'scale' && <WeightDisplay deviceId={config.id} />}
        <Group gap="xs">
          {(config.kind === 'receipt-printer' || config.kind === 'label-printer') &&
            test('devices.testPrint', 'workshop.test.print', 'workshop.test.printed', 'test-print')}
          {config.kind === 'passbook-printer' && test('devices.testPrint', 'workshop.test.passbook', 'workshop.test.printed', 'test-print')}
          {(config.kind === 'receipt-printer' || config.kind === 'cash-drawer') &&
            test('devices.openDrawer', 'workshop.test.drawer', 'workshop.test.drawerOpened', 'open-drawer')}
          {config.kind === 'scale' && test('devices.readScale', 'workshop.test.read', 'workshop.test.readDone', 'read-scale')}
          {config.kind === 'scale' && test('devices.zeroScale', 'workshop.test.zero', 'workshop.test.zeroDone', 'zero-scale')}
          {config.kind === 'scale' && test('devices.tareScale', 'workshop.test.tare', 'workshop.test.tareDone', 'tare-scale')}
          {config.kind !== 'cash-drawer' && (
            <Button size="xs" variant="subtle" onClick={() => setShowBytes((shown) => !shown)} data-testid={`show-bytes-${config.id}`}>
              {t(showBytes ? 'workshop.bytes.hide' : 'workshop.bytes.show')}
            </Button>
          )}
          <Button size="xs" variant="subtle" onClick={onEdit} data-testid={`edit-${config.id}`}>
            {t('workshop.edit')}
          </Button>
          <Button size="xs" variant="subtle" color="red" onClick={onRemove} data-testid={`remove-${config.id}`}>
            {t('workshop.remove')}
          </Button>
        </Group>
        {reading && (
          <Stack gap={2} data-testid={`reading-${config.id}`}>
            <Text size="sm">{t('workshop.test.lastReading')}</Text>
            <WeightDisplay reading={reading} />
          </Stack>
        )}
        {outcome && (
          <Alert color={outcome.ok ? 'green' : 'red'} py={4} data-testid={`outcome-${config.id}`} data-ok={outcome.ok}>
            {outcome.text}
          </Alert>
        )}
        {showBytes && <ByteLogView deviceId={config.id} />}
      </Stack>
    </Card>
  );
}
