import { useCallback, useMemo, useState } from 'react';
import { Alert, Box, Button, Group, Kbd, Loader, Stack, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import type { CustomerView, TillConfig } from '@shared/contract';
import { call } from '../../api';
import { useKeptDraft } from '../../hooks/use-kept-draft';
import type { SentOperation } from '../../hooks/use-resumed-operation';
import { useI18n, type MessageKey } from '../../i18n';
import { useEscapeLayer, useUnfinishedWork } from '../home/screen-exit';
import { IncomingList } from './incoming-list';
import { IssueForm } from './issue-form';
import { IssuedList } from './issued-list';
import { draftHoldsWork, EMPTY_DRAFT, type MoneyOrderAction, type MoneyOrdersDraft, type OrderFields } from './money-orders-draft';
import type { OrderDesk } from './order-desk';
import { FindPanel } from './find-panel';
import { PayForm } from './pay-form';
import { RefundForm } from './refund-form';

interface ActionButton {
  action: MoneyOrderAction;
  label: MessageKey;
  key: string;
  /** Cash through the till: a clerk with an open till only. */
  cash: boolean;
}

const BUTTONS: readonly ActionButton[] = [
  { action: 'issue', label: 'mo.action.issue', key: 'F2', cash: true },
  { action: 'pay', label: 'mo.action.pay', key: 'F3', cash: true },
  { action: 'find', label: 'mo.action.find', key: 'F4', cash: false },
  { action: 'cancel', label: 'mo.action.cancel', key: 'F6', cash: true },
  { action: 'reimburse', label: 'mo.action.reimburse', key: 'F7', cash: true },
  { action: 'incoming', label: 'mo.action.incoming', key: 'F8', cash: false },
  { action: 'international', label: 'mo.action.international', key: 'F9', cash: true },
];

/**
 * The screen's state, kept by the host (drafts, screen `money-orders`) so a reload comes back to
 * the same form, typing and parties — and above all to the same operation id for an issue or a
 * payment already sent. Esc closes the innermost layer (the payee's register search, then the
 * form), then the screen.
 */
export function MoneyOrdersDesk({ config, sessionId, clerk }: { config: TillConfig; sessionId: string | null; clerk: boolean }) {
  const { t, dateTime } = useI18n();
  const [action, setAction] = useState<MoneyOrderAction | null>(null);
  const [fields, setFields] = useState<OrderFields>({});
  const [sender, setSender] = useState<CustomerView | null>(null);
  const [payee, setPayee] = useState<CustomerView | null>(null);
  const [sent, setSent] = useState<SentOperation | null>(null);
  const [restoring, setRestoring] = useState(0);
  const [version, setVersion] = useState(0);
  /** A new form each time one is chosen (F3 after a paid order is the next payment, not the last one's result). */
  const [serial, setSerial] = useState(0);
  const [restoredAt, setRestoredAt] = useState<string | null>(null);

  const draft: MoneyOrdersDraft = { action, fields, senderId: sender?.id ?? null, payeeId: payee?.id ?? null, sent };
  const holdsWork = draftHoldsWork(draft);
  const kept = useKeptDraft<MoneyOrdersDraft>('money-orders', draft, !holdsWork, (saved, savedAt) => {
    const restored = { ...EMPTY_DRAFT, ...saved };
    setAction(restored.action);
    setFields(restored.fields);
    setSent(restored.sent);
    if (draftHoldsWork(restored)) setRestoredAt(savedAt);
    // The parties come back from the register by id; one that cannot be read is picked again.
    const party = (id: string | null, set: (customer: CustomerView) => void) => {
      if (!id) return;
      setRestoring((n) => n + 1);
      call('customers.get', { customerId: id })
        .then(set, () => undefined)
        .finally(() => setRestoring((n) => n - 1));
    };
    party(restored.senderId, setSender);
    party(restored.payeeId, setPayee);
  });

  const choose = useCallback((next: MoneyOrderAction | null, filled: OrderFields = {}) => {
    setAction(next);
    setSerial((n) => n + 1);
    setFields(filled);
    setSender(null);
    setPayee(null);
    setRestoredAt(null);
  }, []);

  const buttons = BUTTONS.filter((button) => !button.cash || sessionId !== null);
  // F-keys work from inside a field too: the clerk's hands stay on the keyboard.
  useHotkeys(
    buttons.map((button): [string, () => void] => [button.key, () => choose(button.action)]),
    [],
  );
  useEscapeLayer(action !== null, () => choose(null));
  useUnfinishedWork(holdsWork, () => void kept.clear());

  const saveNow = kept.saveNow;
  const desk = useMemo<OrderDesk>(
    () => ({
      sessionId,
      config,
      fields,
      setField: (name, value) => setFields((current) => ({ ...current, [name]: value })),
      sender,
      setSender,
      payee,
      setPayee,
      sent,
      keepSent: async (next) => {
        setSent(next);
        // Before the request leaves: a reload from here on sends this id again, never a new one.
        if (next) await saveNow({ action, fields, senderId: sender?.id ?? null, payeeId: payee?.id ?? null, sent: next });
      },
      finished: () => {
        setSent(null);
        setFields({});
        setSender(null);
        setPayee(null);
      },
      changed: () => setVersion((v) => v + 1),
      close: () => choose(null),
      open: (next, filled) => choose(next, filled),
    }),
    [sessionId, config, fields, sender, payee, sent, saveNow, action, choose],
  );

  if (!kept.ready || restoring > 0) return <Loader size="sm" />;
  return (
    <Stack>
      {restoredAt && (
        <Alert color="blue" variant="light" data-testid="mo-draft-restored">
          {t('mo.draft.restored', { time: dateTime(restoredAt) })}
        </Alert>
      )}
      <Group>
        {buttons.map((button) => (
          <Button key={button.action} variant={action === button.action ? 'filled' : 'default'} onClick={() => choose(button.action)} data-testid={`mo-action-${button.action}`}>
            {t(button.label)}&nbsp;<Kbd dir="ltr">{button.key}</Kbd>
          </Button>
        ))}
      </Group>
      <Box key={serial}>
        <ActionPanel action={action} desk={desk} version={version} />
      </Box>
      <Text size="xs" c="dimmed">
        {t(clerk && sessionId !== null ? 'mo.keys.clerk' : 'mo.keys.reader')}
      </Text>
    </Stack>
  );
}

function ActionPanel({ action, desk, version }: { action: MoneyOrderAction | null; desk: OrderDesk; version: number }) {
  const sessionId = desk.sessionId;
  switch (action) {
    case null:
      return <IssuedList version={version} onOpen={(number) => desk.open('find', { number })} />;
    case 'find':
      return <FindPanel desk={desk} />;
    case 'incoming':
      return <IncomingList version={version} onPay={sessionId ? (number) => desk.open('pay', { number }) : null} />;
    case 'issue':
      return sessionId && <IssueForm desk={desk} sessionId={sessionId} kind="domestic" />;
    case 'international':
      return sessionId && <IssueForm desk={desk} sessionId={sessionId} kind="international-outgoing" />;
    case 'pay':
      return sessionId && <PayForm desk={desk} sessionId={sessionId} />;
    case 'cancel':
    case 'reimburse':
      return sessionId && <RefundForm desk={desk} sessionId={sessionId} purpose={action} />;
  }
}
