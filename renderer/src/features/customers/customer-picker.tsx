import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { DOCUMENT_TYPES, type CustomerView, type DocumentType, type Input, type Output } from '@shared/contract';
import { call } from '../../api';
import { useI18n } from '../../i18n';
import { CustomerCard } from './customer-card';
import { CustomerForm } from './customer-form';
import { useCustomerFailureText } from './use-customer-failure-text';

type Found = Output<'customers.find'>;

/**
 * "Pick a customer": find one here (by name, document or phone), else through head
 * office's national register, else register them. The savings, money-order and
 * e-wallet screens embed it and get the chosen customer through `onPick`.
 * Keyboard-first: the search field has the focus, Enter searches, Tab reaches each
 * result's "choose" button, and "new customer" opens the form (where a scan fills it).
 */
export function CustomerPicker({ onPick }: { onPick(customer: CustomerView): void }) {
  const { t } = useI18n();
  const failureText = useCustomerFailureText();
  const [name, setName] = useState('');
  const [documentType, setDocumentType] = useState<DocumentType>('identity-card');
  const [documentNumber, setDocumentNumber] = useState('');
  const [documentCountry, setDocumentCountry] = useState('DJI');
  const [phone, setPhone] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);

  const search = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setFound(null);
    const input: Input<'customers.find'> = {
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(documentNumber.trim() ? { document: { type: documentType, number: documentNumber.trim(), country: documentCountry.trim().toUpperCase() } } : {}),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
    };
    try {
      setFound(await call('customers.find', input));
    } catch (failure) {
      setError(failureText(failure));
    }
  };

  if (registering) {
    return (
      <CustomerForm
        initial={{ documentType, documentNumber, documentCountry, phone }}
        onDone={(customer) => {
          setRegistering(false);
          onPick(customer);
        }}
        onCancel={() => setRegistering(false)}
      />
    );
  }

  const national = found?.national;
  return (
    <Stack data-testid="customer-picker">
      <Title order={3}>{t('customers.search.title')}</Title>
      <form onSubmit={(event) => void search(event)}>
        <Group align="flex-end">
          <TextInput label={t('customers.search.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} autoFocus data-testid="customer-search-name" />
          <Select
            label={t('customers.field.documentType')}
            data={DOCUMENT_TYPES.map((type) => ({ value: type, label: t(`customers.docType.${type}`) }))}
            value={documentType}
            onChange={(value) => value && setDocumentType(value as DocumentType)}
            allowDeselect={false}
            data-testid="customer-search-document-type"
          />
          <TextInput label={t('customers.search.documentNumber')} value={documentNumber} onChange={(e) => setDocumentNumber(e.currentTarget.value)} dir="ltr" data-testid="customer-search-document" />
          <TextInput label={t('customers.field.documentCountry')} value={documentCountry} onChange={(e) => setDocumentCountry(e.currentTarget.value)} dir="ltr" maxLength={3} w={90} data-testid="customer-search-country" />
          <TextInput label={t('customers.search.phone')} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} dir="ltr" data-testid="customer-search-phone" />
          <Button type="submit" data-testid="customer-search">
            {t('customers.search.submit')}
          </Button>
          <Button variant="default" onClick={() => setRegistering(true)} data-testid="customer-new">
            {t('customers.new')}
          </Button>
        </Group>
      </form>
      {error && (
        <Alert color="red" role="alert" data-testid="customer-search-error">
          {error}
        </Alert>
      )}
      {national && national.state !== 'not-asked' && (
        <Alert color={national.state === 'found' ? 'blue' : 'yellow'} data-testid="customer-national-state" data-state={national.state}>
          {t(`customers.national.${national.state}`, { detail: national.detail ?? '' })}
        </Alert>
      )}
      {found && (
        <Stack data-testid="customer-results" data-count={found.customers.length}>
          <Text>{found.customers.length === 0 ? t('customers.search.none') : t('customers.search.found', { count: found.customers.length })}</Text>
          {found.customers.map((customer) => (
            <CustomerCard key={customer.id} customer={customer} onPick={onPick} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
