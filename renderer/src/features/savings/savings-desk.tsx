import { useCallback, useMemo, useState } from 'react';
import { Alert, Loader, Stack, Text } from '@mantine/core';
import type { CustomerView, TillConfig } from '@shared/contract';
import { call } from '../../api';
import { useKeptDraft } from '../../hooks/use-kept-draft';
import { useI18n } from '../../i18n';
import { CustomerPicker } from '../customers';
import { useEscapeLayer, useUnfinishedWork } from '../home/screen-exit';
import { AccountDesk } from './account-desk';
import type { CashDesk } from './cash-desk';
import { CustomerAccounts } from './customer-accounts';
import { OpenAccountForm } from './open-account-form';
import { EMPTY_DRAFT, type SavingsAction, type SavingsDraft, type SavingsFields, type SentOperation } from './savings-draft';

const CASH_FORMS = new Set<SavingsAction>(['open', 'deposit', 'withdraw']);

/**
 * The screen's state, kept by the host (drafts, screen `savings`) so a reload comes back to the
 * same customer, account, form and typing — and above all to the same operation id for a booking
 * already sent. Esc closes the form, then the account, then the customer, then the screen.
 */
export function SavingsDesk({ config, sessionId }: { config: TillConfig; sessionId: string | null }) {
  const { t, dateTime } = useI18n();
  const [customer, setCustomer] = useState<CustomerView | null>(null);
  const [restoring, setRestoring] = useState(false);
  const [accountNumber, setAccountNumber] = useState<string | null>(null);
  const [action, setAction] = useState<SavingsAction | null>(null);
  const [fields, setFields] = useState<SavingsFields>({});
  const [sent, setSent] = useState<SentOperation | null>(null);
  const [version, setVersion] = useState(0);
  /** A new form each time one is chosen (F4 after a paid withdrawal is the next withdrawal, not the last one's result). */
  const [serial, setSerial] = useState(0);
  const [restoredAt, setRestoredAt] = useState<string | null>(null);

  const draft: SavingsDraft = { customerId: customer?.id ?? null, accountNumber, action, fields, sent };
  const kept = useKeptDraft<SavingsDraft>('savings', draft, customer === null && sent === null, (saved, savedAt) => {
    const restored = { ...EMPTY_DRAFT, ...saved };
    setAccountNumber(restored.accountNumber);
    setAction(restored.action);
    setFields(restored.fields);
    setSent(restored.sent);
    if (restored.sent || Object.values(restored.fields).some((value) => value !== '')) setRestoredAt(savedAt);
    if (!restored.customerId) return;
    setRestoring(true);
    call('customers.get', { customerId: restored.customerId })
      .then(setCustomer, () => setAccountNumber(null))
      .finally(() => setRestoring(false));
  });

  const choose = useCallback((next: SavingsAction | null) => {
    setAction(next);
    setSerial((n) => n + 1);
    setFields({});
    setRestoredAt(null);
  }, []);
  const forgetCustomer = () => {
    setCustomer(null);
    setAccountNumber(null);
    choose(null);
  };
  const typing = action !== null && CASH_FORMS.has(action) && Object.values(fields).some((value) => value.trim() !== '');
  useUnfinishedWork(typing || sent !== null, () => void kept.clear());
  useEscapeLayer(customer !== null && accountNumber === null && action === null, forgetCustomer);
  useEscapeLayer(accountNumber !== null, () => setAccountNumber(null));
  useEscapeLayer(action === 'open', () => choose(null));

  const saveNow = kept.saveNow;
  const desk = useMemo<CashDesk>(
    () => ({
      sessionId,
      config,
      fields,
      setField: (name, value) => setFields((current) => ({ ...current, [name]: value })),
      sent,
      keepSent: async (next) => {
        setSent(next);
        // Before the request leaves: a reload from here on sends this id again, never a new one.
        if (next) await saveNow({ customerId: customer?.id ?? null, accountNumber, action, fields, sent: next });
      },
      finished: () => {
        setSent(null);
        setFields({});
      },
      changed: () => setVersion((v) => v + 1),
      close: () => choose(null),
    }),
    [sessionId, config, fields, sent, saveNow, customer, accountNumber, action, choose],
  );

  if (!kept.ready || restoring) return <Loader size="sm" />;
  if (!customer) return <CustomerPicker onPick={setCustomer} />;
  return (
    <Stack>
      {restoredAt && (
        <Alert color="blue" variant="light" data-testid="savings-draft-restored">
          {t('savings.draft.restored', { time: dateTime(restoredAt) })}
        </Alert>
      )}
      {accountNumber ? (
        <AccountDesk accountNumber={accountNumber} customer={customer} desk={desk} action={action} onAction={choose} version={version} serial={serial} />
      ) : action === 'open' && sessionId ? (
        <OpenAccountForm
          key={serial}
          desk={desk}
          sessionId={sessionId}
          customer={customer}
          onOpened={(opened) => {
            choose(null);
            setAccountNumber(opened);
            setVersion((v) => v + 1);
          }}
        />
      ) : (
        <CustomerAccounts
          customer={customer}
          canOpen={sessionId !== null}
          version={version}
          onChoose={(number) => {
            choose(null);
            setAccountNumber(number);
          }}
          onOpen={() => choose('open')}
          onOtherCustomer={forgetCustomer}
        />
      )}
      <Text size="xs" c="dimmed">
        {t('savings.keys')}
      </Text>
    </Stack>
  );
}
