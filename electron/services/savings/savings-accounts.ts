import { ContractError } from '@shared/contract';
import type { SavingsContext } from './savings-context';
import type { SavingsAccountRow } from './savings.tables';

/**
 * The account as this branch knows it. An account never seen here must be looked up at head
 * office first (`savings.account`): booking money to a number nobody checked could credit a
 * stranger, so offline the counter refuses and says why.
 */
export function knownAccount(ctx: SavingsContext, accountNumber: string): SavingsAccountRow {
  const account = ctx.accounts.read(accountNumber);
  if (account) return account;
  throw new ContractError('NOT_FOUND', `account ${accountNumber} is not known at this branch`, {
    rule: ctx.headOfficeOnline() ? 'unknown-account' : 'unknown-account-offline',
    accountNumber,
  });
}
