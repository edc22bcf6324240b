import { join } from 'node:path';
import { AuditLog } from '../../../electron/services/audit/audit-log';
import type { Clock } from '../../../electron/services/clock';
import { migrateToLatest } from '../../../electron/services/db/migrate';
import { openDatabase, type Sqlite } from '../../../electron/services/db/open-database';
import { Ledger } from '../../../electron/services/ledger/ledger';
import { makeTempDir } from '../../support/temp-dir';
import { testJournalKey } from '../../support/journal-key';

export interface LedgerFixture {
  sqlite: Sqlite;
  ledger: Ledger;
  file: string;
  close(): Promise<void>;
}

export const fixedClock = (iso = '2025-03-01T09:00:00Z'): Clock & { advance(ms: number): void } => {
  let now = new Date(iso).getTime();
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
};

/** A migrated branch database on the real disk with a ledger on it. */
export async function openLedgerFixture(clock: Clock = fixedClock()): Promise<LedgerFixture> {
  const temp = makeTempDir('ledger-unit-');
  const file = join(temp.dir, 'branch.sqlite');
  const opened = openDatabase(file);
  if (!opened.ok) throw new Error(opened.refusal.detail);
  await migrateToLatest(opened.opened.db);
  const sqlite = opened.opened.sqlite;
  return {
    sqlite,
    file,
    ledger: new Ledger(sqlite, clock, new AuditLog(sqlite, clock), testJournalKey(sqlite, file)),
    async close() {
      await opened.opened.db.destroy();
      temp.remove();
    },
  };
}
