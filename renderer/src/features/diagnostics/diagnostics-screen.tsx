import { Badge, Code, Stack, Title } from '@mantine/core';
import { FactTable } from '../../components/fact-table';
import { ScreenHeader } from '../../components/screen-header';
import { useI18n } from '../../i18n';
import { useStatus } from '../status/status-context';

/** What a technician checks first, from the same status the status bar shows. */
export function DiagnosticsScreen({ onBack }: { onBack(): void }) {
  const { t, tryT, money, dateTime } = useI18n();
  const status = useStatus();
  const link = status.headOffice;
  return (
    <Stack p="md" data-testid="diagnostics">
      <ScreenHeader title={t('diag.title')} onBack={onBack} />
      <FactTable
        facts={[
          {
            label: t('diag.database'),
            value: <Badge color="green">{t('diag.database.ready')}</Badge>,
            testId: 'diag-database',
          },
          { label: t('status.branch'), value: status.branch ? `${status.branch.code} · ${status.branch.name}` : '—' },
          { label: t('diag.currency'), value: status.branch?.currency ?? '—' },
          // 123456 minor units: shows at a glance whether this currency has decimals (DJF none, EUR two).
          { label: t('diag.moneySample'), value: <span dir="ltr">{money(123456)}</span> },
          { label: t('diag.clock'), value: dateTime(new Date().toISOString()) },
          { label: t('diag.idleLock'), value: t('diag.seconds', { count: status.idleLockSeconds }) },
          { label: t('diag.version'), value: <Code dir="ltr">{status.version}</Code> },
          {
            label: t('diag.headOffice'),
            value: `${t(`hoLink.mode.${link.mode}`)} · ${t(`hoLink.state.${link.state}`)} · ${t('status.headOffice.unsynced', { count: link.unsynced })}`,
          },
          { label: t('diag.lastError'), value: link.lastError ? <Code dir="ltr">{link.lastError}</Code> : '—' },
        ]}
      />
      <Title order={3}>{t('diag.devices')}</Title>
      <FactTable
        facts={
          status.devices.length === 0
            ? [{ label: t('diag.devices'), value: t('status.devices.none') }]
            : status.devices.map((device) => ({
                // A missing device is named by its kind only; a configured one by its name and its kind in words.
                label: device.name === device.kind ? tryT(`workshop.kind.${device.kind}`, device.kind) : `${device.name} (${tryT(`workshop.kind.${device.kind}`, device.kind)})`,
                value: t(`status.device.${device.state}`),
              }))
        }
      />
    </Stack>
  );
}
