import type { Clock } from '../clock';
import type { Sqlite } from '../db/open-database';
import type { SqlConnection } from '../headoffice/sql-runner';
import { HeadOfficeTrackingApi } from '../headoffice/tracking-api';
import { localIsoTime } from '../ledger/local-time';
import { storeHeadOfficeEvents } from '../tracking/head-office-events';

/** A clerk waits at most this long for head office before seeing what the branch already holds. */
const LOOKUP_DEADLINE_MS = 2000;

export interface ItemHistorySource {
  sqlite: Sqlite;
  clock: Clock;
  /** Opens a session as this branch's head-office role. */
  connect: () => Promise<SqlConnection>;
}

/**
 * Asks head office for everything it holds about one item (any branch may: it
 * is what the post's public tracking page shows) and keeps it at the branch, so
 * a later lookup without the link still shows it. Never throws: a slow or broken
 * link is `offline`, and the lookup shows what the branch last received.
 */
export async function fetchItemHistory(source: ItemHistorySource, s10: string, deadlineMs = LOOKUP_DEADLINE_MS): Promise<'received' | 'offline'> {
  const opening = source.connect();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('head office did not answer in time')), deadlineMs);
    timer.unref?.();
  });
  try {
    const events = await Promise.race([opening.then((connection) => new HeadOfficeTrackingApi(connection).itemHistory(s10)), deadline]);
    storeHeadOfficeEvents(source.sqlite, events, localIsoTime(source.clock.now()));
    return 'received';
  } catch {
    return 'offline';
  } finally {
    clearTimeout(timer);
    // Closed whenever it opens, even after the deadline: ending it also stops a query still running.
    void opening.then((connection) => connection.close()).catch(() => undefined);
  }
}
