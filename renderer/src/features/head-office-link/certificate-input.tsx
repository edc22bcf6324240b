import { SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useI18n, type MessageKey } from '../../i18n';
import type { CertificateFrom, KeyFrom } from './link-form-state';

interface Props<F extends KeyFrom> {
  label: MessageKey;
  from: F;
  choices: readonly F[];
  path: string;
  pem: string;
  onFrom(from: F): void;
  onPath(path: string): void;
  onPem(pem: string): void;
  /** Which of the three is marked invalid. */
  invalid: { from: boolean; path: boolean; pem: boolean };
  testId: string;
}

/** One certificate or key: none, a file on this PC, or pasted PEM (a stored key stays where it is). */
export function CertificateInput<F extends CertificateFrom | KeyFrom>({ label, from, choices, path, pem, onFrom, onPath, onPem, invalid, testId }: Props<F>) {
  const { t } = useI18n();
  const wrong = (bad: boolean) => (bad ? t('hoLink.form.invalid') : undefined);
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t(label)}
      </Text>
      <SegmentedControl
        value={from}
        onChange={(value) => onFrom(value as F)}
        data={choices.map((choice) => ({ value: choice, label: t(`hoLink.from.${choice}`) }))}
        data-testid={`${testId}-from`}
      />
      {invalid.from && (
        <Text size="xs" c="red">
          {t('hoLink.form.invalid')}
        </Text>
      )}
      {from === 'file' && (
        <TextInput label={t('hoLink.form.path')} value={path} onChange={(event) => onPath(event.currentTarget.value)} error={wrong(invalid.path)} dir="ltr" data-testid={`${testId}-path`} />
      )}
      {from === 'pem' && (
        <Textarea
          label={t('hoLink.form.pem')}
          value={pem}
          onChange={(event) => onPem(event.currentTarget.value)}
          error={wrong(invalid.pem)}
          dir="ltr"
          autosize
          minRows={3}
          maxRows={8}
          styles={{ input: { fontFamily: 'monospace' } }}
          data-testid={`${testId}-pem`}
        />
      )}
    </Stack>
  );
}
