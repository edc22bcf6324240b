import { Button, Group } from '@mantine/core';
import { LANGUAGES, type Language } from '@shared/roles';
import { useI18n } from '../i18n';

interface Props {
  onChange(language: Language): void;
  size?: 'xs' | 'sm';
}

/** Each language is named in itself, so someone who cannot read the current one still finds theirs. */
export function LanguageSwitcher({ onChange, size = 'xs' }: Props) {
  const { language, t } = useI18n();
  return (
    <Group gap={4} role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((option) => (
        <Button
          key={option}
          size={size}
          variant={option === language ? 'filled' : 'default'}
          aria-pressed={option === language}
          lang={option}
          data-testid={`language-${option}`}
          onClick={() => onChange(option)}
        >
          {t(`language.${option}`)}
        </Button>
      ))}
    </Group>
  );
}
