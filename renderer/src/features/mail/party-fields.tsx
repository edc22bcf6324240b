import { Group, Stack, Text, TextInput } from '@mantine/core';
import { useI18n } from '../../i18n';
import { CountrySelect } from './country-select';

export interface PartyDraft {
  name: string;
  address: string;
  locality: string;
  country: string;
  phone: string;
}

export const emptyParty = (country: string): PartyDraft => ({ name: '', address: '', locality: '', country, phone: '' });

interface Props {
  title: string;
  value: PartyDraft;
  onChange(next: PartyDraft): void;
  testId: string;
  /** Lines this service requires (from the tariff): marked, and worded beside the field when empty after an attempt. */
  required: { name: boolean; address: boolean };
  errors: { name?: string | null; address?: string | null };
  /** The sender's own country; the recipient's is the destination chosen above. */
  countryCodes: readonly string[] | null;
}

/** Name, address, locality, country, phone: the lines the label prints. */
export function PartyFields({ title, value, onChange, testId, required, errors, countryCodes }: Props) {
  const { t } = useI18n();
  const set = (field: keyof PartyDraft) => (event: { currentTarget: { value: string } }) => onChange({ ...value, [field]: event.currentTarget.value });
  const errorProps = (field: string) => ({ 'data-testid': `${testId}-${field}-error`, role: 'alert' });
  return (
    <Stack gap={4} data-testid={testId}>
      <Text fw={600}>{title}</Text>
      <Group grow align="flex-start">
        <TextInput label={t('mail.name')} value={value.name} onChange={set('name')} withAsterisk={required.name} error={errors.name} errorProps={errorProps('name')} data-testid={`${testId}-name`} />
        <TextInput label={t('mail.phone')} value={value.phone} onChange={set('phone')} dir="ltr" data-testid={`${testId}-phone`} />
      </Group>
      <TextInput label={t('mail.address')} value={value.address} onChange={set('address')} withAsterisk={required.address} error={errors.address} errorProps={errorProps('address')} data-testid={`${testId}-address`} />
      <Group grow align="flex-start">
        <TextInput label={t('mail.locality')} value={value.locality} onChange={set('locality')} data-testid={`${testId}-locality`} />
        {countryCodes && <CountrySelect label={t('mail.country')} value={value.country} onChange={(country) => onChange({ ...value, country })} codes={countryCodes} testId={`${testId}-country`} />}
      </Group>
    </Stack>
  );
}
