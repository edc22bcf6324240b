import { useState, type FormEvent } from 'react';
import { Alert, Autocomplete, Button, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import type { ConfiguredDevice, SerialPortInfo } from '@shared/contract';
import { ScaleProtocolName } from '@shared/devices/device-config';
import { call, isFailure } from '../../api';
import { useErrorText } from '../../components/use-error-text';
import { useI18n, type MessageKey } from '../../i18n';
import { checkDevice, emptyDevice, fieldOfPath, KINDS, newDeviceId, type DeviceField, type DeviceFields, type LinkType } from './device-form-state';

const BAUD_RATES = ['1200', '2400', '4800', '9600', '19200', '38400', '57600', '115200'];

const issuePaths = (details: Record<string, unknown> | undefined): string[] => {
  const issues = details?.issues;
  return Array.isArray(issues) ? issues.map((issue: { path?: unknown }) => String(issue.path ?? '')) : [];
};

interface DeviceFormProps {
  /** The device being edited; null adds a new one. */
  editing: DeviceFields | null;
  ports: SerialPortInfo[];
  devices: ConfiguredDevice[];
  onSaved(): void;
  onClose(): void;
}

/** Add or change one device; checked with the contract's schema before anything is sent. */
export function DeviceForm({ editing, ports, devices, onSaved, onClose }: DeviceFormProps) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [fields, setFields] = useState<DeviceFields>(editing ?? emptyDevice('receipt-printer', newDeviceId('receipt-printer')));
  const [invalid, setInvalid] = useState<Set<DeviceField>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const isNew = editing === null;

  const set = <F extends DeviceField>(field: F, value: DeviceFields[F]) => {
    setFields((current) => ({ ...current, [field]: value }));
    setInvalid((current) => {
      const next = new Set(current);
      next.delete(field);
      return next;
    });
  };
  const changeKind = (kind: DeviceFields['kind']) =>
    setFields((current) => ({ ...emptyDevice(kind, isNew ? newDeviceId(kind) : current.id), name: current.name, enabled: current.enabled }));

  const mark = (field: DeviceField) => (invalid.has(field) ? t('workshop.form.invalid') : undefined);
  const text = (field: DeviceField, label: MessageKey) => (
    <TextInput
      label={t(label)}
      value={String(fields[field])}
      onChange={(event) => set(field, event.currentTarget.value)}
      error={mark(field)}
      dir="ltr"
      data-testid={`device-${field}`}
    />
  );
  const choice = (field: DeviceField, label: MessageKey, data: string[]) => (
    <Select
      label={t(label)}
      data={data}
      value={String(fields[field])}
      onChange={(value) => value !== null && set(field, value)}
      error={mark(field)}
      allowDeselect={false}
      data-testid={`device-${field}`}
    />
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkDevice(fields);
    if (!checked.ok) return setInvalid(checked.invalid);
    setBusy(true);
    setError(null);
    try {
      await call('devices.save', checked.config);
      onSaved();
    } catch (failure) {
      setError(failure);
      if (isFailure(failure, 'INVALID_INPUT')) {
        setInvalid(new Set(issuePaths(failure.details).flatMap((path) => fieldOfPath(path, fields.kind) ?? [])));
      }
    } finally {
      setBusy(false);
    }
  };

  const linked = fields.kind !== 'cash-drawer';
  const printers = devices.filter((device) => device.config.kind === 'receipt-printer').map((device) => ({ value: device.config.id, label: device.config.name }));

  return (
    <Modal opened onClose={onClose} title={t(isNew ? 'workshop.form.add' : 'workshop.form.edit')} size="lg">
      <form onSubmit={(event) => void submit(event)} data-testid="device-form" noValidate>
        <Stack>
          <SimpleGrid cols={2}>
            <Select
              label={t('workshop.form.kind')}
              data={KINDS.map((kind) => ({ value: kind, label: t(`workshop.kind.${kind}`) }))}
              value={fields.kind}
              onChange={(value) => value && changeKind(value as DeviceFields['kind'])}
              disabled={!isNew}
              allowDeselect={false}
              data-testid="device-kind"
            />
            {text('name', 'workshop.form.name')}
          </SimpleGrid>
          <Switch label={t('workshop.form.enabled')} checked={fields.enabled} onChange={(event) => set('enabled', event.currentTarget.checked)} />
          {linked && (
            <SegmentedControl
              value={fields.linkType}
              onChange={(value) => set('linkType', value as LinkType)}
              data={(['serial', 'tcp', 'file'] as const).map((type) => ({ value: type, label: t(`workshop.link.${type}`) }))}
              data-testid="device-linkType"
            />
          )}
          {linked && fields.linkType === 'serial' && (
            <SimpleGrid cols={3}>
              <Autocomplete
                label={t('workshop.form.path')}
                data={ports.map((port) => port.path)}
                value={fields.path}
                onChange={(value) => set('path', value)}
                error={mark('path')}
                dir="ltr"
                data-testid="device-path"
              />
              {choice('baudRate', 'workshop.form.baudRate', BAUD_RATES)}
              {choice('dataBits', 'workshop.form.dataBits', ['7', '8'])}
              {choice('parity', 'workshop.form.parity', ['none', 'even', 'odd', 'mark', 'space'])}
              {choice('stopBits', 'workshop.form.stopBits', ['1', '2'])}
            </SimpleGrid>
          )}
          {linked && fields.linkType === 'tcp' && (
            <SimpleGrid cols={2}>
              {text('host', 'workshop.form.host')}
              {text('port', 'workshop.form.port')}
            </SimpleGrid>
          )}
          {linked && fields.linkType === 'file' && text('path', 'workshop.form.devicePath')}
          {fields.kind === 'scale' && (
            <SimpleGrid cols={3}>
              {choice('scaleProtocol', 'workshop.form.protocol', ScaleProtocolName.options)}
              {choice('unit', 'workshop.form.unit', ['kg', 'lb'])}
              {text('pollMs', 'workshop.form.pollMs')}
            </SimpleGrid>
          )}
          {fields.kind === 'scale' && fields.scaleProtocol === 'continuous-pattern' && text('pattern', 'workshop.form.pattern')}
          {fields.kind === 'receipt-printer' && (
            <SimpleGrid cols={3}>
              {choice('model', 'workshop.form.model', ['epson', 'star'])}
              {choice('codePage', 'workshop.form.codePage', ['PC858_EURO', 'PC850_MULTILINGUAL', 'WPC1252'])}
              {text('columns', 'workshop.form.columns')}
            </SimpleGrid>
          )}
          {fields.kind === 'label-printer' && (
            <SimpleGrid cols={2}>
              {choice('labelProtocol', 'workshop.form.protocol', ['zpl', 'tspl'])}
              {choice('dotsPerMm', 'workshop.form.dotsPerMm', ['8', '12'])}
            </SimpleGrid>
          )}
          {fields.kind === 'passbook-printer' && (
            <SimpleGrid cols={3}>
              {choice('passbookModel', 'workshop.form.model', ['olivetti-pr2', 'epson-escp'])}
              {text('pages', 'workshop.form.pages')}
              {text('linesPerPage', 'workshop.form.linesPerPage')}
              {text('topMarginLines', 'workshop.form.topMarginLines')}
              {text('foldAfterLine', 'workshop.form.foldAfterLine')}
              {text('foldSkipLines', 'workshop.form.foldSkipLines')}
            </SimpleGrid>
          )}
          {fields.kind === 'cash-drawer' && (
            <Select
              label={t('workshop.form.printer')}
              data={printers}
              value={fields.printerId || null}
              onChange={(value) => set('printerId', value ?? '')}
              error={mark('printerId')}
              data-testid="device-printerId"
            />
          )}
          {error !== null && (
            <Alert color="red" data-testid="device-form-error">
              {errorText(error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('workshop.form.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="device-save">
              {t('workshop.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
