import { Badge, Button, Group, Text } from '@mantine/core';
import type { UserView } from '@shared/contract';
import type { Language } from '@shared/roles';
import { useStatus } from '../features/status/status-context';
import { useI18n } from '../i18n';
import { DemoBadge } from './demo-badge';
import { DevicesState } from './devices-state';
import { HeadOfficeState } from './head-office-state';
import { LanguageSwitcher } from './language-switcher';
import { StorageState } from './storage-state';

interface Props {
  /** Absent on the sign-in screen: branch and links only. */
  user?: UserView;
  onLanguage(language: Language): void;
  onLock?(): void;
  onSignOut?(): void;
}

/** Branch, user, tills, head-office link and devices: what a counter must always see. */
export function StatusBar({ user, onLanguage, onLock, onSignOut }: Props) {
  const status = useStatus();
  const { t } = useI18n();
  const branch = status.branch;
  return (
    <Group justify="space-between" px="md" py={6} gap="sm" wrap="wrap" data-testid="status-bar">
      <Group gap="sm" wrap="nowrap">
        {branch && (
          <Text fw={700} data-testid="status-branch">
            {branch.code} · {branch.name}
          </Text>
        )}
        {branch?.demo && <DemoBadge />}
      </Group>
      <Group gap="md" wrap="wrap">
        {user && (
          <Group gap={6} wrap="nowrap" data-testid="status-till">
            <Text size="sm" fw={600}>
              {t('status.till')}
            </Text>
            <Badge variant="light" color={status.tillsOpen > 0 ? 'green' : 'gray'}>
              {status.tillsOpen > 0 ? t('status.till.open', { count: status.tillsOpen }) : t('status.till.none')}
            </Badge>
          </Group>
        )}
        <HeadOfficeState link={status.headOffice} />
        <DevicesState devices={status.devices} />
        <StorageState storage={status.storage} />
      </Group>
      <Group gap="sm" wrap="nowrap">
        {user && (
          <Text size="sm" data-testid="status-user">
            <b>{user.displayName}</b> · {t(`role.${user.role}`)}
          </Text>
        )}
        <LanguageSwitcher onChange={onLanguage} />
        {onLock && (
          <Button size="xs" variant="light" onClick={onLock} data-testid="lock-button">
            {t('status.lock')}
          </Button>
        )}
        {onSignOut && (
          <Button size="xs" variant="outline" color="red" onClick={onSignOut} data-testid="sign-out-button">
            {t('status.signOut')}
          </Button>
        )}
      </Group>
    </Group>
  );
}
