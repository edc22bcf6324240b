import { Text } from '@mantine/core';
import type { SessionOperation } from '@shared/contract';
import { useI18n } from '../../i18n';
import { useAccountLabel } from '../journal/use-account-label';

/** What an operation was, line by line (product or reason, reference, amount): so a void is chosen by its contents. */
export function OperationLines({ operation }: { operation: SessionOperation }) {
  const { money } = useI18n();
  const accountLabel = useAccountLabel();
  return (
    <>
      {operation.lines.map((line, index) => (
        <Text key={index} size="xs" c="dimmed" data-testid="operation-line">
          {accountLabel(line.account)}
          {line.reference ? <bdi> · {line.reference}</bdi> : null} · <bdi>{money(line.amount.minor)}</bdi>
        </Text>
      ))}
    </>
  );
}
