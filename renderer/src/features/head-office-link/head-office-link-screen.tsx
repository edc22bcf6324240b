import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Grid, Group, Loader, Stack } from '@mantine/core';
import type { HeadOfficeSettingsView, ReplicationLinkView } from '@shared/contract';
import { call } from '../../api';
import { ScreenHeader } from '../../components/screen-header';
import { useErrorText } from '../../components/use-error-text';
import { useI18n } from '../../i18n';
import { LinkSettingsForm } from './link-settings-form';
import { LinkStatusView } from './link-status-view';

/** How often the open screen re-reads the link: the cursors move while the technician watches. */
const REFRESH_MS = 3000;

/** The technician's head-office screen: the link as it runs, and its settings beside it. */
export function HeadOfficeLinkScreen({ onBack }: { onBack(): void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [link, setLink] = useState<ReplicationLinkView | null>(null);
  const [settings, setSettings] = useState<HeadOfficeSettingsView | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const reloadLink = useCallback(() => {
    call('replication.link', {})
      .then((view) => {
        setLink(view);
        setFailure(null);
      })
      .catch(setFailure);
  }, []);

  useEffect(() => {
    call('replication.settings', {}).then(setSettings).catch(setFailure);
    reloadLink();
    const timer = setInterval(reloadLink, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reloadLink]);

  return (
    <Stack p="md" data-testid="head-office-link">
      <ScreenHeader title={t('hoLink.title')} onBack={onBack} />
      {failure !== null && <Alert color="red">{errorText(failure)}</Alert>}
      <Grid>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack>
            {link ? <LinkStatusView link={link} /> : <Loader />}
            <Group>
              <Button variant="default" onClick={reloadLink} data-testid="link-refresh">
                {t('hoLink.refresh')}
              </Button>
            </Group>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          {settings ? (
            <LinkSettingsForm
              view={settings}
              onSaved={(next) => {
                setSettings(next);
                reloadLink();
              }}
            />
          ) : (
            <Loader />
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
