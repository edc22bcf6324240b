import { ContractError } from '@shared/contract';
import { customerById } from '../customers/customers.repository';
import { localIsoTime } from '../ledger/local-time';
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

/**
 * Head office's figures for the account, kept here for offline use; null when head office cannot
 * be asked now (the caller shows what it last saw). An account head office does not hold is refused.
 */
export async function refreshAccount(ctx: SavingsContext, accountNumber: string): Promise<SavingsAccountRow | null> {
  const asked = await ctx.headOffice((api) => api.account(accountNumber, 0, 0)).catch(() => null);
  if (!asked?.ok) return null;
  const answer = asked.value;
  if (!answer.found) throw new ContractError('NOT_FOUND', `head office holds no account ${accountNumber}`, { rule: answer.reason, accountNumber });
  const account = answer.account;
  const known = ctx.accounts.read(accountNumber);
  const holder = known ? null : customerById(ctx.till.sqlite, account.customer_id);
  const at = localIsoTime(ctx.till.clock.now());
  const row: SavingsAccountRow = {
    account_number: account.account_number,
    customer_id: account.customer_id,
    // An account opened elsewhere, whose holder this branch has not looked up yet, shows without a name.
    holder_name: known?.holder_name ?? (holder ? `${holder.given_names} ${holder.family_name}` : ''),
    product_code: account.product_code,
    currency: account.currency,
    status: account.status,
    block_type: account.block_type,
    balance: account.balance,
    available: account.available,
    as_of: at,
    opened_at: known?.opened_at ?? account.opened_at,
    updated_at: at,
  };
  ctx.accounts.save(row);
  return row;
}
