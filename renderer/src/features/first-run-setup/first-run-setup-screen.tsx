import { useState, type FormEvent } from 'react';
import { Alert, Button, Fieldset, Group, PasswordInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { LANGUAGES } from '@shared/roles';
import { call, isFailure } from '../../api';
import { ScreenHeader } from '../../components/screen-header';
import { useErrorText } from '../../components/use-error-text';
import { useI18n, type MessageKey } from '../../i18n';
import { useSession } from '../session/session-context';
import { useStatus } from '../status/status-context';
import { EMPTY_SETUP, fieldOfPath, invalidFields, toBranchSetup, type SetupField, type SetupFields } from './setup-form-state';

const issuePaths = (details: Record<string, unknown> | undefined): string[] => {
  const issues = details?.issues;
  return Array.isArray(issues) ? issues.map((issue: { path?: unknown }) => String(issue.path ?? '')) : [];
};

/** A technician replaces the demo branch with the real one; the host then ends every session. */
export function FirstRunSetupScreen({ onBack }: { onBack(): void }) {
  const { t } = useI18n();
  const status = useStatus();
  const { endSession } = useSession();
  const errorText = useErrorText();
  const [fields, setFields] = useState<SetupFields>(EMPTY_SETUP);
  const [invalid, setInvalid] = useState<Set<SetupField>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const set = (field: SetupField) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setFields((current) => ({ ...current, [field]: value }));
    // A corrected field stops being marked; the next submit checks everything again.
    setInvalid((current) => {
      const next = new Set(current);
      next.delete(field);
      return next;
    });
  };

  const input = (field: SetupField, label: MessageKey, secret = false) => {
    const Component = secret ? PasswordInput : TextInput;
    return (
      <Component
        label={t(label)}
        value={fields[field]}
        onChange={set(field)}
        error={invalid.has(field) ? t('setup.invalid') : undefined}
        autoComplete="off"
        data-testid={`setup-${field}`}
      />
    );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = invalidFields(fields);
    setInvalid(problems);
    if (problems.size > 0 || busy) return;
    setBusy(true);
    setError(null);
    try {
      await call('branch.setup', toBranchSetup(fields));
      endSession('setup.done');
    } catch (failure) {
      setError(failure);
      if (isFailure(failure, 'INVALID_INPUT')) {
        setInvalid(new Set(issuePaths(failure.details).flatMap((path) => fieldOfPath(path) ?? [])));
      }
    } finally {
      setBusy(false);
    }
  };

  if (!status.branch?.demo) {
    return (
      <Stack p="md">
        <ScreenHeader title={t('setup.title')} onBack={onBack} />
        <Alert color="blue">{t('setup.notDemo')}</Alert>
      </Stack>
    );
  }

  return (
    <form onSubmit={(event) => void submit(event)} data-testid="setup-form">
      <Stack p="md">
        <ScreenHeader title={t('setup.title')} onBack={onBack} />
        <Alert color="orange">{t('setup.intro')}</Alert>
        {error !== null && <Alert color="red">{errorText(error)}</Alert>}
        <Fieldset legend={t('setup.branch')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {input('code', 'setup.code')}
            {input('name', 'setup.name')}
            {input('country', 'setup.country')}
            {input('currency', 'setup.currency')}
            <Select
              label={t('setup.language')}
              data={LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) }))}
              value={fields.language}
              onChange={(value) => {
                const language = LANGUAGES.find((option) => option === value);
                if (language) setFields((current) => ({ ...current, language }));
              }}
              allowDeselect={false}
              data-testid="setup-language"
            />
          </SimpleGrid>
        </Fieldset>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Fieldset legend={t('setup.supervisor')}>
            {input('supervisorUsername', 'setup.username')}
            {input('supervisorName', 'setup.displayName')}
            {input('supervisorSecret', 'setup.secret', true)}
          </Fieldset>
          <Fieldset legend={t('setup.technician')}>
            {input('technicianUsername', 'setup.username')}
            {input('technicianName', 'setup.displayName')}
            {input('technicianSecret', 'setup.secret', true)}
          </Fieldset>
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={busy} data-testid="setup-submit">
            {t('setup.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
