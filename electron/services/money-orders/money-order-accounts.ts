import { accountFor, type AccountSpec } from '../ledger/accounts';

/**
 * The branch's money-order accounts. `money-orders-payable` is what the post owes payees: an issue
 * credits it, a payout debits it. No limit flag: a branch pays orders other branches issued, so its
 * own side may go below zero (settled nationally through head office). Fees are revenue.
 */
export const moneyOrderAccounts = (currency: string): { payable: AccountSpec; fees: AccountSpec } => ({
  payable: accountFor.moneyOrdersPayable(currency),
  fees: accountFor.revenue('money-order-fees', currency),
});
