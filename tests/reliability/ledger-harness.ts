import { randomUUID } from 'node:crypto';
import { AuditLog } from '../../electron/services/audit/audit-log';
import { DEMO_BRANCH } from '../../electron/services/branch/demo-branch';
import { insertBranch, readBranch } from '../../electron/services/branch/branch.repository';
import type { Clock } from '../../electron/services/clock';
import { migrateToLatest } from '../../electron/services/db/migrate';
import { openDatabase, type OpenedDatabase } from '../../electron/services/db/open-database';
import { createTillContext } from '../../electron/services/till/create-till-context';
import type { TillContext } from '../../electron/services/till/till-context';
import { testJournalKey } from '../support/journal-key';

/**
 * A branch database with the demo branch and its clerks, and the till services on
 * it, without the router: the reliability tests drive the services directly (no
 * sign-in, no key derivation) so hundreds of operations fit in seconds.
 */
export interface LedgerHarness {
  opened: OpenedDatabase;
  tills: TillContext;
  close(): Promise<void>;
}

export async function openLedgerHarness(file: string, options: { clock?: Clock; migrate?: boolean } = {}): Promise<LedgerHarness> {
  const result = openDatabase(file);
  if (!result.ok) throw new Error(`refused: ${result.refusal.detail}`);
  const { sqlite, db } = result.opened;
  if (options.migrate !== false) await migrateToLatest(db);
  const clock = options.clock ?? { now: () => new Date() };
  if (!readBranch(sqlite)) {
    sqlite.transaction(() => {
      insertBranch(sqlite, DEMO_BRANCH, clock.now().toISOString());
      for (const [username, role] of [['amina', 'clerk'], ['omar', 'clerk'], ['hassan', 'supervisor']]) {
        sqlite
          .prepare("INSERT INTO users (id, username, display_name, role, language, secret_hash, created_at) VALUES (?, ?, ?, ?, 'fr', 'x', ?)")
          .run(randomUUID(), username, username, role, clock.now().toISOString());
      }
    })();
  }
  const tills = createTillContext({ sqlite, clock, audit: new AuditLog(sqlite, clock), journal: testJournalKey(sqlite, file), branch: () => readBranch(sqlite) });
  return { opened: result.opened, tills, close: () => db.destroy() };
}

export const HASSAN = { username: 'hassan', role: 'supervisor' as const };
export const clerk = (username: string) => ({ username, role: 'clerk' as const });
export const djf = (minor: number) => ({ minor, currency: 'DJF' });
