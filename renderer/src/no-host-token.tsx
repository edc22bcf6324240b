import { Alert, Center } from '@mantine/core';
import { I18nProvider, useI18n } from './i18n';

function Message() {
  const { t } = useI18n();
  return (
    <Center mih="100vh" p="md">
      <Alert color="red" maw={560} data-testid="no-host-token">
        {t('app.noToken')}
      </Alert>
    </Center>
  );
}

/** The browser host's page opened without its token: say how to get in instead of failing blank. */
export function NoHostToken() {
  return (
    <I18nProvider country={undefined} currency={undefined} branchLanguage={undefined}>
      <Message />
    </I18nProvider>
  );
}
