import { Alert, Badge } from '@mantine/core';
import type { SavingsAccountView } from '@shared/contract';
import { spacedSavingsAccountNumber } from '@shared/savings-account-number';
import { FactTable } from '../../components/fact-table';
import { useI18n } from '../../i18n';

/** The account as head office last gave it: balance, available, as of when, what still waits, the passbook's place. */
export function AccountFacts({ account }: { account: SavingsAccountView }) {
  const { t, money, dateTime } = useI18n();
  const figure = (value: SavingsAccountView['balance'], testId: string) =>
    value ? (
      <bdi dir="ltr" data-testid={testId} data-minor={value.minor}>
        {money(value.minor)}
      </bdi>
    ) : (
      t('savings.account.notKnown')
    );
  const { passbook } = account;
  const passbookText =
    passbook.number === null
      ? t('savings.account.passbookNone')
      : passbook.status === 'lost'
        ? t('savings.account.passbookLost', { number: passbook.number })
        : t('savings.account.passbookAt', { number: passbook.number, page: passbook.page, line: passbook.line });
  return (
    <>
      <Alert color={account.live ? 'green' : 'orange'} py={6} data-testid="savings-account-live" data-live={account.live}>
        {account.live ? t('savings.account.live') : t('savings.account.lastSeen')}
      </Alert>
      <FactTable
        facts={[
          { label: t('savings.col.number'), value: <bdi dir="ltr">{spacedSavingsAccountNumber(account.accountNumber)}</bdi>, testId: 'savings-account-number' },
          { label: t('savings.account.holder'), value: account.holderName, testId: 'savings-account-holder' },
          { label: t('savings.account.product'), value: <bdi dir="ltr">{account.productCode}</bdi> },
          {
            label: t('savings.account.status'),
            value: (
              <Badge color={account.status === 'active' ? 'green' : 'gray'} data-testid="savings-account-status" data-status={account.status}>
                {t(`savings.status.${account.status}`)}
              </Badge>
            ),
          },
          { label: t('savings.account.balance'), value: figure(account.balance, 'savings-account-balance') },
          { label: t('savings.account.available'), value: figure(account.available, 'savings-account-available') },
          { label: t('savings.account.asOf'), value: account.asOf ? <bdi>{dateTime(account.asOf)}</bdi> : t('savings.account.notKnown') },
          {
            label: t('savings.account.waiting'),
            value:
              account.waitingDeposits.minor > 0 ? t('savings.account.waitingSome', { amount: money(account.waitingDeposits.minor) }) : t('savings.account.waitingNone'),
            testId: 'savings-account-waiting',
          },
          { label: t('savings.account.passbook'), value: passbookText, testId: 'savings-account-passbook' },
        ]}
      />
    </>
  );
}
