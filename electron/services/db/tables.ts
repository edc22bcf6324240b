import type { AuditTables } from '../audit/audit.tables';
import type { AuthTables } from '../auth/auth.tables';
import type { BasketTables } from '../basket/basket.tables';
import type { BranchTables } from '../branch/branch.tables';
import type { CounterpartyTables } from '../counterparty/counterparty.tables';
import type { CustomerTables } from '../customers/customers.tables';
import type { DayCloseTables } from '../day-close/day-close.tables';
import type { LedgerTables } from '../ledger/ledger.tables';
import type { MoneyOrderTables } from '../money-orders/money-orders.tables';
import type { ReplicationTables } from '../replication/replication.tables';
import type { SavingsTables } from '../savings/savings.tables';
import type { SystemTables } from '../system/system.tables';
import type { TillTables } from '../till/till.tables';

/** Every table of the branch database, each described beside the module that owns it. */
export interface CounterDatabase
  extends LedgerTables,
    TillTables,
    CounterpartyTables,
    CustomerTables,
    ReplicationTables,
    SavingsTables,
    MoneyOrderTables,
    // The ledger's side (issue 13): one line each, so the other modules' additions merge beside them.
    AuthTables,
    AuditTables,
    BranchTables,
    BasketTables,
    DayCloseTables,
    SystemTables {}
