import { Badge } from '@mantine/core';
import type { SessionOperation } from '@shared/contract';
import { useI18n } from '../../i18n';

/** Booked, voided later, or itself a void: the three states a clerk's operation can be in. */
export function OperationStatus({ operation }: { operation: Pick<SessionOperation, 'voidedBy' | 'reversesOperationId'> }) {
  const { t } = useI18n();
  if (operation.voidedBy)
    return (
      <Badge color="red" variant="light" data-testid="operation-status" data-status="voided">
        {t('myOps.status.voided')}
      </Badge>
    );
  if (operation.reversesOperationId)
    return (
      <Badge color="gray" variant="light" data-testid="operation-status" data-status="void">
        {t('myOps.status.void')}
      </Badge>
    );
  return (
    <Badge color="green" variant="light" data-testid="operation-status" data-status="done">
      {t('myOps.status.done')}
    </Badge>
  );
}
