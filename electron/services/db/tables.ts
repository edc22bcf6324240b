import type { AuditTables } from '../audit/audit.tables';
import type { AuthTables } from '../auth/auth.tables';
import type { BasketTables } from '../basket/basket.tables';
import type { BranchTables } from '../branch/branch.tables';
import type { CounterpartyTables } from '../counterparty/counterparty.tables';
import type { CustomerTables } from '../customers/customers.tables';
import type { DayCloseTables } from '../day-close/day-close.tables';
import type { DeviceTables } from '../devices/devices.tables';
import type { LedgerTables } from '../ledger/ledger.tables';
import type { MailTables } from '../mail/mail.tables';
import type { MoneyOrderTables } from '../money-orders/money-orders.tables';
import type { PickupTables } from '../pickup/pickup.tables';
import type { ReplicationTables } from '../replication/replication.tables';
import type { SavingsTables } from '../savings/savings.tables';
import type { SystemTables } from '../system/system.tables';
import type { TillTables } from '../till/till.tables';
import type { TrackingTables } from '../tracking/tracking.tables';

/** Every table of the branch database, each described beside the module that owns it (one line each, so additions merge beside each other). */
export interface CounterDatabase
  extends LedgerTables,
    TillTables,
    CounterpartyTables,
    CustomerTables,
    ReplicationTables,
    SavingsTables,
    MoneyOrderTables,
    AuthTables,
    AuditTables,
    BranchTables,
    BasketTables,
    DayCloseTables,
    SystemTables,
    MailTables,
    PickupTables,
    TrackingTables,
    DeviceTables {}
