import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { SerialPortInfo } from '@shared/contract';
import { call } from '../../api';
import { ScreenHeader } from '../../components/screen-header';
import { useErrorText } from '../../components/use-error-text';
import { useI18n } from '../../i18n';
import { DeviceCard } from './device-card';
import { DeviceForm } from './device-form';
import { fieldsOf, type DeviceFields } from './device-form-state';
import { downloadDiagnosticBundle } from './diagnostic-download';
import { LastScan } from './last-scan';
import { SerialPorts } from './serial-ports';
import { useWorkshopDevices } from './use-workshop-devices';

/** The technician's bench: serial ports, each device with its live status and test buttons, the support bundle. */
export function WorkshopScreen({ onBack }: { onBack(): void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { devices, reload, failed } = useWorkshopDevices();
  const [ports, setPorts] = useState<SerialPortInfo[]>([]);
  // undefined: no form; null: a new device; fields: editing one.
  const [form, setForm] = useState<DeviceFields | null | undefined>(undefined);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);

  const loadPorts = useCallback(() => {
    call('devices.serialPorts', {})
      .then((result) => setPorts(result.ports))
      .catch(() => setPorts([]));
  }, []);
  useEffect(loadPorts, [loadPorts]);

  const remove = async (id: string) => {
    try {
      await call('devices.remove', { id });
      setNotice({ ok: true, text: t('workshop.removed') });
    } catch (failure) {
      setNotice({ ok: false, text: `${errorText(failure)} ${failure instanceof Error ? failure.message : ''}` });
    }
    reload();
  };

  const exportBundle = async () => {
    try {
      const fileName = await downloadDiagnosticBundle();
      setNotice({ ok: true, text: t('workshop.bundle.done', { file: fileName }) });
    } catch (failure) {
      setNotice({ ok: false, text: errorText(failure) });
    }
  };

  return (
    <Stack p="md" data-testid="workshop">
      <ScreenHeader title={t('workshop.title')} onBack={onBack} />
      <Group>
        <Button onClick={() => setForm(null)} data-testid="add-device">
          {t('workshop.add')}
        </Button>
        <Button variant="default" onClick={() => void exportBundle()} data-testid="export-bundle">
          {t('workshop.bundle.export')}
        </Button>
      </Group>
      {notice && (
        <Alert color={notice.ok ? 'green' : 'red'} withCloseButton onClose={() => setNotice(null)} data-testid="workshop-notice">
          {notice.text}
        </Alert>
      )}
      {failed !== null && <Alert color="red">{errorText(failed)}</Alert>}
      <Title order={3}>{t('workshop.devices')}</Title>
      {devices.length === 0 ? (
        <Text c="dimmed" data-testid="no-devices">
          {t('workshop.empty')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {devices.map((device) => (
            <DeviceCard
              key={device.config.id}
              device={device}
              onEdit={() => setForm(fieldsOf(device.config))}
              onRemove={() => void remove(device.config.id)}
            />
          ))}
        </SimpleGrid>
      )}
      <LastScan />
      <SerialPorts ports={ports} onRefresh={loadPorts} />
      {form !== undefined && (
        <DeviceForm
          editing={form}
          ports={ports}
          devices={devices}
          onClose={() => setForm(undefined)}
          onSaved={() => {
            setForm(undefined);
            setNotice({ ok: true, text: t('workshop.saved') });
            reload();
          }}
        />
      )}
    </Stack>
  );
}
