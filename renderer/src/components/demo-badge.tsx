import { Badge, Tooltip } from '@mantine/core';
import { useI18n } from '../i18n';

/** Shown whenever the branch is the demo one, so nobody takes a demo receipt for real money. */
export function DemoBadge() {
  const { t } = useI18n();
  return (
    <Tooltip label={t('demo.notice')}>
      <Badge color="orange" size="lg" variant="filled" data-testid="demo-badge">
        {t('demo.badge')}
      </Badge>
    </Tooltip>
  );
}
