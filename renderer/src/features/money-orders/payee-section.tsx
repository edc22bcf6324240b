import { Button, Group, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useI18n } from '../../i18n';
import { CustomerCard } from '../customers';
import { DocumentFields, documentChange, documentTyping } from './document-fields';
import { fieldOf, type OrderDesk } from './order-desk';
import { documentProblemKey, readDocument } from './order-reading';

interface Props {
  desk: OrderDesk;
  mode: string;
  /** Head office's tariff asks for the payee's document at this amount. */
  documentRequired: boolean;
  tried: boolean;
  disabled: boolean;
  onPick(): void;
}

/**
 * The payee: a customer of the register, or a name with — when the sender knows it, and always
 * above the tariff's threshold — the document the order will be paid on.
 */
export function PayeeSection({ desk, mode, documentRequired, tried, disabled, onPick }: Props) {
  const { t } = useI18n();
  const name = fieldOf(desk, 'payeeName');
  const typing = documentTyping(desk.fields, 'payeeDocument');
  const typed = typing.number.trim() !== '';
  const reading = typed ? readDocument(typing) : null;
  const documentError = !tried ? null : reading && !reading.ok ? t(documentProblemKey(reading.problem)) : !typed && documentRequired ? t('mo.payee.documentRequired') : null;
  return (
    <Stack gap="xs" data-testid="mo-payee" data-mode={mode}>
      <Group justify="space-between">
        <Title order={5}>{t('mo.issue.payee')}</Title>
        <SegmentedControl
          value={mode}
          onChange={(value) => desk.setField('payeeMode', value)}
          data={[
            { value: 'name', label: t('mo.payee.byName') },
            { value: 'register', label: t('mo.payee.fromRegister') },
          ]}
          disabled={disabled}
          data-testid="mo-payee-mode"
        />
      </Group>
      {mode === 'register' ? (
        desk.payee ? (
          <Stack gap={4}>
            <CustomerCard customer={desk.payee} />
            <Button size="xs" variant="subtle" onClick={onPick} disabled={disabled} data-testid="mo-payee-change">
              {t('mo.party.change')}
            </Button>
          </Stack>
        ) : (
          <Stack gap={4}>
            <Button variant="default" onClick={onPick} disabled={disabled} autoFocus data-testid="mo-payee-pick">
              {t('mo.payee.pick')}
            </Button>
            {tried && (
              <Text c="red" size="sm" role="alert" data-testid="mo-payee-missing">
                {t('mo.payee.missing')}
              </Text>
            )}
          </Stack>
        )
      ) : (
        <>
          <TextInput
            label={t('mo.payee.name')}
            value={name}
            onChange={(event) => desk.setField('payeeName', event.currentTarget.value)}
            autoComplete="off"
            autoFocus
            disabled={disabled}
            error={tried && name.trim().length < 2 ? t('mo.payee.nameMissing') : null}
            errorProps={{ 'data-testid': 'mo-payee-name-error', role: 'alert' }}
            data-testid="mo-payee-name"
          />
          <Text size="sm" c={documentRequired ? undefined : 'dimmed'} fw={documentRequired ? 700 : undefined} data-testid="mo-payee-document-hint">
            {documentRequired ? t('mo.payee.documentRequired') : t('mo.payee.documentOptional')}
          </Text>
          <DocumentFields
            value={typing}
            onChange={(change) => documentChange('payeeDocument', change).forEach(([field, value]) => desk.setField(field, value))}
            testId="mo-payee-document"
            required={documentRequired}
            error={documentError}
            disabled={disabled}
          />
        </>
      )}
    </Stack>
  );
}
