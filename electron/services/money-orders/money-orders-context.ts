import { HeadOfficeMoneyOrdersApi } from '../headoffice/money-orders-api';
import type { SqlRunner } from '../headoffice/sql-runner';
import type { Logger } from '../log/logger';
import type { TillContext } from '../till/till-context';
import { moneyOrderNumbers, type MoneyOrderNumbers } from './order-numbers';
import { moneyOrdersRepository, type MoneyOrdersRepository } from './money-orders.repository';
import { moneyOrderTariffs, type MoneyOrderTariffs } from './tariff';

/** Why head office cannot be asked now. */
export type HeadOfficeAbsence = 'offline' | 'not-configured';

/** Head office's money-order functions, asked on a connection of their own while the link is up. */
export type AskHeadOffice = <R>(ask: (api: HeadOfficeMoneyOrdersApi) => Promise<R>) => Promise<{ ok: true; value: R } | { ok: false; why: HeadOfficeAbsence }>;

/** What the money-order services need: the till's (ledger, devices, branch), the branch's copy, the tariffs, numbers, and head office. */
export interface MoneyOrdersContext {
  till: TillContext;
  orders: MoneyOrdersRepository;
  numbers: MoneyOrderNumbers;
  tariffs: MoneyOrderTariffs;
  /** True while head office answers: an order issued now is payable now, and a payout may be asked for. */
  headOfficeOnline: () => boolean;
  headOffice: AskHeadOffice;
  /** Pushes the register stream now (the order just issued), instead of at the job's next cycle. */
  transmit: () => Promise<void>;
  logger?: Pick<Logger, 'warn'>;
}

/** The part of the replication service money orders use. */
export interface MoneyOrdersLink {
  online(): boolean;
  withHeadOffice<R>(ask: (sql: SqlRunner, branchCode: string) => Promise<R>): Promise<{ ok: true; value: R } | { ok: false; why: HeadOfficeAbsence }>;
  pushRegister(): Promise<void>;
}

/** Built once by the composition root. */
export function createMoneyOrdersContext(till: TillContext, link: MoneyOrdersLink, logger?: Pick<Logger, 'warn'>): MoneyOrdersContext {
  return {
    till,
    orders: moneyOrdersRepository(till.sqlite),
    numbers: moneyOrderNumbers(till.sqlite),
    tariffs: moneyOrderTariffs(till.sqlite),
    headOfficeOnline: () => link.online(),
    headOffice: (ask) => link.withHeadOffice((sql, branchCode) => ask(new HeadOfficeMoneyOrdersApi(sql, branchCode))),
    transmit: () => link.pushRegister(),
    logger,
  };
}
