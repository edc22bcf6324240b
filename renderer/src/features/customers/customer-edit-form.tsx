import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import type { CustomerView, Input } from '@shared/contract';
import { call, isFailure } from '../../api';
import { useI18n } from '../../i18n';
import { useCustomerFailureText } from './use-customer-failure-text';

type Changes = Input<'customers.update'>['changes'];

/**
 * The contact and name fields a clerk corrects at the window. Only what changed is
 * sent, over the version the clerk read: an edit made meanwhile elsewhere is refused
 * and the record read again, never overwritten. Identity documents change by a new
 * registration check (a scan), not here.
 */
export function CustomerEditForm({ customer, onSaved, onCancel }: { customer: CustomerView; onSaved(customer: CustomerView): void; onCancel(): void }) {
  const { t } = useI18n();
  const failureText = useCustomerFailureText();
  const [familyName, setFamilyName] = useState(customer.familyName);
  const [givenNames, setGivenNames] = useState(customer.givenNames);
  const [phone, setPhone] = useState(customer.phone ?? '');
  const [address, setAddress] = useState(customer.address ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const changes: Changes = {
      ...(familyName !== customer.familyName ? { familyName } : {}),
      ...(givenNames !== customer.givenNames ? { givenNames } : {}),
      ...(phone !== (customer.phone ?? '') ? { phone: phone.trim() === '' ? null : phone } : {}),
      ...(address !== (customer.address ?? '') ? { address: address.trim() === '' ? null : address } : {}),
    };
    setBusy(true);
    setError(null);
    try {
      onSaved(await call('customers.update', { customerId: customer.id, expectedVersion: customer.version, changes }));
    } catch (failure) {
      setError(failureText(failure));
      // Changed meanwhile: show what is held now, so the clerk edits that.
      if (isFailure(failure, 'CONFLICT') && failure.details?.rule === 'customer-changed-meanwhile') onSaved(await call('customers.get', { customerId: customer.id }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} data-testid="customer-edit-form">
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('customers.field.familyName')} required value={familyName} onChange={(e) => setFamilyName(e.currentTarget.value)} data-testid="edit-family-name" />
          <TextInput label={t('customers.field.givenNames')} required value={givenNames} onChange={(e) => setGivenNames(e.currentTarget.value)} data-testid="edit-given-names" />
          <TextInput label={t('customers.field.phone')} dir="ltr" value={phone} onChange={(e) => setPhone(e.currentTarget.value)} autoFocus data-testid="edit-phone" />
        </SimpleGrid>
        <Textarea label={t('customers.field.address')} autosize minRows={2} value={address} onChange={(e) => setAddress(e.currentTarget.value)} data-testid="edit-address" />
        {error && (
          <Alert color="red" role="alert" data-testid="customer-edit-error">
            {error}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={busy} data-testid="customer-save">
            {t('customers.edit.save')}
          </Button>
          <Button variant="default" onClick={onCancel} data-testid="customer-edit-cancel">
            {t('customers.form.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
