import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import type { MailCatalog, MailItemInput, Weighing } from '@shared/contract';
import { missingCustomsFields, type CustomsDraft } from '@shared/customs';
import { missingPartyFields } from '@shared/mail-item-rules';
import { call } from '../../api';
import { WeightDisplay } from '../../components/weight-display';
import { useWeight } from '../../components/use-weight';
import { useI18n } from '../../i18n';
import { CountrySelect } from './country-select';
import { CustomsLines } from './customs-lines';
import { emptyParty, PartyFields, type PartyDraft } from './party-fields';
import { SenderSearch } from './sender-search';
import { useLiveQuote } from './use-live-quote';
import { useMailFailureText } from './use-mail-failure-text';

export interface DraftItem {
  input: MailItemInput;
  label: string;
  priceMinor: number;
}

const digits = (text: string): number | null => (/^\d+$/.test(text) ? Number(text) : null);

/**
 * One item: service, destination, weight, size, value, parties, customs. The quote follows the
 * weight on the pan live; the item can only join the basket once its weight is fixed — from a
 * stable reading (the host reads the scale itself) or from a keyed weight with its reason.
 */
export function ItemForm({ catalog, onAdd }: { catalog: MailCatalog; onAdd(item: DraftItem): void }) {
  const { t, tryT, language, money } = useI18n();
  const failureText = useMailFailureText();
  const reading = useWeight();
  const [service, setService] = useState(catalog.services[0]?.code ?? '');
  const [country, setCountry] = useState(catalog.homeCountry);
  const [weighing, setWeighing] = useState<Weighing | null>(null);
  const [manualGrams, setManualGrams] = useState('');
  const [manualReason, setManualReason] = useState('');
  const [size, setSize] = useState({ l: '', w: '', h: '' });
  const [declared, setDeclared] = useState('');
  const [sender, setSender] = useState<PartyDraft>(emptyParty(catalog.homeCountry));
  const [recipient, setRecipient] = useState<PartyDraft>(emptyParty(catalog.homeCountry));
  const [customs, setCustoms] = useState<CustomsDraft>({ category: null, lines: [{}] });
  const [error, setError] = useState<string | null>(null);
  /** Errors show beside the fields once the clerk tried to add the item, not while she is still typing. */
  const [attempted, setAttempted] = useState(false);

  const chosen = catalog.services.find((s) => s.code === service);
  const zone = catalog.zones.find((z) => z.countries.includes(country))?.code ?? (country === catalog.homeCountry ? catalog.domesticZone : null);
  const international = zone !== null && zone !== catalog.domesticZone;
  const needsCustoms = international && (chosen?.tracked ?? false);
  const countryCodes = [catalog.homeCountry, ...catalog.zones.flatMap((z) => z.countries)];
  const requiredFields = chosen?.requiredFields ?? [];
  const partiesMissing = missingPartyFields(requiredFields, { sender, recipient });
  const customsMissing = needsCustoms ? missingCustomsFields(customs) : [];
  const fieldError = (path: string) => (attempted && partiesMissing.includes(path as (typeof partiesMissing)[number]) ? t('mail.field.required') : null);
  const partyProps = (party: 'sender' | 'recipient') => ({
    required: { name: requiredFields.includes(`${party}.name`), address: requiredFields.includes(`${party}.address`) },
    errors: { name: fieldError(`${party}.name`), address: fieldError(`${party}.address`) },
  });
  const dimensions = digits(size.l) && digits(size.w) && digits(size.h) ? { lengthMm: digits(size.l)!, widthMm: digits(size.w)!, heightMm: digits(size.h)! } : null;
  const liveGrams = weighing?.grams ?? (reading?.grams && reading.grams > 0 ? reading.grams : null);
  const quote = useLiveQuote(
    liveGrams && /^[A-Z]{2}$/.test(country)
      ? { service, destinationCountry: country, weightGrams: liveGrams, dimensions, declaredValueMinor: digits(declared), options: [] }
      : null,
  );

  const weigh = async () => {
    setError(null);
    try {
      setWeighing(await call('mail.weigh', {}));
    } catch (failure) {
      setError(failureText(failure));
    }
  };
  const keyInWeight = async () => {
    setError(null);
    const grams = digits(manualGrams);
    if (!grams) return;
    try {
      setWeighing(await call('mail.weigh', { manualGrams: grams, reason: manualReason }));
    } catch (failure) {
      setError(failureText(failure));
    }
  };
  const add = () => {
    if (!weighing || !quote?.ok) return;
    if (partiesMissing.length > 0 || customsMissing.length > 0) {
      setAttempted(true);
      return setError(t('mail.fixFields'));
    }
    setError(null);
    onAdd({
      input: {
        service,
        destinationCountry: country,
        weighingId: weighing.id,
        dimensions,
        declaredValueMinor: digits(declared),
        options: [],
        sender,
        recipient: { ...recipient, country },
        customs: needsCustoms ? customs : null,
      },
      label: `${chosen?.name[language] ?? service} → ${country} · ${weighing.grams} g`,
      priceMinor: quote.totalMinor,
    });
    setWeighing(null);
    setManualGrams('');
    setManualReason('');
    setCustoms({ category: null, lines: [{}] });
    // The same customer often posts several items to different people: the sender stays, the recipient goes.
    setRecipient(emptyParty(country));
    setAttempted(false);
  };

  const stable = reading?.status === 'stable' && (reading.grams ?? 0) > 0;
  return (
    <Paper withBorder p="sm" data-testid="mail-item-form">
      <Stack gap="xs">
        <Group grow align="flex-end">
          <Select label={t('mail.service')} data={catalog.services.map((s) => ({ value: s.code, label: s.name[language] }))} value={service} onChange={(v) => v && setService(v)} allowDeselect={false} autoFocus data-testid="mail-service" />
          <CountrySelect label={t('mail.destination')} value={country} onChange={setCountry} codes={countryCodes} testId="mail-destination" />
        </Group>
        <Group align="flex-start" grow>
          <WeightDisplay />
          <Stack gap={4}>
            <Button onClick={() => void weigh()} disabled={!stable || weighing !== null} data-testid="mail-weigh">{t('mail.weigh')}</Button>
            <Group gap={4} grow>
              <TextInput placeholder={t('mail.manualWeight')} value={manualGrams} onChange={(e) => setManualGrams(e.currentTarget.value.replace(/\D/g, ''))} dir="ltr" data-testid="mail-manual-grams" />
              <TextInput placeholder={t('mail.manualReason')} value={manualReason} onChange={(e) => setManualReason(e.currentTarget.value)} data-testid="mail-manual-reason" />
            </Group>
            <Button variant="default" size="xs" onClick={() => void keyInWeight()} disabled={weighing !== null || !digits(manualGrams) || manualReason.trim().length < 3} data-testid="mail-use-manual">{t('mail.useManual')}</Button>
            {weighing && (
              <Badge color="green" tt="none" /* a badge shouts in capitals by default, and "2600 G" is not grams */ data-testid="mail-weight-fixed" data-grams={weighing.grams}>
                {t('mail.weightFixed', { grams: weighing.grams, source: t(`mail.weightSource.${weighing.source}`) })}
              </Badge>
            )}
          </Stack>
        </Group>
        <Group grow>
          <TextInput label={t('mail.dimensions')} placeholder="L" value={size.l} onChange={(e) => setSize({ ...size, l: e.currentTarget.value })} dir="ltr" data-testid="mail-length" />
          <TextInput label=" " placeholder="l" value={size.w} onChange={(e) => setSize({ ...size, w: e.currentTarget.value })} dir="ltr" data-testid="mail-width" />
          <TextInput label=" " placeholder="h" value={size.h} onChange={(e) => setSize({ ...size, h: e.currentTarget.value })} dir="ltr" data-testid="mail-height" />
          {chosen?.insurance && <TextInput label={t('mail.declaredValue')} value={declared} onChange={(e) => setDeclared(e.currentTarget.value.replace(/\D/g, ''))} dir="ltr" data-testid="mail-declared" />}
        </Group>
        <Paper p="xs" withBorder data-testid="mail-quote" data-total={quote?.ok ? quote.totalMinor : ''} data-fixed={weighing ? 'yes' : 'no'}>
          <Text fw={600}>
            {weighing ? t('mail.quote') : t('mail.quoteLive')}: {quote === null ? '—' : quote.ok ? money(quote.totalMinor) : tryT(`mail.rule.${quote.reason}`, quote.reason, { limit: typeof quote.limit === 'number' ? quote.limit : '—' })}
          </Text>
        </Paper>
        <SenderSearch onPick={setSender} />
        <Group grow align="flex-start">
          <PartyFields title={t('mail.sender')} value={sender} onChange={setSender} testId="mail-sender" countryCodes={countryCodes} {...partyProps('sender')} />
          <PartyFields title={t('mail.recipient')} value={{ ...recipient, country }} onChange={setRecipient} testId="mail-recipient" countryCodes={null} {...partyProps('recipient')} />
        </Group>
        {needsCustoms && <CustomsLines value={customs} onChange={setCustoms} cn22MaxValueMinor={catalog.cn22MaxValueMinor} />}
        {error && <Alert color="red" role="alert" data-testid="mail-item-error">{error}</Alert>}
        <Button onClick={add} disabled={!weighing || !quote?.ok || customsMissing.length > 0} data-testid="mail-add-item">{t('mail.addItem')}</Button>
      </Stack>
    </Paper>
  );
}
