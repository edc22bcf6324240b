import { Group, Stack, Text, TextInput } from '@mantine/core';
import { useI18n } from '../../i18n';

export interface PartyDraft {
  name: string;
  address: string;
  locality: string;
  country: string;
  phone: string;
}

export const emptyParty = (country: string): PartyDraft => ({ name: '', address: '', locality: '', country, phone: '' });

/** Name, address, locality, country, phone: the lines the label prints. */
export function PartyFields({ title, value, onChange, testId }: { title: string; value: PartyDraft; onChange(next: PartyDraft): void; testId: string }) {
  const { t } = useI18n();
  const set = (field: keyof PartyDraft) => (event: { currentTarget: { value: string } }) => onChange({ ...value, [field]: event.currentTarget.value });
  return (
    <Stack gap={4} data-testid={testId}>
      <Text fw={600}>{title}</Text>
      <Group grow>
        <TextInput label={t('mail.name')} value={value.name} onChange={set('name')} data-testid={`${testId}-name`} />
        <TextInput label={t('mail.phone')} value={value.phone} onChange={set('phone')} dir="ltr" data-testid={`${testId}-phone`} />
      </Group>
      <TextInput label={t('mail.address')} value={value.address} onChange={set('address')} data-testid={`${testId}-address`} />
      <Group grow>
        <TextInput label={t('mail.locality')} value={value.locality} onChange={set('locality')} data-testid={`${testId}-locality`} />
        <TextInput label={t('mail.destination')} value={value.country} maxLength={2} onChange={(e) => onChange({ ...value, country: e.currentTarget.value.toUpperCase() })} dir="ltr" data-testid={`${testId}-country`} />
      </Group>
    </Stack>
  );
}
