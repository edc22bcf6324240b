import { Button, Group, Title } from '@mantine/core';
import { useI18n } from '../i18n';

/** Title plus the way back; Esc does the same from anywhere on the screen. */
export function ScreenHeader({ title, onBack }: { title: string; onBack(): void }) {
  const { t } = useI18n();
  return (
    <Group justify="space-between">
      <Title order={2}>{title}</Title>
      <Button variant="default" onClick={onBack} data-testid="back-button">
        {t('common.back')} <span dir="ltr">&nbsp;(Esc)</span>
      </Button>
    </Group>
  );
}
