import { Alert, Box, Button, Group, Kbd, Loader, Stack, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import type { CustomerView } from '@shared/contract';
import { spacedSavingsAccountNumber } from '@shared/savings-account-number';
import { useCallData } from '../../hooks/use-call-data';
import { useI18n, type MessageKey } from '../../i18n';
import { useEscapeLayer } from '../home/screen-exit';
import { AccountFacts } from './account-facts';
import type { CashDesk } from './cash-desk';
import { DepositForm } from './deposit-form';
import { LostPassbookPanel } from './lost-passbook-panel';
import { PassbookPanel } from './passbook-panel';
import type { SavingsAction } from './savings-draft';
import { StatementPanel } from './statement-panel';
import { useSavingsFailureText } from './use-savings-failure-text';
import { WithdrawForm } from './withdraw-form';

interface Props {
  accountNumber: string;
  customer: CustomerView;
  desk: CashDesk;
  action: SavingsAction | null;
  onAction(action: SavingsAction | null): void;
  /** Bumped whenever something changed the account: read it again. */
  version: number;
  /** Changes whenever a form is chosen: the form starts afresh. */
  serial: number;
}

interface ActionButton {
  action: SavingsAction;
  label: MessageKey;
  key: string | null;
  /** Cash through the till: a clerk with an open till only. */
  cash: boolean;
}

const BUTTONS: readonly ActionButton[] = [
  { action: 'deposit', label: 'savings.action.deposit', key: 'F3', cash: true },
  { action: 'withdraw', label: 'savings.action.withdraw', key: 'F4', cash: true },
  { action: 'passbook', label: 'savings.action.passbook', key: 'F6', cash: false },
  { action: 'statement', label: 'savings.action.statement', key: 'F7', cash: false },
  { action: 'lost', label: 'savings.action.lost', key: null, cash: false },
];

/** One account at the window: its figures, and the operations on it, each a key away. */
export function AccountDesk({ accountNumber, customer, desk, action, onAction, version, serial }: Props) {
  const { t } = useI18n();
  const failureText = useSavingsFailureText();
  const account = useCallData('savings.account', { accountNumber }, version);
  const buttons = BUTTONS.filter((button) => !button.cash || desk.sessionId !== null);
  // F-keys work from inside a field too: the clerk's hands stay on the keyboard.
  useHotkeys(
    buttons.flatMap((button): Array<[string, () => void]> => (button.key ? [[button.key, () => onAction(button.action)]] : [])),
    [],
  );
  useEscapeLayer(action !== null, () => onAction(null));

  const sessionId = desk.sessionId;
  const form = (() => {
    switch (action) {
      case null:
        return null;
      case 'deposit':
        return sessionId && <DepositForm desk={desk} sessionId={sessionId} accountNumber={accountNumber} />;
      case 'withdraw':
        return sessionId && <WithdrawForm desk={desk} sessionId={sessionId} accountNumber={accountNumber} holderDocumentType={customer.document.type} />;
      case 'passbook':
        return <PassbookPanel accountNumber={accountNumber} onPrinted={desk.changed} />;
      case 'statement':
        return <StatementPanel accountNumber={accountNumber} />;
      case 'lost':
        return <LostPassbookPanel accountNumber={accountNumber} onReplaced={desk.changed} />;
      case 'open':
        return null;
    }
  })();

  return (
    <Stack data-testid="savings-account" data-account={accountNumber}>
      <Title order={3}>
        {/* The number's digit groups in an element of their own: inside Arabic text they would come out reversed. */}
        {t('savings.account.title')} <bdi dir="ltr">{spacedSavingsAccountNumber(accountNumber)}</bdi>
      </Title>
      {account.error !== null && (
        <Alert color="red" role="alert" data-testid="savings-account-error">
          {failureText(account.error)}
        </Alert>
      )}
      {account.data ? <AccountFacts account={account.data} /> : account.error === null && <Loader size="sm" />}
      <Group>
        {buttons.map((button) => (
          <Button
            key={button.action}
            variant={action === button.action ? 'filled' : 'default'}
            color={button.action === 'lost' ? 'red' : undefined}
            onClick={() => onAction(button.action)}
            data-testid={`savings-action-${button.action}`}
          >
            {t(button.label)}
            {button.key && (
              <>
                &nbsp;<Kbd dir="ltr">{button.key}</Kbd>
              </>
            )}
          </Button>
        ))}
      </Group>
      <Box key={serial}>{form}</Box>
    </Stack>
  );
}
