import { useState } from 'react';
import { Alert, Button, Stack, Table, Title } from '@mantine/core';
import type { CustomerView } from '@shared/contract';
import { FactTable } from '../../components/fact-table';
import { ScreenHeader } from '../../components/screen-header';
import { useCallData } from '../../hooks/use-call-data';
import { useI18n } from '../../i18n';
import { CustomerEditForm } from './customer-edit-form';
import { CustomerPicker } from './customer-picker';

/** The register at the window: find or register a customer, then read their record and its history. */
export function CustomersScreen({ onBack }: { onBack(): void }) {
  const { t, tryT, dateTime } = useI18n();
  // History names fields as the contract does (`document.number`): each in the reader's words.
  const fieldWord = (field: string) => tryT(`customers.field.${field.replace(/^document\.(\w)/, (_, c: string) => `document${c.toUpperCase()}`)}`, field);
  const [chosen, setChosen] = useState<CustomerView | null>(null);
  const [editing, setEditing] = useState(false);
  // Read again whenever the record's version moves (an edit here, a newer one found at head office).
  const history = useCallData('customers.history', chosen ? { customerId: chosen.id } : null, chosen?.version ?? 0);

  return (
    <Stack data-testid="customers-screen">
      <ScreenHeader title={t('customers.title')} onBack={onBack} />
      {!chosen && <CustomerPicker onPick={setChosen} />}
      {chosen && (
        <Stack data-testid="customer-record" data-customer-id={chosen.id}>
          <Title order={3}>{t('customers.view.title')}</Title>
          {chosen.version === 1 && chosen.createdAt === chosen.updatedAt && chosen.source === 'branch' && (
            <Alert color="green" data-testid="customer-registered">
              {t('customers.registered')}
            </Alert>
          )}
          {editing ? (
            <CustomerEditForm
              customer={chosen}
              onSaved={(customer) => {
                setChosen(customer);
                setEditing(false);
              }}
              onCancel={() => setEditing(false)}
            />
          ) : (
            <>
              <FactTable
                facts={[
                  { label: t('customers.field.familyName'), value: chosen.familyName, testId: 'record-family-name' },
                  { label: t('customers.field.givenNames'), value: chosen.givenNames },
                  { label: t('customers.field.birthDate'), value: <bdi>{chosen.birthDate}</bdi> },
                  { label: t('customers.field.documentType'), value: t(`customers.docType.${chosen.document.type}`) },
                  { label: t('customers.field.documentNumber'), value: <bdi dir="ltr">{chosen.document.number}</bdi>, testId: 'record-document-number' },
                  { label: t('customers.field.documentCountry'), value: chosen.document.country },
                  { label: t('customers.field.phone'), value: chosen.phone ? <bdi dir="ltr">{chosen.phone}</bdi> : '—', testId: 'record-phone' },
                  { label: t('customers.field.address'), value: chosen.address ?? '—' },
                  { label: t('customers.view.origin'), value: chosen.originBranch },
                  { label: t('customers.view.version'), value: chosen.version, testId: 'record-version' },
                ]}
              />
              <Button variant="default" onClick={() => setEditing(true)} data-testid="customer-edit">
                {t('customers.edit')}
              </Button>
            </>
          )}
          <Title order={4}>{t('customers.history.title')}</Title>
          <Table withTableBorder data-testid="customer-history">
            <Table.Tbody>
              {(history.data ?? []).map((change) => (
                <Table.Tr key={change.version} data-testid="customer-change" data-kind={change.kind}>
                  <Table.Td>
                    <bdi>{dateTime(change.at)}</bdi>
                  </Table.Td>
                  <Table.Td>{t(`customers.history.${change.kind}`)}</Table.Td>
                  <Table.Td>{change.by}</Table.Td>
                  <Table.Td>{change.changes.map((c) => fieldWord(c.field)).join(', ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Button
            variant="default"
            onClick={() => {
              setEditing(false);
              setChosen(null);
            }}
            data-testid="customer-another"
          >
            {t('customers.search.title')}
          </Button>
        </Stack>
      )}
    </Stack>
  );
}
