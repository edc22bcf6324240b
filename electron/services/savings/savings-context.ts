import type { TillContext } from '../till/till-context';
import { savingsAccountsRepository, type SavingsAccountsRepository } from './savings-accounts.repository';

/** What the savings services need: the till's (ledger, devices, branch) and the branch's copy of the accounts. */
export interface SavingsContext {
  till: TillContext;
  accounts: SavingsAccountsRepository;
  /** True while head office answers: a deposit says it is credited now, a withdrawal may be asked for. */
  headOfficeOnline: () => boolean;
}

/** Built once by the composition root. */
export function createSavingsContext(till: TillContext, headOfficeOnline: () => boolean): SavingsContext {
  return { till, accounts: savingsAccountsRepository(till.sqlite), headOfficeOnline };
}
