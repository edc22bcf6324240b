import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import type { ApprovalCredentials } from '@shared/contract';
import { useActionName } from '../action-words';
import { useI18n } from '../../i18n';

interface Props {
  action: string;
  /** Why the last attempt was refused, already translated. */
  refusal: string | null;
  busy: boolean;
  onSubmit(credentials: ApprovalCredentials): void;
  onCancel(): void;
}

/** The supervisor keys in their own username and PIN at the clerk's window. */
export function ApprovalDialog({ action, refusal, busy, onSubmit, onCancel }: Props) {
  const { t, tryT } = useI18n();
  const actionName = useActionName();
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (username.trim() === '' || secret === '') return;
    onSubmit({ username: username.trim().toLowerCase(), secret });
    // The PIN is never kept on screen after a try.
    setSecret('');
  };

  // Never the code (`till.close`): its name from the approval or action catalog.
  const actionText = tryT(`approval.action.${action}`, actionName(action));
  return (
    <Modal opened onClose={onCancel} title={t('approval.title')} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} data-testid="approval-dialog">
        <Stack>
          <Text>{t('approval.body', { action: actionText })}</Text>
          {refusal && (
            <Alert color="red" data-testid="approval-error" role="alert">
              {refusal}
            </Alert>
          )}
          <TextInput
            label={t('approval.username')}
            value={username}
            onChange={(event) => setUsername(event.currentTarget.value)}
            autoComplete="off"
            data-autofocus
            dir="ltr"
            data-testid="approval-username"
          />
          <PasswordInput
            label={t('approval.secret')}
            value={secret}
            onChange={(event) => setSecret(event.currentTarget.value)}
            autoComplete="off"
            data-testid="approval-secret"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('approval.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="approval-submit">
              {t('approval.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
