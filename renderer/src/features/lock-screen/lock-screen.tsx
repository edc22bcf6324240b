import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import type { UserView } from '@shared/contract';
import { StatusBar } from '../../components/status-bar';
import { useErrorText } from '../../components/use-error-text';
import { useI18n } from '../../i18n';
import { useSession } from '../session/session-context';

/** PIN only: the user stays the same; anyone else must sign the session out first. */
export function LockScreen({ user }: { user: UserView }) {
  const { t } = useI18n();
  const { unlock, signOut, changeLanguage } = useSession();
  const errorText = useErrorText();
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (secret === '' || busy) return;
    setBusy(true);
    try {
      await unlock(secret);
    } catch (failure) {
      setError(failure);
      setSecret('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap={0} mih="100vh">
      <StatusBar user={user} onLanguage={(language) => void changeLanguage(language)} />
      <Center flex={1} p="md">
        <Paper withBorder shadow="sm" p="xl" w={420} maw="100%">
          <form onSubmit={(event) => void submit(event)} data-testid="lock-screen">
            <Stack>
              <Title order={2}>{t('lock.title')}</Title>
              <Text>{t('lock.body', { name: user.displayName })}</Text>
              {error !== null && (
                <Alert color="red" role="alert" data-testid="lock-error">
                  {errorText(error)}
                </Alert>
              )}
              <PasswordInput
                label={t('lock.secret')}
                value={secret}
                onChange={(event) => setSecret(event.currentTarget.value)}
                autoFocus
                autoComplete="current-password"
                data-testid="lock-secret"
              />
              <Group justify="space-between">
                <Button variant="subtle" color="red" onClick={() => void signOut()} data-testid="lock-sign-out">
                  {t('lock.signOut')}
                </Button>
                <Button type="submit" loading={busy} data-testid="lock-submit">
                  {t('lock.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      </Center>
    </Stack>
  );
}
