import { useState } from 'react';
import { Alert, Button, Stack, Text } from '@mantine/core';
import { ApprovalCancelled, useApprovedCall } from '../../components/approval';
import { useI18n } from '../../i18n';

interface Props {
  username: string;
  onUnlocked(): void;
  onError(error: unknown): void;
}

/** A locked-out clerk does not wait for the back office: the manager unlocks at this window. */
export function LockedAccountNotice({ username, onUnlocked, onError }: Props) {
  const { t } = useI18n();
  const approvedCall = useApprovedCall();
  const [busy, setBusy] = useState(false);

  const unlock = async () => {
    setBusy(true);
    try {
      await approvedCall('users.unlockAccount', { username });
      onUnlocked();
    } catch (error) {
      if (!(error instanceof ApprovalCancelled)) onError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Alert color="orange" title={t('signIn.locked.title')} data-testid="sign-in-locked">
      <Stack gap="xs">
        <Text size="sm">{t('signIn.locked.body', { username })}</Text>
        <Button size="xs" variant="filled" color="orange" loading={busy} onClick={() => void unlock()} data-testid="supervisor-unlock">
          {t('signIn.locked.unlock')}
        </Button>
      </Stack>
    </Alert>
  );
}
