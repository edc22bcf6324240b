import type { Migration } from 'kysely';
import * as m0001 from './0001-branch-users-audit';
import * as m0002 from './0002-ledger';
import * as m0003 from './0003-tills';
import * as m0005 from './0005-replication';
import * as m0006 from './0006-devices';
import * as m0007 from './0007-mail';
import * as m0008 from './0008-day-close-state';
import * as m0009 from './0009-tracking-replication';
import * as m0011 from './0011-leaner-sale-commit';
import * as m0012 from './0012-print-jobs-by-reference';
import * as m0013 from './0013-acceptance-cancelled';
import * as m0014 from './0014-audit-by-action';
import * as m0016 from './0016-signed-journal';
import * as m0018 from './0018-operation-numbers';
import * as m0019 from './0019-counterparty-operations';
import * as m0020 from './0020-customers';
import * as m0021 from './0021-savings';
import * as m0022 from './0022-savings-lifecycle';
import * as m0023 from './0023-money-orders';

/**
 * Imported statically, not read from a folder: a folder-reading provider breaks
 * inside a packaged app. Append new migrations; never edit a released one.
 */
export const migrations: Record<string, Migration> = {
  '0001-branch-users-audit': m0001,
  '0002-ledger': m0002,
  '0003-tills': m0003,
  '0005-replication': m0005,
  '0006-devices': m0006,
  '0007-mail': m0007,
  '0008-day-close-state': m0008,
  '0009-tracking-replication': m0009,
  '0011-leaner-sale-commit': m0011,
  '0012-print-jobs-by-reference': m0012,
  '0013-acceptance-cancelled': m0013,
  '0014-audit-by-action': m0014,
  '0016-signed-journal': m0016,
  '0018-operation-numbers': m0018,
  '0019-counterparty-operations': m0019,
  '0020-customers': m0020,
  '0021-savings': m0021,
  '0022-savings-lifecycle': m0022,
  '0023-money-orders': m0023,
};
