import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, PasswordInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { SslMode, type HeadOfficeSettingsView, type LinkTestResult } from '@shared/contract';
import { call, isFailure } from '../../api';
import { useErrorText } from '../../components/use-error-text';
import { useI18n, type MessageKey } from '../../i18n';
import { CertificateInput } from './certificate-input';
import { checkLink, fieldOfPath, fieldsOf, type LinkField, type LinkFields, type PasswordFrom } from './link-form-state';
import { LinkTestResultView } from './link-test-result';

const issuePaths = (details: Record<string, unknown> | undefined): string[] => {
  const issues = details?.issues;
  return Array.isArray(issues) ? issues.map((issue: { path?: unknown }) => String(issue.path ?? '')) : [];
};

interface Props {
  view: HeadOfficeSettingsView;
  onSaved(view: HeadOfficeSettingsView): void;
}

/** The technician's settings: checked with the contract's schema, tested, then saved and applied. */
export function LinkSettingsForm({ view, onSaved }: Props) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [fields, setFields] = useState<LinkFields>(() => fieldsOf(view.settings));
  const [invalid, setInvalid] = useState<Set<LinkField>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [tested, setTested] = useState<LinkTestResult | null>(null);
  const [saved, setSaved] = useState(false);
  const passwordStored = view.settings.mode === 'configured' && view.settings.password.source === 'stored';
  const keyStored = view.settings.mode === 'configured' && view.settings.clientKey.source === 'stored';

  const set = <F extends LinkField>(field: F, value: LinkFields[F]) => {
    setFields((current) => ({ ...current, [field]: value }));
    setSaved(false);
    setInvalid((current) => {
      const next = new Set(current);
      next.delete(field);
      return next;
    });
  };
  const mark = (field: LinkField) => (invalid.has(field) ? t('hoLink.form.invalid') : undefined);
  const text = (field: 'host' | 'port' | 'database' | 'user', label: MessageKey) => (
    <TextInput label={t(label)} value={fields[field]} onChange={(event) => set(field, event.currentTarget.value)} error={mark(field)} dir="ltr" data-testid={`link-${field}`} />
  );

  /** Checks locally, then runs `action` with the draft; the host's INVALID_INPUT marks the same fields. */
  const run = async (kind: 'test' | 'save', event?: FormEvent) => {
    event?.preventDefault();
    const checked = checkLink(fields);
    if (!checked.ok) return setInvalid(checked.invalid);
    setBusy(kind);
    setError(null);
    setSaved(false);
    try {
      if (kind === 'test') {
        setTested(await call('replication.testConnection', checked.draft));
      } else {
        const next = await call('replication.saveSettings', checked.draft);
        setFields(fieldsOf(next.settings));
        setSaved(true);
        onSaved(next);
      }
    } catch (failure) {
      setError(failure);
      if (isFailure(failure, 'INVALID_INPUT')) setInvalid(new Set(issuePaths(failure.details).flatMap((path) => fieldOfPath(path) ?? [])));
    } finally {
      setBusy(null);
    }
  };

  const configured = fields.mode === 'configured';
  const passwordChoices: PasswordFrom[] = passwordStored ? ['stored', 'new', 'none'] : ['new', 'none'];
  const weak = fields.sslmode !== 'verify-full';

  return (
    <form onSubmit={(event) => void run('save', event)} data-testid="link-form" noValidate>
      <Stack>
        <Title order={3}>{t('hoLink.form.title')}</Title>
        {view.secretProtection === 'none' ? (
          <Alert color="orange" data-testid="link-protection">
            {t('hoLink.protection.none', { file: view.secretFile })}
          </Alert>
        ) : (
          <Text size="sm" data-testid="link-protection">
            {t('hoLink.protection.os')}
          </Text>
        )}
        {view.source === 'startup' && <Alert color="blue">{t('hoLink.origin.startup')}</Alert>}
        <SegmentedControl
          value={fields.mode}
          onChange={(value) => set('mode', value as LinkFields['mode'])}
          data={(['configured', 'demo', 'none'] as const).map((mode) => ({ value: mode, label: t(`hoLink.mode.${mode}`) }))}
          data-testid="link-mode"
        />
        {configured && (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {text('host', 'hoLink.form.host')}
              {text('port', 'hoLink.form.port')}
              {text('database', 'hoLink.form.database')}
              {text('user', 'hoLink.form.user')}
            </SimpleGrid>
            <Select
              label={t('hoLink.form.sslmode')}
              data={SslMode.options.map((mode) => ({ value: mode, label: t(`hoLink.sslmode.${mode}`) }))}
              value={fields.sslmode}
              onChange={(value) => value && set('sslmode', value as LinkFields['sslmode'])}
              allowDeselect={false}
              data-testid="link-sslmode"
            />
            {weak && (
              <Alert color="orange" data-testid="link-weak-tls">
                {t('hoLink.sslmode.weak')}
              </Alert>
            )}
            <CertificateInput
              label="hoLink.form.ca"
              from={fields.caFrom}
              choices={['none', 'file', 'pem'] as const}
              path={fields.caPath}
              pem={fields.caPem}
              onFrom={(from) => set('caFrom', from)}
              onPath={(path) => set('caPath', path)}
              onPem={(pem) => set('caPem', pem)}
              invalid={{ from: invalid.has('caFrom'), path: invalid.has('caPath'), pem: invalid.has('caPem') }}
              testId="link-ca"
            />
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <CertificateInput
                label="hoLink.form.cert"
                from={fields.certFrom}
                choices={['none', 'file', 'pem'] as const}
                path={fields.certPath}
                pem={fields.certPem}
                onFrom={(from) => set('certFrom', from)}
                onPath={(path) => set('certPath', path)}
                onPem={(pem) => set('certPem', pem)}
                invalid={{ from: invalid.has('certFrom'), path: invalid.has('certPath'), pem: invalid.has('certPem') }}
                testId="link-cert"
              />
              <CertificateInput
                label="hoLink.form.key"
                from={fields.keyFrom}
                choices={keyStored ? (['stored', 'none', 'file', 'pem'] as const) : (['none', 'file', 'pem'] as const)}
                path={fields.keyPath}
                pem={fields.keyPem}
                onFrom={(from) => set('keyFrom', from)}
                onPath={(path) => set('keyPath', path)}
                onPem={(pem) => set('keyPem', pem)}
                invalid={{ from: invalid.has('keyFrom'), path: invalid.has('keyPath'), pem: invalid.has('keyPem') }}
                testId="link-key"
              />
            </SimpleGrid>
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('hoLink.form.password')}
              </Text>
              <SegmentedControl
                value={fields.passwordFrom}
                onChange={(value) => set('passwordFrom', value as PasswordFrom)}
                data={passwordChoices.map((choice) => ({ value: choice, label: t(`hoLink.password.${choice}`) }))}
                data-testid="link-password-from"
              />
              {fields.passwordFrom === 'new' && (
                <PasswordInput
                  label={t('hoLink.form.newPassword')}
                  value={fields.password}
                  onChange={(event) => set('password', event.currentTarget.value)}
                  error={mark('password')}
                  autoComplete="new-password"
                  dir="ltr"
                  data-testid="link-password"
                />
              )}
            </Stack>
          </>
        )}
        {error !== null && (
          <Alert color="red" data-testid="link-form-error">
            {errorText(error)}
          </Alert>
        )}
        {tested && <LinkTestResultView result={tested} />}
        {saved && (
          <Alert color="green" data-testid="link-saved">
            {t('hoLink.saved')}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => void run('test')} loading={busy === 'test'} disabled={busy !== null} data-testid="link-test">
            {t('hoLink.form.test')}
          </Button>
          <Button type="submit" loading={busy === 'save'} disabled={busy !== null} data-testid="link-save">
            {t('hoLink.form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
