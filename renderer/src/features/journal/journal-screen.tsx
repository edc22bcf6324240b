import { useState } from 'react';
import { Alert, Badge, Button, Checkbox, Code, Group, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { JournalEntry } from '@shared/contract';
import { call } from '../../api';
import { ScreenHeader } from '../../components/screen-header';
import { useI18n } from '../../i18n';
import { useCallData } from '../../hooks/use-call-data';
import { useFailureText } from '../../hooks/use-failure-text';
import { useAccountLabel } from '../../hooks/use-account-label';
import { VerifyPanel } from './verify-panel';

const PAGE = 100;

interface Filters {
  tillId: string;
  clerk: string;
  code: string;
  reference: string;
  correctionsOnly: boolean;
}

const EMPTY: Filters = { tillId: '', clerk: '', code: '', reference: '', correctionsOnly: false };

/** Read-only ledger journal: newest first; corrections say who, when and why. */
export function JournalScreen({ onBack }: { onBack(): void }) {
  const { t, money, dateTime, tryT } = useI18n();
  const failureText = useFailureText();
  const accountLabel = useAccountLabel();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [debounced] = useDebouncedValue(filters, 300);
  const [older, setOlder] = useState<{ key: string; entries: JournalEntry[]; complete: boolean }>({ key: '', entries: [], complete: false });
  const [moreError, setMoreError] = useState<string | null>(null);

  const input = {
    limit: PAGE,
    correctionsOnly: debounced.correctionsOnly,
    ...(debounced.tillId.trim() ? { tillId: debounced.tillId.trim().toUpperCase() } : {}),
    ...(debounced.clerk.trim() ? { clerk: debounced.clerk.trim().toLowerCase() } : {}),
    ...(debounced.code.trim() ? { code: debounced.code.trim() } : {}),
    ...(debounced.reference.trim() ? { reference: debounced.reference.trim() } : {}),
  };
  const key = JSON.stringify(input);
  const first = useCallData('journal.query', input);
  const extra = older.key === key ? older.entries : [];
  const entries = [...(first.data ?? []), ...extra];
  const complete = older.key === key ? older.complete : (first.data?.length ?? 0) < PAGE;

  const more = () => {
    const oldest = entries.at(-1);
    if (!oldest) return;
    setMoreError(null);
    call('journal.query', { ...input, beforeSeq: oldest.seq }).then(
      (page) => setOlder({ key, entries: [...extra, ...page], complete: page.length < PAGE }),
      (failure: unknown) => setMoreError(failureText(failure)),
    );
  };

  const field = (name: Exclude<keyof Filters, 'correctionsOnly'>, label: string) => (
    <TextInput
      label={label}
      value={filters[name]}
      onChange={(event) => {
        const value = event.currentTarget.value;
        setFilters((previous) => ({ ...previous, [name]: value }));
      }}
      dir="ltr"
      data-testid={`journal-filter-${name}`}
    />
  );

  return (
    <Stack p="md" data-testid="journal-screen">
      <ScreenHeader title={t('journal.title')} onBack={onBack} />
      <Tabs defaultValue="journal" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="journal">{t('journal.tab')}</Tabs.Tab>
          <Tabs.Tab value="verify" data-testid="tab-verify">
            {t('verify.tab')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="journal" pt="md">
          <Stack>
            <Group align="flex-end" grow>
              {field('tillId', t('journal.filter.till'))}
              {field('clerk', t('journal.filter.clerk'))}
              {field('code', t('journal.filter.code'))}
              {field('reference', t('journal.filter.reference'))}
            </Group>
            <Checkbox
              label={t('journal.filter.corrections')}
              checked={filters.correctionsOnly}
              onChange={(event) => {
                const checked = event.currentTarget.checked;
                setFilters((previous) => ({ ...previous, correctionsOnly: checked }));
              }}
              data-testid="journal-filter-corrections"
            />
            {first.error !== null && <Alert color="red">{failureText(first.error)}</Alert>}
            {moreError && <Alert color="red">{moreError}</Alert>}
            <Table striped withTableBorder stickyHeader data-testid="journal-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('journal.col.seq')}</Table.Th>
                  <Table.Th>{t('z.at')}</Table.Th>
                  <Table.Th>{t('journal.col.code')}</Table.Th>
                  <Table.Th>{t('journal.col.debitCredit')}</Table.Th>
                  <Table.Th>{t('pending.amount')}</Table.Th>
                  <Table.Th>{t('journal.col.till')}</Table.Th>
                  <Table.Th>{t('ops.operator')}</Table.Th>
                  <Table.Th>{t('journal.col.correction')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((entry) => (
                  <Table.Tr key={entry.transferId} data-testid="journal-row" data-code={entry.code} data-operation-id={entry.operationId}>
                    <Table.Td>{entry.seq}</Table.Td>
                    <Table.Td>{dateTime(entry.at)}</Table.Td>
                    <Table.Td>
                      <Code dir="ltr">{entry.code}</Code>
                      <Text size="xs" c="dimmed">
                        {tryT(`ops.kind.${entry.operationKind}`, entry.operationKind)}
                        {entry.phase !== 'posted' ? ` · ${t(`journal.phase.${entry.phase}`)}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" data-testid="journal-accounts">{`${accountLabel(entry.debit, entry.tillId)} ← ${accountLabel(entry.credit, entry.tillId)}`}</Text>
                    </Table.Td>
                    <Table.Td dir="ltr">{money(entry.amount.minor)}</Table.Td>
                    <Table.Td>
                      {entry.tillId ?? ''}
                      {entry.reference && (
                        <Text size="xs" dir="ltr">
                          {entry.reference}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {entry.operator}
                      {entry.approvedBy && (
                        <Text size="xs" c="dimmed">
                          {t('journal.approvedBy', { name: entry.approvedBy })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td data-testid={entry.correction ? 'journal-correction' : undefined}>
                      {entry.correction && (
                        <Stack gap={2}>
                          <Badge color="orange" variant="light">
                            {t('journal.correction')}
                          </Badge>
                          <Text size="xs">
                            {t('journal.correctionWho', {
                              by: entry.correction.by,
                              approvedBy: entry.correction.approvedBy ?? '—',
                              at: dateTime(entry.correction.at),
                            })}
                          </Text>
                          <Text size="xs">{t('journal.correctionWhy', { why: entry.correction.why })}</Text>
                        </Stack>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {entries.length === 0 && first.data && <Text c="dimmed">{t('journal.empty')}</Text>}
            {!complete && entries.length > 0 && (
              <Button variant="default" onClick={more} data-testid="journal-more">
                {t('journal.more')}
              </Button>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="verify" pt="md">
          <VerifyPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
