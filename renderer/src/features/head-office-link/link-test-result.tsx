import { Alert, Code, Group, Text } from '@mantine/core';
import type { LinkTestResult } from '@shared/contract';
import { useI18n } from '../../i18n';

/** The test's verdict translated, with head office's own words (English, for support) beneath. */
export function LinkTestResultView({ result }: { result: LinkTestResult }) {
  const { t } = useI18n();
  return (
    <Alert color={result.ok ? 'green' : 'red'} title={t(`hoLink.outcome.${result.outcome}`)} data-testid="link-test-result" data-outcome={result.outcome}>
      <Code block dir="ltr">
        {result.message}
      </Code>
      <Group gap="md" mt={4}>
        {result.outcome === 'connected' && <Text size="xs">{result.tls ? t('hoLink.test.tls', { protocol: result.tls }) : t('hoLink.test.noTls')}</Text>}
        <Text size="xs" dir="ltr">
          {t('hoLink.test.elapsed', { ms: result.elapsedMs })}
        </Text>
      </Group>
    </Alert>
  );
}
