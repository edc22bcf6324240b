import { Alert, Badge, Group, Stack, Text } from '@mantine/core';
import type { MoneyOrderView } from '@shared/contract';
import { FactTable, type Fact } from '../../components/fact-table';
import { useI18n } from '../../i18n';
import { statusWords } from './order-status';

/**
 * An order as the clerk tells the customer about it: where it stands in words (who holds or paid
 * it, and when), from head office just now or — link down — from the branch's own copy, said so.
 */
export function OrderFacts({ view }: { view: MoneyOrderView }) {
  const { t, money, dateTime, language } = useI18n();
  const status = statusWords(view, dateTime, t('mo.status.unknownBranch'));
  const person = (who: MoneyOrderView['sender'], ending: boolean) => {
    if (!who.documentType || !who.documentNumber) return `${who.name} · ${t('mo.facts.noDocument')}`;
    const type = t(`customers.docType.${who.documentType}`);
    const document = ending
      ? t('mo.facts.documentEnding', { type, number: who.documentNumber })
      : t('mo.facts.document', { type, number: who.documentNumber, country: who.documentCountry ?? '—' });
    return `${who.name} · ${document}`;
  };
  const international = view.international;
  const facts: Fact[] = [
    { label: t('mo.facts.number'), value: <bdi dir="ltr">{view.spacedNumber}</bdi>, testId: 'mo-order-number' },
    { label: t('mo.facts.kind'), value: t(`mo.kind.${view.kind}`) },
    { label: t('mo.facts.amount'), value: <bdi dir="ltr">{money(view.amount.minor)}</bdi>, testId: 'mo-order-amount' },
    { label: t('mo.facts.fee'), value: <bdi dir="ltr">{money(view.fee.minor)}</bdi> },
    { label: t('mo.facts.sender'), value: person(view.sender, true), testId: 'mo-order-sender' },
    { label: t('mo.facts.payee'), value: person(view.payee, false), testId: 'mo-order-payee' },
    ...(view.issuedAt ? [{ label: t('mo.facts.issued'), value: t('mo.facts.issuedAt', { time: dateTime(view.issuedAt), branch: view.issuingBranch ?? '—' }) }] : []),
    { label: t('mo.facts.expires'), value: <bdi>{dateTime(view.expiresAt)}</bdi>, testId: 'mo-order-expires' },
    ...(international?.destinationCountry
      ? [
          {
            label: t('mo.facts.destination'),
            value: t('mo.facts.destinationLine', {
              country: countryName(international.destinationCountry, language),
              currency: international.payeeCurrency ?? '—',
              purpose: international.purpose ?? '—',
            }),
          },
        ]
      : []),
    ...(international?.exchangeReference ? [{ label: t('mo.facts.exchange'), value: <bdi dir="ltr">{international.exchangeReference}</bdi> }] : []),
  ];
  return (
    <Stack gap="xs" data-testid="mo-order" data-number={view.number} data-status={view.status} data-source={view.source}>
      <Alert color={view.source === 'head-office' ? 'green' : 'orange'} py={6} data-testid="mo-order-source">
        {view.source === 'head-office' ? t('mo.source.headOffice') : t('mo.source.branchCopy')}
      </Alert>
      <Group gap="sm" wrap="nowrap">
        <Badge color={status.color} size="lg" data-testid="mo-order-badge">
          {t(`mo.badge.${view.status}`)}
        </Badge>
        <Text fw={700} data-testid="mo-order-status">
          {t(status.key, status.params)}
        </Text>
      </Group>
      <FactTable facts={facts} />
      {view.payeeDocumentRequired && (
        <Text size="sm" c="dimmed">
          {t('mo.facts.documentRequired')}
        </Text>
      )}
    </Stack>
  );
}

/** A country in the reader's language (Intl), its code when Intl does not know it. */
export function countryName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
