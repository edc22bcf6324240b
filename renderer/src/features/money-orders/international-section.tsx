import { Stack, Text, TextInput } from '@mantine/core';
import { useCallData } from '../../hooks/use-call-data';
import { useI18n } from '../../i18n';
import { CountrySelect } from '../mail/country-select';
import { fieldOf, type OrderDesk } from './order-desk';
import { readInternational } from './order-reading';

/** The IFS fields as typed: the destination's ISO code, the payee's currency, the purpose. */
export const internationalTyping = (desk: Pick<OrderDesk, 'fields'>) => ({
  country: fieldOf(desk, 'destinationCountry'),
  currency: fieldOf(desk, 'payeeCurrency'),
  purpose: fieldOf(desk, 'purpose'),
});

/**
 * What an order sent abroad needs beyond a domestic one (UPU IFS): the destination country, by
 * its name in the clerk's language (the countries the post exchanges with, from its published
 * tariff), the payee's currency and the purpose. Head office transmits it; no counter pays it.
 */
export function InternationalSection({ desk, tried, disabled }: { desk: OrderDesk; tried: boolean; disabled: boolean }) {
  const { t } = useI18n();
  const catalog = useCallData('mail.catalog', {});
  const typing = internationalTyping(desk);
  const reading = readInternational(typing);
  const problem = (field: 'country' | 'currency' | 'purpose') => tried && !reading.ok && reading.problems.includes(field);
  const codes = catalog.data ? catalog.data.zones.flatMap((zone) => zone.countries).filter((code) => code !== catalog.data?.homeCountry) : [];
  return (
    <Stack gap="xs" data-testid="mo-international">
      <Text size="sm" c="dimmed">
        {t('mo.intl.note')}
      </Text>
      <CountrySelect
        label={t('mo.intl.country')}
        value={typing.country}
        onChange={(code) => desk.setField('destinationCountry', code)}
        codes={codes}
        testId="mo-intl-country"
        error={problem('country') ? t('mo.intl.countryMissing') : null}
      />
      <TextInput
        label={t('mo.intl.currency')}
        value={typing.currency}
        onChange={(event) => desk.setField('payeeCurrency', event.currentTarget.value.toUpperCase())}
        maxLength={3}
        w={160}
        dir="ltr"
        autoComplete="off"
        disabled={disabled}
        error={problem('currency') ? t('mo.intl.currencyInvalid') : null}
        data-testid="mo-intl-currency"
      />
      <TextInput
        label={t('mo.intl.purpose')}
        value={typing.purpose}
        onChange={(event) => desk.setField('purpose', event.currentTarget.value)}
        maxLength={140}
        autoComplete="off"
        disabled={disabled}
        error={problem('purpose') ? t('mo.intl.purposeMissing') : null}
        data-testid="mo-intl-purpose"
      />
    </Stack>
  );
}
