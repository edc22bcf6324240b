import { useState } from 'react';
import { Alert, Badge, Button, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { ScreenHeader } from '../../components/screen-header';
import { useErrorText } from '../../components/use-error-text';
import { useI18n } from '../../i18n';
import { shortReference, useActionName } from '../../components/action-words';
import { AuditDetails } from './audit-details';
import { useAuditEntries } from './use-audit-entries';

interface Props {
  title: string;
  /** Fixed filter (e.g. `approval`); otherwise the user may type one. */
  action?: string;
  onBack(): void;
}

/** Read-only view of the append-only audit log: who did what, accepted or refused, and why. */
export function AuditLogScreen({ title, action, onBack }: Props) {
  const { t, dateTime } = useI18n();
  const errorText = useErrorText();
  const actionName = useActionName();
  const [filter, setFilter] = useState('');
  const [debounced] = useDebouncedValue(filter.trim(), 300);
  const { entries, error, complete, more } = useAuditEntries(action ?? (debounced || undefined));

  return (
    <Stack p="md" data-testid="audit-log">
      <ScreenHeader title={title} onBack={onBack} />
      {!action && (
        <TextInput
          label={t('audit.filter')}
          value={filter}
          onChange={(event) => setFilter(event.currentTarget.value)}
          dir="ltr"
          data-testid="audit-filter"
        />
      )}
      {error !== null && <Alert color="red">{errorText(error)}</Alert>}
      <Table striped highlightOnHover withTableBorder stickyHeader>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.col.seq')}</Table.Th>
            <Table.Th>{t('audit.col.at')}</Table.Th>
            <Table.Th>{t('audit.col.actor')}</Table.Th>
            <Table.Th>{t('audit.col.action')}</Table.Th>
            <Table.Th>{t('audit.col.subject')}</Table.Th>
            <Table.Th>{t('audit.col.outcome')}</Table.Th>
            <Table.Th>{t('audit.col.details')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.seq} data-testid="audit-row" data-action={entry.action} data-outcome={entry.outcome} data-details={JSON.stringify(entry.details)}>
              <Table.Td>{entry.seq}</Table.Td>
              <Table.Td>{dateTime(entry.at)}</Table.Td>
              <Table.Td>{entry.actor ?? <Text span c="dimmed">{t('audit.system')}</Text>}</Table.Td>
              <Table.Td>
                {actionName(entry.action)}
              </Table.Td>
              <Table.Td title={entry.subject ?? undefined}>
                <bdi>{entry.subject === null ? '' : shortReference(entry.subject)}</bdi>
              </Table.Td>
              <Table.Td>
                <Badge color={entry.outcome === 'ok' ? 'green' : 'red'} variant="light">
                  {t(`audit.outcome.${entry.outcome}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <AuditDetails details={entry.details} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {entries.length === 0 && error === null && <Text c="dimmed">{t('audit.empty')}</Text>}
      {!complete && entries.length > 0 && (
        <Button variant="default" onClick={more} data-testid="audit-more">
          {t('audit.more')}
        </Button>
      )}
    </Stack>
  );
}
