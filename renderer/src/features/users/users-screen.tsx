import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Stack, Table } from '@mantine/core';
import type { UserAccount } from '@shared/contract';
import { call } from '../../api';
import { ApprovalCancelled, useApprovedCall } from '../../components/approval';
import { ScreenHeader } from '../../components/screen-header';
import { useErrorText } from '../../components/use-error-text';
import { useI18n } from '../../i18n';

/** The branch manager's list of accounts, with the one action this stage offers: lift a lockout. */
export function UsersScreen({ onBack }: { onBack(): void }) {
  const { t, dateTime } = useI18n();
  const errorText = useErrorText();
  const approvedCall = useApprovedCall();
  const [users, setUsers] = useState<UserAccount[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // Bumped to reload the list after an unlock.
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    call('users.list', {}).then(
      (list) => current && setUsers(list),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [version]);

  const unlock = async (username: string) => {
    setError(null);
    try {
      // A supervisor's own session approves; the flow still handles a dialog if the host asks.
      await approvedCall('users.unlockAccount', { username });
      setNotice(t('users.unlocked', { username }));
      setVersion((n) => n + 1);
    } catch (failure) {
      if (!(failure instanceof ApprovalCancelled)) setError(failure);
    }
  };

  return (
    <Stack p="md" data-testid="users-screen">
      <ScreenHeader title={t('users.title')} onBack={onBack} />
      {notice && <Alert color="green">{notice}</Alert>}
      {error !== null && <Alert color="red">{errorText(error)}</Alert>}
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('users.col.username')}</Table.Th>
            <Table.Th>{t('users.col.name')}</Table.Th>
            <Table.Th>{t('users.col.role')}</Table.Th>
            <Table.Th>{t('users.col.state')}</Table.Th>
            <Table.Th>{t('users.col.failures')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr key={user.id} data-testid={`user-${user.username}`}>
              <Table.Td dir="ltr">{user.username}</Table.Td>
              <Table.Td>{user.displayName}</Table.Td>
              <Table.Td>{t(`role.${user.role}`)}</Table.Td>
              <Table.Td>
                {user.lockedAt ? (
                  <Badge color="red">{t('users.state.locked', { time: dateTime(user.lockedAt) })}</Badge>
                ) : (
                  <Badge color="green" variant="light">
                    {t('users.state.active')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{user.failedAttempts}</Table.Td>
              <Table.Td>
                {user.lockedAt && (
                  <Button size="xs" onClick={() => void unlock(user.username)} data-testid={`unlock-${user.username}`}>
                    {t('users.unlock')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
