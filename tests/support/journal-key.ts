import { dirname } from 'node:path';
import type { Sqlite } from '../../electron/services/db/open-database';
import { openJournalKey, type JournalKey } from '../../electron/services/ledger/journal-key';
import { UnprotectedFileSecretStore } from '../../electron/services/replication/secret-store';

/** The branch's journal key for a test database: the secret sits beside the file, as the counter keeps it in its data folder. */
export function testJournalKey(sqlite: Sqlite, file: string = sqlite.name): JournalKey {
  return openJournalKey(sqlite, new UnprotectedFileSecretStore(dirname(file)), new Date().toISOString());
}
