import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import type { CustomerView } from '@shared/contract';
import { useI18n } from '../../i18n';

/** One customer as a clerk recognises them: names, birth date, document, phone; picked with Enter on its button. */
export function CustomerCard({ customer, onPick }: { customer: CustomerView; onPick?(customer: CustomerView): void }) {
  const { t } = useI18n();
  return (
    <Card withBorder data-testid="customer-card" data-customer-id={customer.id} data-document={customer.document.number}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Text fw={600} data-testid="customer-name">
            {customer.familyName} {customer.givenNames}
          </Text>
          <Text size="sm">
            <bdi>{customer.birthDate}</bdi> · {t(`customers.docType.${customer.document.type}`)} <bdi dir="ltr">{customer.document.number}</bdi> ({customer.document.country})
          </Text>
          {customer.phone && (
            <Text size="sm">
              <bdi dir="ltr">{customer.phone}</bdi>
            </Text>
          )}
          {customer.source === 'national' && (
            <Badge variant="light" color="gray" data-testid="customer-national">
              {t('customers.source.national')} · {customer.originBranch}
            </Badge>
          )}
        </Stack>
        {onPick && (
          <Button onClick={() => onPick(customer)} data-testid="customer-pick">
            {t('customers.pick')}
          </Button>
        )}
      </Group>
    </Card>
  );
}
