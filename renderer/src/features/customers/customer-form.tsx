import { useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Group, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { DOCUMENT_TYPES, type CustomerView, type DocumentType, type Input } from '@shared/contract';
import type { MrzDocument } from '@shared/mrz';
import { uuid7 } from '@shared/uuid7';
import { call, isFailure } from '../../api';
import { useCallData } from '../../hooks/use-call-data';
import { useI18n } from '../../i18n';
import { useScan } from '../scanning/use-scan';
import { CustomerCard } from './customer-card';
import { MrzAssembler } from './mrz-assembler';
import { useCustomerFailureText } from './use-customer-failure-text';

interface Draft {
  familyName: string;
  givenNames: string;
  birthDate: string;
  documentType: DocumentType;
  documentNumber: string;
  documentCountry: string;
  documentExpiry: string;
  phone: string;
  address: string;
  kycTier: string | null;
}

const EMPTY: Draft = {
  familyName: '',
  givenNames: '',
  birthDate: '',
  documentType: 'identity-card',
  documentNumber: '',
  documentCountry: 'DJI',
  documentExpiry: '',
  phone: '',
  address: '',
  kycTier: null,
};

/** ICAO 9303 document codes: P… passports, I/A/C… identity cards (part 5); anything else is another document. */
const typeOf = (code: string): DocumentType => (code.startsWith('P') ? 'passport' : /^[IAC]/.test(code) ? 'identity-card' : 'other');

function fromMrz(document: MrzDocument, draft: Draft): Draft {
  return {
    ...draft,
    familyName: document.familyName,
    givenNames: document.givenNames,
    birthDate: document.birthDate,
    documentType: typeOf(document.documentCode),
    documentNumber: document.documentNumber,
    documentCountry: document.issuingState,
    documentExpiry: document.expiryDate,
  };
}

/**
 * Registers a customer; a scan of the identity document's MRZ fills the form. The
 * registration id is made once when the form opens and sent again on every retry
 * (a repeated Enter registers once). A document already registered is refused and
 * the customer who holds it is shown, to be picked instead.
 */
export function CustomerForm({ initial, onDone, onCancel }: { initial?: Partial<Draft>; onDone(customer: CustomerView): void; onCancel(): void }) {
  const { t, language } = useI18n();
  const failureText = useCustomerFailureText();
  const tiers = useCallData('customers.tiers', {});
  const [draft, setDraft] = useState<Draft>({ ...EMPTY, ...initial });
  const [scanNote, setScanNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [holder, setHolder] = useState<CustomerView | null>(null);
  const [busy, setBusy] = useState(false);
  const intent = useRef(uuid7());
  const assembler = useRef(new MrzAssembler());

  useScan((scan) => {
    const reading = assembler.current.push(scan.code, Date.now());
    if (!reading) return;
    if (!reading.ok) return setScanNote({ ok: false, text: t(`customers.mrz.${reading.fault}`) });
    setDraft((current) => fromMrz(reading.document, current));
    setHolder(null);
    setScanNote({ ok: true, text: t('customers.form.scanned') });
  });

  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const text = (key: Exclude<keyof Draft, 'documentType' | 'kycTier'>) => ({
    value: draft[key],
    onChange: (event: { currentTarget: { value: string } }) => set(key)(event.currentTarget.value),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setHolder(null);
    const input: Input<'customers.register'> = {
      customerId: intent.current,
      familyName: draft.familyName,
      givenNames: draft.givenNames,
      birthDate: draft.birthDate,
      document: {
        type: draft.documentType,
        number: draft.documentNumber,
        country: draft.documentCountry.toUpperCase(),
        ...(draft.documentExpiry ? { expiry: draft.documentExpiry } : {}),
      },
      ...(draft.phone ? { phone: draft.phone } : {}),
      ...(draft.address ? { address: draft.address } : {}),
      ...(draft.kycTier ? { kycTier: draft.kycTier } : {}),
    };
    try {
      const registered = await call('customers.register', input);
      intent.current = uuid7();
      onDone(registered);
    } catch (failure) {
      if (isFailure(failure, 'CONFLICT') && failure.details?.rule === 'customer-document-taken') setHolder(failure.details.customer as CustomerView);
      else setError(failureText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} data-testid="customer-form">
      <Stack>
        <Title order={3}>{t('customers.form.title')}</Title>
        <Text c="dimmed">{t('customers.form.scanHint')}</Text>
        {scanNote && (
          <Alert color={scanNote.ok ? 'green' : 'red'} data-testid="customer-scan-note" data-ok={scanNote.ok}>
            {scanNote.text}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('customers.field.familyName')} required autoFocus {...text('familyName')} data-testid="customer-family-name" />
          <TextInput label={t('customers.field.givenNames')} required {...text('givenNames')} data-testid="customer-given-names" />
          <TextInput label={t('customers.field.birthDate')} required dir="ltr" placeholder="1990-01-31" {...text('birthDate')} data-testid="customer-birth-date" />
          <Select
            label={t('customers.field.documentType')}
            data={DOCUMENT_TYPES.map((type) => ({ value: type, label: t(`customers.docType.${type}`) }))}
            value={draft.documentType}
            onChange={(value) => value && set('documentType')(value as DocumentType)}
            allowDeselect={false}
            data-testid="customer-document-type"
          />
          <TextInput label={t('customers.field.documentNumber')} required dir="ltr" {...text('documentNumber')} data-testid="customer-document-number" />
          <TextInput label={t('customers.field.documentCountry')} required dir="ltr" maxLength={3} {...text('documentCountry')} data-testid="customer-document-country" />
          <TextInput label={t('customers.field.documentExpiry')} dir="ltr" {...text('documentExpiry')} data-testid="customer-document-expiry" />
          <TextInput label={t('customers.field.phone')} dir="ltr" {...text('phone')} data-testid="customer-phone" />
          <Select
            label={t('customers.field.kycTier')}
            data={(tiers.data ?? []).map((tier) => ({ value: tier.code, label: tier.name[language] }))}
            value={draft.kycTier}
            onChange={set('kycTier')}
            clearable
            data-testid="customer-kyc-tier"
          />
        </SimpleGrid>
        <Textarea label={t('customers.field.address')} autosize minRows={2} {...text('address')} data-testid="customer-address" />
        {error && (
          <Alert color="red" role="alert" data-testid="customer-error">
            {error}
          </Alert>
        )}
        {holder && (
          <Alert color="orange" role="alert" data-testid="customer-duplicate">
            <Stack>
              <Text>{t('customers.duplicate')}</Text>
              <CustomerCard customer={holder} onPick={onDone} />
            </Stack>
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={busy} data-testid="customer-register">
            {t('customers.form.submit')}
          </Button>
          <Button variant="default" onClick={onCancel} data-testid="customer-cancel">
            {t('customers.form.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
