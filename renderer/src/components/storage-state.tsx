import { Badge, Tooltip } from '@mantine/core';
import type { CounterStatus } from '@shared/contract';
import { useI18n } from '../i18n';

/**
 * Shown only when something is wrong with the disk: the log fell back to stderr
 * (full or read-only disk) or the last backup failed in some folder (USB disk out).
 */
export function StorageState({ storage }: { storage: CounterStatus['storage'] }) {
  const { t } = useI18n();
  if (!storage) return null;
  return (
    <>
      {storage.log === 'stderr' && (
        <Tooltip label={storage.logError ?? ''}>
          <Badge color="red" variant="filled" data-testid="status-log-stderr">
            {t('status.storage.logStderr')}
          </Badge>
        </Tooltip>
      )}
      {storage.backupError && (
        <Tooltip label={storage.backupError}>
          <Badge color="orange" variant="light" data-testid="status-backup-failed">
            {t('status.storage.backupFailed')}
          </Badge>
        </Tooltip>
      )}
    </>
  );
}
