import { Alert, Code, Container, Stack, Text, Title } from '@mantine/core';
import type { CounterStatus } from '@shared/contract';
import { FactTable } from '../../components/fact-table';
import { LanguageSwitcher } from '../../components/language-switcher';
import { useI18n } from '../../i18n';
import { RestoreBackupPanel } from './restore-backup-panel';

/** A backup mends a lost or damaged file, not a read-only disk nor a file from a newer version. */
const RESTORABLE = new Set(['missing', 'corrupt', 'unreadable']);

/**
 * No sign-in form at all: nothing may be traded on a file that failed its
 * check. The screen tells the clerk what happened and the technician what to do.
 */
export function DatabaseRefusedScreen({ refusal }: { refusal: NonNullable<CounterStatus['refusal']> }) {
  const { t, setLanguage } = useI18n();
  return (
    <Container size="md" py="xl" data-testid="database-refused">
      <Stack>
        <LanguageSwitcher onChange={setLanguage} />
        <Alert color="red" variant="filled" title={<Title order={1} size="h2">{t('refused.title')}</Title>}>
          <Text>{t('refused.body')}</Text>
        </Alert>
        <FactTable
          facts={[
            { label: t('refused.reason'), value: t(`refused.reason.${refusal.reason}`), testId: 'refused-reason' },
            { label: t('refused.file'), value: <Code dir="ltr">{refusal.file}</Code>, testId: 'refused-file' },
            { label: t('refused.detail'), value: <Code dir="ltr">{refusal.detail}</Code> },
          ]}
        />
        <Alert color="blue" title={t('refused.todo.title')}>
          {t('refused.todo.body')}
        </Alert>
        {RESTORABLE.has(refusal.reason) && <RestoreBackupPanel />}
      </Stack>
    </Container>
  );
}
