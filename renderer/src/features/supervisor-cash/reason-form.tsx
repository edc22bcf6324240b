import { useState, type FormEvent } from 'react';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useI18n } from '../../i18n';

interface Props {
  prompt: string;
  submitLabel: string;
  busy: boolean;
  onSubmit(reason: string): void;
  onCancel(): void;
  testId: string;
}

/** Corrections always say why: at least three characters, kept with the entry for ever. */
export function ReasonForm({ prompt, submitLabel, busy, onSubmit, onCancel, testId }: Props) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3) return setTooShort(true);
    onSubmit(reason.trim());
  };
  return (
    <form onSubmit={submit} data-testid={testId}>
      <Stack gap="xs" maw={520}>
        <Text size="sm">{prompt}</Text>
        <TextInput
          label={t('reason.label')}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={tooShort ? t('reason.tooShort') : null}
          maxLength={500}
          autoFocus
          data-testid={`${testId}-reason`}
        />
        <Group>
          <Button type="submit" color="red" loading={busy} data-testid={`${testId}-submit`}>
            {submitLabel}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={busy}>
            {t('cash.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
