import { HeadOfficeSavingsApi } from '../headoffice/savings-api';
import type { SqlRunner } from '../headoffice/sql-runner';
import type { TillContext } from '../till/till-context';
import { savingsAccountsRepository, type SavingsAccountsRepository } from './savings-accounts.repository';
import { closingsRepository, type ClosingsRepository } from './closings.repository';

/** Why head office cannot be asked now. */
export type HeadOfficeAbsence = 'offline' | 'not-configured';

/** Head office's savings functions, asked on a connection of their own while the link is up. */
export type AskHeadOffice = <R>(ask: (api: HeadOfficeSavingsApi) => Promise<R>) => Promise<{ ok: true; value: R } | { ok: false; why: HeadOfficeAbsence }>;

/** What the savings services need: the till's (ledger, devices, branch), the branch's copy of the accounts, and head office. */
export interface SavingsContext {
  till: TillContext;
  accounts: SavingsAccountsRepository;
  /** Closings under way or paid here: the account's other movements are refused meanwhile. */
  closings: ClosingsRepository;
  /** True while head office answers: a deposit says it is credited now, a withdrawal may be asked for. */
  headOfficeOnline: () => boolean;
  headOffice: AskHeadOffice;
}

/** The part of the replication service savings uses (the link's state and a call on its own connection). */
export interface SavingsLink {
  online(): boolean;
  withHeadOffice<R>(ask: (sql: SqlRunner, branchCode: string) => Promise<R>): Promise<{ ok: true; value: R } | { ok: false; why: HeadOfficeAbsence }>;
}

/** Built once by the composition root. */
export function createSavingsContext(till: TillContext, link: SavingsLink): SavingsContext {
  return {
    till,
    accounts: savingsAccountsRepository(till.sqlite),
    closings: closingsRepository(till.sqlite),
    headOfficeOnline: () => link.online(),
    headOffice: (ask) => link.withHeadOffice((sql, branchCode) => ask(new HeadOfficeSavingsApi(sql, branchCode))),
  };
}
