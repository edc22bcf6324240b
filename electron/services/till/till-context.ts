import type { BranchProfile, TillConfig } from '@shared/contract';
import type { Role } from '@shared/roles';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Sqlite } from '../db/open-database';
import type { CounterDevices } from '../devices/counter-devices';
import type { Ledger } from '../ledger/ledger';
import type { Catalog } from './catalog';
import type { HeadOfficeLinkSnapshot } from './day-close-state.view';

/** Who is at the keyboard. */
export interface Actor {
  username: string;
  role: Role;
}

/** What every till service needs: one object, built once by the composition root. */
export interface TillContext {
  sqlite: Sqlite;
  ledger: Ledger;
  clock: Clock;
  audit: AuditLog;
  catalog: Catalog;
  /** The branch currency's configuration (denominations, thresholds, ceiling). */
  config: () => TillConfig;
  /** The branch the receipts name (code, name, language, demo); throws before first-run setup. */
  branch: () => BranchProfile;
  /**
   * The receipt printer and drawer: a cash operation writes its receipt job in its own transaction
   * (the outbox) and, after the commit, prints it and opens the drawer. Null while the database is
   * refused or in tests of the ledger alone: the operation books the same, nothing prints.
   */
  devices: CounterDevices | null;
  /** The head-office link as the status bar sees it: explains why a day close still waits. */
  headOfficeLink?: () => HeadOfficeLinkSnapshot | null;
  /** After a day close committed: the composition root takes a backup there. */
  onDayClosed?: () => void;
}
