import type { Migration } from 'kysely';
import * as m0001 from './0001-branches-and-ledger';
import * as m0002 from './0002-branch-functions';
import * as m0003 from './0003-tracking-events';
import * as m0004 from './0004-faster-push';
import * as m0005 from './0005-signed-push';
import * as m0006 from './0006-transfers-by-branch';
import * as m0007 from './0007-evidence-keyed-by-branch';
import * as m0008 from './0008-tracking-without-stream-lock';
import * as m0009 from './0009-push-admission';
import * as m0010 from './0010-branch-as-argument';
import * as m0011 from './0011-customer-register';
import * as m0012 from './0012-savings';
import * as m0013 from './0013-lean-push';
import * as m0014 from './0014-savings-credits-kept-aside';
import * as m0015 from './0015-money-orders';
import * as m0016 from './0016-lean-push-hashed-once';

/** Head-office schema, imported statically (a folder-reading provider breaks in a packaged app). Append only. */
export const headOfficeMigrations: Record<string, Migration> = {
  '0001-branches-and-ledger': m0001,
  '0002-branch-functions': m0002,
  '0003-tracking-events': m0003,
  '0004-faster-push': m0004,
  '0005-signed-push': m0005,
  '0006-transfers-by-branch': m0006,
  '0007-evidence-keyed-by-branch': m0007,
  '0008-tracking-without-stream-lock': m0008,
  '0009-push-admission': m0009,
  '0010-branch-as-argument': m0010,
  '0011-customer-register': m0011,
  '0012-savings': m0012,
  '0013-lean-push': m0013,
  '0014-savings-credits-kept-aside': m0014,
  '0015-money-orders': m0015,
  '0016-lean-push-hashed-once': m0016,
};
