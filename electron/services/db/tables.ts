import type { Generated } from 'kysely';
import type { BasketTables } from '../basket/basket.tables';
import type { CounterpartyTables } from '../counterparty/counterparty.tables';
import type { CustomerTables } from '../customers/customers.tables';
import type { DeviceTables } from '../devices/devices.tables';
import type { LedgerTables } from '../ledger/ledger.tables';
import type { MailTables } from '../mail/mail.tables';
import type { MoneyOrderTables } from '../money-orders/money-orders.tables';
import type { PickupTables } from '../pickup/pickup.tables';
import type { ReplicationTables } from '../replication/replication.tables';
import type { SavingsTables } from '../savings/savings.tables';
import type { TillTables } from '../till/till.tables';
import type { TrackingTables } from '../tracking/tracking.tables';

/** One row: the branch this database belongs to. `demo` marks the sample branch. */
export interface BranchTable {
  id: number;
  code: string;
  name: string;
  country: string;
  currency: string;
  language: string;
  demo: number;
  created_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  language: string;
  secret_hash: string;
  failed_attempts: number;
  locked_at: string | null;
  disabled: number;
  created_at: string;
}

/** Append-only: triggers refuse UPDATE and DELETE. */
export interface AuditTable {
  seq: Generated<number>;
  at: string;
  actor: string | null;
  action: string;
  subject: string | null;
  outcome: string;
  details: string;
}

export interface CounterDatabase
  extends LedgerTables,
    TillTables,
    CounterpartyTables,
    CustomerTables,
    ReplicationTables,
    SavingsTables,
    MoneyOrderTables,
    // The counter services' side (issue 13): one line each, so the other modules' additions merge beside them.
    BasketTables,
    MailTables,
    PickupTables,
    TrackingTables,
    DeviceTables {
  branch: BranchTable;
  users: UserTable;
  audit_log: AuditTable;
}
