import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { isFailure } from '../../api';
import { StatusBar } from '../../components/status-bar';
import { useErrorText } from '../../components/use-error-text';
import { useI18n, type MessageKey } from '../../i18n';
import { useSession } from '../session/session-context';
import { LockedAccountNotice } from './locked-account-notice';

/** Keyboard alone: the username has focus, Tab to the PIN, Enter signs in. */
export function SignInScreen({ notice }: { notice: MessageKey | null }) {
  const { t } = useI18n();
  const { signIn, changeLanguage } = useSession();
  const errorText = useErrorText();
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [lockedUser, setLockedUser] = useState<string | null>(null);
  const [unlockedUser, setUnlockedUser] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Counts refusals so the same message twice is still seen as a new answer (screen readers, tests).
  const [refusals, setRefusals] = useState(0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const name = username.trim().toLowerCase();
    if (name === '' || secret === '' || busy) return;
    setBusy(true);
    setError(null);
    setUnlockedUser(null);
    try {
      await signIn(name, secret);
    } catch (failure) {
      setError(failure);
      setRefusals((count) => count + 1);
      setLockedUser(isFailure(failure, 'ACCOUNT_LOCKED') ? name : null);
      setSecret('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap={0} mih="100vh">
      <StatusBar onLanguage={(language) => void changeLanguage(language)} />
      <Center flex={1} p="md">
        <Paper withBorder shadow="sm" p="xl" w={420} maw="100%">
          <form onSubmit={(event) => void submit(event)} data-testid="sign-in-form">
            <Stack>
              <Title order={2}>{t('signIn.title')}</Title>
              {notice && <Alert color="blue">{t(notice)}</Alert>}
              {unlockedUser && (
                <Alert color="green" data-testid="sign-in-unlocked">
                  {t('signIn.unlocked', { username: unlockedUser })}
                </Alert>
              )}
              {error !== null && (
                <Alert color="red" role="alert" data-testid="sign-in-error" data-refusals={refusals}>
                  {errorText(error)}
                </Alert>
              )}
              {lockedUser && (
                <LockedAccountNotice
                  username={lockedUser}
                  onUnlocked={() => {
                    setUnlockedUser(lockedUser);
                    setLockedUser(null);
                    setError(null);
                  }}
                  onError={setError}
                />
              )}
              <TextInput
                label={t('signIn.username')}
                value={username}
                onChange={(event) => setUsername(event.currentTarget.value)}
                autoFocus
                autoComplete="username"
                autoCapitalize="none"
                dir="ltr"
                spellCheck={false}
                data-testid="sign-in-username"
              />
              <PasswordInput
                label={t('signIn.secret')}
                value={secret}
                onChange={(event) => setSecret(event.currentTarget.value)}
                autoComplete="current-password"
                data-testid="sign-in-secret"
              />
              <Button type="submit" loading={busy} data-testid="sign-in-submit">
                {t('signIn.submit')}
              </Button>
              <Text size="xs" c="dimmed">
                {t('signIn.hint')}
              </Text>
            </Stack>
          </form>
        </Paper>
      </Center>
    </Stack>
  );
}
