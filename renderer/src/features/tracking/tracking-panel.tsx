import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import type { Output } from '@shared/contract';
import { checkS10 } from '@shared/s10';
import { uuid7 } from '@shared/uuid7';
import { call } from '../../api';
import { useI18n } from '../../i18n';
import { useMailFailureText } from '../mail/use-mail-failure-text';
import { useScan } from '../scanning/use-scan';
import { useCallData } from '../../hooks/use-call-data';

type FoundEvent = Output<'tracking.lookup'>['events'][number];

/** Look an item up by scanning or typing its S10 number; record what happened to it at this counter. */
export function TrackingPanel() {
  const { t, language, dateTime } = useI18n();
  const failureText = useMailFailureText();
  const codes = useCallData('tracking.codes', {});
  const [typed, setTyped] = useState('');
  const [found, setFound] = useState<Output<'tracking.lookup'> | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reprinted, setReprinted] = useState(false);

  const lookup = async (value: string) => {
    setError(null);
    setFound(null);
    setReprinted(false);
    // A wrong check digit is refused here at once, before the host is asked.
    const checked = checkS10(value);
    if (!checked.ok) return setError(t(checked.problem === 'check-digit' ? 'mail.rule.s10-check-digit' : 'mail.rule.s10-format'));
    try {
      setFound(await call('tracking.lookup', { s10: checked.s10 }));
    } catch (failure) {
      setError(failureText(failure));
    }
  };
  useScan((scan) => {
    setTyped(scan.code);
    void lookup(scan.code);
  });
  // Where each event came from: this counter, another branch or head office itself (through head office).
  const origin = (event: FoundEvent) =>
    event.source === 'counter'
      ? t('tracking.origin.here')
      : event.recordedBy
        ? t('tracking.origin.branch', { branch: event.recordedBy })
        : t('tracking.origin.headOffice');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void lookup(typed);
  };
  const record = async () => {
    if (!found || !code) return;
    try {
      await call('tracking.record', { eventId: uuid7(), s10: found.s10, code });
      await lookup(found.s10);
    } catch (failure) {
      setError(failureText(failure));
    }
  };

  // Another copy of the item's label (torn, smudged): audited by the host, refused for a voided acceptance.
  const reprintLabel = async () => {
    if (!found) return;
    setError(null);
    try {
      await call('mail.reprint', { s10: found.s10 });
      setReprinted(true);
    } catch (failure) {
      setError(failureText(failure));
    }
  };

  return (
    <Stack data-testid="tracking-panel">
      <form onSubmit={submit}>
        <Group align="flex-end">
          <TextInput label={t('tracking.s10')} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} dir="ltr" data-testid="tracking-s10" />
          <Button type="submit" data-testid="tracking-lookup">{t('tracking.lookup')}</Button>
        </Group>
      </form>
      {error && <Alert color="red" role="alert" data-testid="tracking-error">{error}</Alert>}
      {found && (
        <>
          {found.headOffice.state === 'offline' && (
            <Alert color="yellow" data-testid="tracking-offline">
              {found.headOffice.lastReceivedAt
                ? t('tracking.offline', { time: dateTime(found.headOffice.lastReceivedAt) })
                : t('tracking.offlineNever')}
            </Alert>
          )}
          {found.events.length === 0 ? (
            <Text data-testid="tracking-none">{t('tracking.none')}</Text>
          ) : (
            <Table withTableBorder data-testid="tracking-events">
              <Table.Tbody>
                {found.events.map((event) => (
                  <Table.Tr key={event.id} data-testid="tracking-event" data-code={event.code}>
                    <Table.Td>
                      {/* The date in the reader's order: an isolate, never forced left to right (Arabic read "/2026/12، 7…"). */}
                      <bdi>{dateTime(event.at)}</bdi>
                    </Table.Td>
                    <Table.Td>{event.code} · {event.name[language]}</Table.Td>
                    <Table.Td>{event.office}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={event.source === 'counter' ? 'blue' : 'gray'} data-testid="tracking-origin">
                        {origin(event)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Group align="flex-end">
            <Select label={t('tracking.event')} data={(codes.data ?? []).filter((c) => c.atCounter).map((c) => ({ value: c.code, label: `${c.code} · ${c.name[language]}` }))} value={code} onChange={setCode} data-testid="tracking-code" />
            <Button variant="default" onClick={() => void record()} disabled={!code} data-testid="tracking-record">{t('tracking.record')}</Button>
          </Group>
          {found.item && (
            <Group>
              <Button variant="default" onClick={() => void reprintLabel()} data-testid="tracking-reprint-label">{t('tracking.reprintLabel')}</Button>
              {reprinted && <Text c="green" data-testid="tracking-reprinted">{t('tracking.reprinted')}</Text>}
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
