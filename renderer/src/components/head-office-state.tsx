import { Badge, Group, Text } from '@mantine/core';
import type { CounterStatus } from '@shared/contract';
import { useI18n } from '../i18n';

const COLORS = { online: 'green', offline: 'red', 'not-configured': 'gray' } as const;

/** What has not reached head office is always on screen (Horizon lesson 8). */
export function HeadOfficeState({ link }: { link: CounterStatus['headOffice'] }) {
  const { t, dateTime } = useI18n();
  const state =
    link.state === 'online'
      ? t('status.headOffice.online')
      : link.state === 'offline'
        ? t('status.headOffice.offline')
        : t('status.headOffice.notConfigured');
  return (
    <Group gap={6} wrap="nowrap" data-testid="status-head-office">
      <Text size="sm" fw={600}>
        {t('status.headOffice')}
      </Text>
      <Badge color={COLORS[link.state]} variant="light">
        {state}
      </Badge>
      {link.mode === 'demo' && <Badge color="orange" variant="outline">{t('status.headOffice.demo')}</Badge>}
      {link.mode !== 'none' && (
        <Text size="sm" data-testid="status-unsynced">
          {t('status.headOffice.unsynced', { count: link.unsynced })} ·{' '}
          {/* Tracking events beside the ledger count, never inside it: "0 to send" keeps meaning no money is missing at head office. */}
          {(link.trackingUnsynced ?? 0) > 0 && <>{t('status.headOffice.trackingUnsynced', { count: link.trackingUnsynced ?? 0 })} · </>}
          {(link.registerUnsynced ?? 0) > 0 && <span data-testid="status-register-unsynced">{t('status.headOffice.registerUnsynced', { count: link.registerUnsynced ?? 0 })} · </span>}
          {link.lastSuccessAt
            ? t('status.headOffice.lastSuccess', { time: dateTime(link.lastSuccessAt) })
            : t('status.headOffice.never')}
        </Text>
      )}
    </Group>
  );
}
