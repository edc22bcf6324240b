import { Alert, Loader, Stack, Tabs } from '@mantine/core';
import { ScreenHeader } from '../../components/screen-header';
import { useI18n } from '../../i18n';
import { PickupPanel } from '../pickup/pickup-panel';
import { TrackingPanel } from '../tracking/tracking-panel';
import { useCallData } from '../till/use-call-data';
import { AcceptanceDesk } from './acceptance-desk';
import { useMailFailureText } from './use-mail-failure-text';

/** The clerk's parcels tile: acceptance, tracking, e-commerce pickup. */
export function ParcelsScreen({ onBack }: { onBack(): void }) {
  const { t } = useI18n();
  const failureText = useMailFailureText();
  const catalog = useCallData('mail.catalog', {});
  const mine = useCallData('till.mine', {});
  const config = useCallData('till.config', {});
  const error = catalog.error ?? mine.error ?? config.error;
  const open = mine.data?.status === 'open' ? mine.data.sessionId : null;
  return (
    <Stack p="md" data-testid="parcels-screen">
      <ScreenHeader title={t('mail.title')} onBack={onBack} />
      {error !== null && <Alert color="red">{failureText(error)}</Alert>}
      <Tabs defaultValue="accept" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="accept" data-testid="tab-accept">{t('mail.tab.accept')}</Tabs.Tab>
          <Tabs.Tab value="tracking" data-testid="tab-tracking">{t('mail.tab.tracking')}</Tabs.Tab>
          <Tabs.Tab value="pickup" data-testid="tab-pickup">{t('mail.tab.pickup')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="accept" pt="sm">
          {!catalog.data || !config.data || mine.loading ? <Loader size="sm" /> : open ? <AcceptanceDesk catalog={catalog.data} sessionId={open} config={config.data} /> : <Alert color="blue" data-testid="mail-no-till">{t('mail.noTill')}</Alert>}
        </Tabs.Panel>
        <Tabs.Panel value="tracking" pt="sm">
          <TrackingPanel />
        </Tabs.Panel>
        <Tabs.Panel value="pickup" pt="sm">
          {open ? <PickupPanel sessionId={open} /> : <Alert color="blue">{t('mail.noTill')}</Alert>}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
