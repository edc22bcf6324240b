import { ContractError } from '@shared/contract';
import type { ClosingsRepository } from './closings.repository';
import type { SavingsAccountRow, SavingsBlockType } from './savings.tables';

/** Which way money moves on the account: a deposit credits it, a withdrawal or a closing debits it. */
export type Movement = 'credit' | 'debit';

const blocks = (block: SavingsBlockType | null, movement: Movement): boolean => block === 'all' || block === movement;

/**
 * The window's refusals from what the branch knows of the account: head office's status and
 * block as last seen (fresh when the link is up: the handlers ask first), and a closing under way
 * or paid here. Head office checks again for what it decides (a withdrawal's hold); a deposit
 * made offline to an account blocked since is kept aside there with an alarm, never lost.
 */
export function checkMovement(account: SavingsAccountRow, closings: ClosingsRepository, movement: Movement): void {
  const number = account.account_number;
  const closing = closings.standing(number);
  if (account.status === 'closed' || closing === 'paid') {
    throw new ContractError('RULE_BROKEN', `account ${number} is closed`, { rule: 'account-closed', accountNumber: number });
  }
  if (closing === 'under-way') {
    throw new ContractError('RULE_BROKEN', `account ${number} is being closed: its balance is held for the closing payout`, { rule: 'account-closing', accountNumber: number });
  }
  if (account.status === 'blocked' && blocks(account.block_type, movement)) {
    const rule = movement === 'credit' ? 'account-blocked-for-credits' : 'account-blocked-for-debits';
    throw new ContractError('RULE_BROKEN', `account ${number} is blocked by head office (${account.block_type}): no ${movement}s`, {
      rule,
      accountNumber: number,
      blockType: account.block_type,
    });
  }
  // A dormant account takes deposits (they do not wake it: head office's rule); paying from it needs a supervisor first.
  if (movement === 'debit' && account.status === 'dormant') {
    throw new ContractError('RULE_BROKEN', `account ${number} is dormant: a supervisor reactivates it first`, { rule: 'account-dormant', accountNumber: number });
  }
}
