import { useMemo } from 'react';
import { Select } from '@mantine/core';
import { useI18n } from '../../i18n';

interface Props {
  label: string;
  value: string;
  onChange(code: string): void;
  /** ISO 3166-1 alpha-2 codes offered: the countries the tariff serves. */
  codes: readonly string[];
  testId: string;
  error?: string | null;
}

/**
 * A country by its name in the clerk's language (Intl.DisplayNames: "France", "فرنسا"), typed to
 * search, sent as its ISO code: no two-letter code to remember at the window.
 */
export function CountrySelect({ label, value, onChange, codes, testId, error }: Props) {
  const { t, language } = useI18n();
  const data = useMemo(() => {
    const names = new Intl.DisplayNames([language], { type: 'region' });
    return [...new Set(codes)]
      .map((code) => ({ value: code, label: names.of(code) ?? code }))
      .sort((a, b) => a.label.localeCompare(b.label, language));
  }, [codes, language]);
  return (
    <Select
      label={label}
      data={data}
      value={value}
      onChange={(code) => code && onChange(code)}
      searchable
      allowDeselect={false}
      placeholder={t('mail.countrySearch')}
      nothingFoundMessage={t('mail.noCountry')}
      error={error}
      data-testid={testId}
      data-code={value}
    />
  );
}
