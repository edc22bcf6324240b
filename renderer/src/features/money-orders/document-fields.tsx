import { Group, Select, TextInput } from '@mantine/core';
import { DOCUMENT_TYPES, type DocumentType } from '@shared/contract';
import { useI18n } from '../../i18n';
import type { DocumentTyping } from './order-reading';

/** The country a document is usually from at this window, as the customer register's forms start. */
export const USUAL_DOCUMENT_COUNTRY = 'DJI';

interface Props {
  value: DocumentTyping;
  onChange(change: Partial<DocumentTyping>): void;
  /** Names the fields for the tests: `<testId>-type`, `<testId>-number`, `<testId>-country`. */
  testId: string;
  numberLabel?: string;
  error?: string | null;
  required?: boolean;
  disabled?: boolean;
  autoFocus?: boolean;
}

/** A document shown at the window: its type, the number read off it (never filled in for the clerk), its ICAO country code. */
export function DocumentFields({ value, onChange, testId, numberLabel, error, required, disabled, autoFocus }: Props) {
  const { t } = useI18n();
  return (
    <Group align="flex-start" grow>
      <Select
        label={t('mo.document.type')}
        data={DOCUMENT_TYPES.map((type) => ({ value: type, label: t(`customers.docType.${type}`) }))}
        value={value.type}
        onChange={(type) => type && onChange({ type: type as DocumentType })}
        allowDeselect={false}
        disabled={disabled}
        data-testid={`${testId}-type`}
      />
      <TextInput
        label={numberLabel ?? t('mo.document.number')}
        value={value.number}
        onChange={(event) => onChange({ number: event.currentTarget.value })}
        required={required}
        dir="ltr"
        autoComplete="off"
        autoFocus={autoFocus}
        disabled={disabled}
        error={error}
        errorProps={{ 'data-testid': `${testId}-error`, role: 'alert' }}
        data-testid={`${testId}-number`}
      />
      <TextInput
        label={t('mo.document.country')}
        description={t('mo.document.countryHint')}
        value={value.country}
        onChange={(event) => onChange({ country: event.currentTarget.value.toUpperCase() })}
        maxLength={3}
        dir="ltr"
        autoComplete="off"
        disabled={disabled}
        data-testid={`${testId}-country`}
      />
    </Group>
  );
}

/** The document typed in a form's fields `<prefix>Type`, `<prefix>Number`, `<prefix>Country`, with the usual type and country until changed. */
export function documentTyping(fields: Record<string, string>, prefix: string, usual: Partial<DocumentTyping> = {}): DocumentTyping {
  return {
    type: (fields[`${prefix}Type`] || usual.type || 'identity-card') as DocumentType,
    number: fields[`${prefix}Number`] ?? '',
    country: fields[`${prefix}Country`] ?? usual.country ?? USUAL_DOCUMENT_COUNTRY,
  };
}

/** Writes a change of the document back into the form's fields. */
export function documentChange(prefix: string, change: Partial<DocumentTyping>): Array<[string, string]> {
  return Object.entries(change).map(([name, text]) => [`${prefix}${name[0]!.toUpperCase()}${name.slice(1)}`, String(text)]);
}
