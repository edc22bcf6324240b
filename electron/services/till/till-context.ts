import type { TillConfig } from '@shared/contract';
import type { Role } from '@shared/roles';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Sqlite } from '../db/open-database';
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
  /** The head-office link as the status bar sees it: explains why a day close still waits. */
  headOfficeLink?: () => HeadOfficeLinkSnapshot | null;
  /** After a day close committed: the composition root takes a backup there. */
  onDayClosed?: () => void;
}
