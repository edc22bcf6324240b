import { Alert, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { CUSTOMS_CATEGORIES, customsFormFor, customsValueOf, missingCustomsFields, type CustomsCategory, type CustomsDraft, type CustomsLineDraft } from '@shared/customs';
import { useI18n } from '../../i18n';

const FIELDS: Array<{ key: keyof CustomsLineDraft; label: 'mail.customs.description' | 'mail.customs.quantity' | 'mail.customs.netWeight' | 'mail.customs.value' | 'mail.customs.hsCode' | 'mail.customs.origin'; numeric: boolean }> = [
  { key: 'description', label: 'mail.customs.description', numeric: false },
  { key: 'quantity', label: 'mail.customs.quantity', numeric: true },
  { key: 'netWeightGrams', label: 'mail.customs.netWeight', numeric: true },
  { key: 'valueMinor', label: 'mail.customs.value', numeric: true },
  { key: 'hsCode', label: 'mail.customs.hsCode', numeric: false },
  { key: 'originCountry', label: 'mail.customs.origin', numeric: false },
];

/**
 * CN22/CN23 content lines. The form follows the value as it is typed, and the fields still
 * missing are marked here with the same rule the service applies at payment.
 */
export function CustomsLines({ value, onChange, cn22MaxValueMinor }: { value: CustomsDraft; onChange(next: CustomsDraft): void; cn22MaxValueMinor: number }) {
  const { t, tryT } = useI18n();
  const missing = missingCustomsFields(value);
  /** `lines.0.description` → "ligne 1 : Description": the clerk reads words, never paths. */
  const inWords = (path: string): string => {
    const [head, index, key] = path.split('.');
    if (head === 'category') return t('mail.customs.category');
    if (head === 'explanation') return t('mail.customs.explanation');
    if (head === 'lines' && index === undefined) return t('mail.customs.noLine');
    const field = FIELDS.find((f) => f.key === key);
    return t('mail.customs.line', { n: Number(index) + 1, field: field ? t(field.label) : String(key) });
  };
  const form = customsFormFor(customsValueOf(value), cn22MaxValueMinor);
  const setLine = (index: number, key: keyof CustomsLineDraft, raw: string, numeric: boolean) => {
    const lines = value.lines.map((line, i) => (i === index ? { ...line, [key]: numeric ? (raw === '' ? null : Number(raw.replace(/\D/g, ''))) : key === 'originCountry' ? raw.toUpperCase() : raw } : line));
    onChange({ ...value, lines });
  };
  return (
    <Stack gap={6} data-testid="customs" data-form={form}>
      <Text fw={600}>{t('mail.customs', { form })}</Text>
      <Select
        label={t('mail.customs.category')}
        data={CUSTOMS_CATEGORIES.map((c) => ({ value: c, label: tryT(`customs.category.${c}`, c) }))}
        value={value.category ?? null}
        onChange={(category) => onChange({ ...value, category: (category as CustomsCategory | null) ?? null })}
        error={missing.includes('category')}
        data-testid="customs-category"
      />
      {value.category === 'other' && (
        <TextInput label={t('mail.customs.explanation')} value={value.explanation ?? ''} onChange={(e) => onChange({ ...value, explanation: e.currentTarget.value })} error={missing.includes('explanation')} data-testid="customs-explanation" />
      )}
      {value.lines.map((line, index) => (
        <Group key={index} gap={4} wrap="nowrap" align="flex-end">
          {FIELDS.map((field) => (
            <TextInput
              key={field.key}
              label={t(field.label)}
              value={line[field.key] === null || line[field.key] === undefined ? '' : String(line[field.key])}
              onChange={(e) => setLine(index, field.key, e.currentTarget.value, field.numeric)}
              error={missing.includes(`lines.${index}.${field.key}`)}
              dir={field.key === 'description' ? undefined : 'ltr'}
              w={field.key === 'description' ? 180 : 90}
              data-testid={`customs-${index}-${field.key}`}
            />
          ))}
        </Group>
      ))}
      <Button variant="default" size="xs" onClick={() => onChange({ ...value, lines: [...value.lines, {}] })} data-testid="customs-add-line">
        {t('mail.customs.addLine')}
      </Button>
      {missing.length > 0 && (
        <Alert color="orange" p="xs" data-testid="customs-missing">
          {t('mail.customs.missing', { fields: missing.map(inWords).join(', ') })}
        </Alert>
      )}
    </Stack>
  );
}
