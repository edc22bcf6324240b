import { useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Stack, Table, Tabs, Title } from '@mantine/core';
import { ScreenHeader } from '../../components/screen-header';
import { useI18n } from '../../i18n';
import { useCallData } from '../till/use-call-data';
import { useFailureText } from '../till/use-failure-text';
import { DayClosePanel } from './day-close-panel';
import { GiveFloatForm } from './give-float-form';
import { SafePanel } from './safe-panel';
import { TillDetail } from './till-detail';

type Tab = 'tills' | 'safe' | 'day';

/** The branch manager's cash office: floats, tills, the safe and the day close. */
export function SupervisorCashScreen({ onBack }: { onBack(): void }) {
  const { t, money, tryT } = useI18n();
  const failureText = useFailureText();
  const [tab, setTab] = useState<Tab>('tills');
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const config = useCallData('till.config', {});
  const tills = useCallData('till.list', { status: 'all', limit: 50 }, version);
  const changed = () => setVersion((n) => n + 1);
  // Picking a till reads it again: nothing here is pushed live from the host.
  const pick = (sessionId: string) => {
    setSelected(sessionId);
    changed();
  };
  const current = tills.data?.find((session) => session.sessionId === selected) ?? null;

  if (config.error !== null) return <Alert color="red">{failureText(config.error)}</Alert>;
  return (
    <Stack p="md" data-testid="cash-office">
      <ScreenHeader title={t('cashOffice.title')} onBack={onBack} />
      {!config.data ? (
        <Loader size="sm" />
      ) : (
        <Tabs value={tab} onChange={(value) => setTab(value === 'safe' || value === 'day' ? value : 'tills')} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="tills" data-testid="tab-tills">
              {t('cashOffice.tills')}
            </Tabs.Tab>
            <Tabs.Tab value="safe" data-testid="tab-safe">
              {t('cashOffice.safe')}
            </Tabs.Tab>
            <Tabs.Tab value="day" data-testid="tab-day">
              {t('cashOffice.day')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="tills" pt="md">
            <Stack>
              <Title order={4}>{t('float.title')}</Title>
              <GiveFloatForm
                config={config.data}
                onOpened={(session) => {
                  setSelected(session.sessionId);
                  changed();
                }}
              />
              <Group justify="space-between">
                <Title order={4}>{t('tills.title')}</Title>
                <Button variant="default" size="xs" onClick={changed} loading={tills.loading} data-testid="tills-refresh">
                  {t('tills.refresh')}
                </Button>
              </Group>
              {tills.error !== null && <Alert color="red">{failureText(tills.error)}</Alert>}
              <Table withTableBorder striped highlightOnHover data-testid="tills-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('float.till')}</Table.Th>
                    <Table.Th>{t('float.clerk')}</Table.Th>
                    <Table.Th>{t('tills.status')}</Table.Th>
                    <Table.Th>{t('tills.expected')}</Table.Th>
                    <Table.Th>{t('pending.title')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(tills.data ?? []).map((session) => (
                    <Table.Tr
                      key={session.sessionId}
                      onClick={() => pick(session.sessionId)}
                      onKeyDown={(event) => event.key === 'Enter' && pick(session.sessionId)}
                      tabIndex={0}
                      style={{ cursor: 'pointer' }}
                      bg={session.sessionId === selected ? 'var(--mantine-color-blue-light)' : undefined}
                      data-testid={`till-row-${session.tillId}`}
                      data-status={session.status}
                    >
                      <Table.Td>{session.tillId}</Table.Td>
                      <Table.Td>{session.clerk}</Table.Td>
                      <Table.Td>
                        <Badge variant="light">{tryT(`till.status.${session.status}`, session.status)}</Badge>
                      </Table.Td>
                      <Table.Td dir="ltr">{money(session.expectedCash.minor)}</Table.Td>
                      {/* Money on its way, not a count of transfers: what the supervisor must account for. */}
                      <Table.Td dir="ltr" data-testid={`till-pending-${session.tillId}`} data-minor={session.pending.reduce((sum, item) => sum + item.amount.minor, 0)}>
                        {session.pending.length > 0 ? money(session.pending.reduce((sum, item) => sum + item.amount.minor, 0)) : '—'}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {current && <TillDetail key={current.sessionId} session={current} config={config.data} version={version} onChanged={changed} />}
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="safe" pt="md">
            <SafePanel config={config.data} version={version} onChanged={changed} />
          </Tabs.Panel>
          <Tabs.Panel value="day" pt="md">
            <DayClosePanel config={config.data} version={version} onChanged={changed} />
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}
