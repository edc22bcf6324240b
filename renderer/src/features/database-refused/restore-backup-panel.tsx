import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Code, Paper, PasswordInput, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import type { Output } from '@shared/contract';
import { call } from '../../api';
import { useErrorText } from '../../components/use-error-text';
import { useI18n } from '../../i18n';

/**
 * The way back from a missing or damaged database: the checked backups, newest
 * first, and the technician's or supervisor's own PIN as that backup holds it.
 * Once restored the host reopens the counter and the status takes this screen away.
 */
export function RestoreBackupPanel() {
  const { t, dateTime } = useI18n();
  const errorText = useErrorText();
  const [list, setList] = useState<Output<'backup.list'> | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  useEffect(() => {
    call('backup.list', {}).then(
      (answer) => {
        setList(answer);
        setChosen(answer.backups[0]?.file ?? null);
      },
      setError,
    );
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen || busy) return;
    setBusy(true);
    setError(null);
    try {
      await call('backup.restore', { file: chosen, username: username.trim().toLowerCase(), secret });
      setDone(true);
    } catch (failure) {
      setError(failure);
      setSecret('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" data-testid="restore-backup">
      <form onSubmit={(event) => void submit(event)}>
        <Stack>
          <Title order={2} size="h3">{t('restore.title')}</Title>
          <Text>{t('restore.body')}</Text>
          {error !== null && <Alert color="red" role="alert" data-testid="restore-error">{errorText(error)}</Alert>}
          {done && <Alert color="green" data-testid="restore-done">{t('restore.done')}</Alert>}
          {list && list.backups.length === 0 && <Alert color="orange" data-testid="restore-none">{t('restore.none')}</Alert>}
          {list && list.backups.length > 0 && (
            <Radio.Group value={chosen} onChange={setChosen} label={t('restore.backup')}>
              <Stack gap="xs" mt="xs">
                {list.backups.map((backup) => (
                  <Radio
                    key={backup.file}
                    value={backup.file}
                    data-testid="restore-choice"
                    label={`${t('restore.takenAt')} ${dateTime(backup.takenAt)} · ${t('restore.lastSeq')} ${backup.lastSeq}`}
                    description={<Code dir="ltr">{backup.folder}</Code>}
                  />
                ))}
              </Stack>
            </Radio.Group>
          )}
          {list?.unusable.map((bad) => (
            <Text key={bad.file} size="sm" c="dimmed" dir="ltr">{`${bad.file}: ${bad.problem}`}</Text>
          ))}
          <TextInput label={t('restore.username')} data-testid="restore-username" value={username} onChange={(e) => setUsername(e.currentTarget.value)} dir="ltr" autoComplete="username" />
          <PasswordInput label={t('restore.secret')} data-testid="restore-secret" value={secret} onChange={(e) => setSecret(e.currentTarget.value)} autoComplete="current-password" />
          <Button type="submit" color="red" data-testid="restore-submit" loading={busy} disabled={!chosen || username === '' || secret === '' || done}>
            {t('restore.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
