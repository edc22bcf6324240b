import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { CountResult } from '@shared/contract';
import { useI18n } from '../../i18n';
import { FactTable } from '../../components/fact-table';
import { WhoWhen } from './who-when';

const OUTCOME_COLOR = { balanced: 'green', over: 'orange', short: 'red' } as const;

/** A submitted count: only now may the clerk see what the till should have held. */
export function CountResultCard({ count, latest }: { count: CountResult; latest: boolean }) {
  const { t, money, dateTime } = useI18n();
  return (
    <Paper withBorder p="sm" data-testid={`count-result-${count.attempt}`} data-outcome={count.outcome}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={700}>{t('count.attempt', { attempt: count.attempt })}</Text>
          <Group gap="xs">
            {latest && <Badge variant="outline">{t('count.latest')}</Badge>}
            <Badge color={OUTCOME_COLOR[count.outcome]} data-testid="count-outcome">
              {t(`count.outcome.${count.outcome}`)}
            </Badge>
          </Group>
        </Group>
        <FactTable
          facts={[
            { label: t('count.counted'), value: <span dir="ltr">{money(count.counted.minor)}</span>, testId: 'count-counted' },
            { label: t('count.expected'), value: <span dir="ltr">{money(count.expected.minor)}</span>, testId: 'count-expected' },
            { label: t('count.difference'), value: <span dir="ltr">{money(count.difference.minor)}</span>, testId: 'count-difference' },
            { label: t('count.by'), value: <WhoWhen who={count.countedBy} when={dateTime(count.at)} /> },
          ]}
        />
      </Stack>
    </Paper>
  );
}
