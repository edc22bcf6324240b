import { join } from 'node:path';
import { accountFor } from '../../electron/services/ledger/accounts';
import { fingerprintOf, Ledger } from '../../electron/services/ledger/ledger';
import { verifyLedger } from '../../electron/services/ledger/verify-ledger';
import { balancesFromTransfers } from '../../electron/services/ledger/transfers.repository';
import type { LedgerTransferTable } from '../../electron/services/ledger/ledger.tables';
import { migrateToLatest } from '../../electron/services/db/migrate';
import { openDatabase, type OpenedDatabase } from '../../electron/services/db/open-database';
import { systemClock, type Clock } from '../../electron/services/clock';
import { uuid7 } from '@shared/uuid7';
import { testJournalKey } from './journal-key';

export interface TestBranchLedger {
  file: string;
  opened: OpenedDatabase;
  ledger: Ledger;
  /** Books `count` sales of a stamp (cash into the safe, revenue out), one operation each. */
  sell(count: number, amount?: number): void;
  transfers(): LedgerTransferTable[];
  lastSeq(): number;
  close(): Promise<void>;
}

/** A real branch database file with the real ledger, migrated like the counter does it. */
export async function openTestBranchLedger(dir: string, clock: Clock = systemClock, name = 'branch.sqlite'): Promise<TestBranchLedger> {
  const file = join(dir, name);
  const result = openDatabase(file);
  if (!result.ok) throw new Error(`branch database refused: ${result.refusal.detail}`);
  await migrateToLatest(result.opened.db);
  const ledger = new Ledger(result.opened.sqlite, clock, null, testJournalKey(result.opened.sqlite, file));
  const sqlite = result.opened.sqlite;
  return {
    file,
    opened: result.opened,
    ledger,
    sell(count, amount = 150) {
      for (let i = 0; i < count; i += 1) {
        const request = { product: 'stamp', amount, i };
        ledger.run(
          { id: uuid7(), kind: 'sale', fingerprint: fingerprintOf('sale', request), tillSessionId: null, operator: 'clerk1', approver: null, reason: null },
          (w) => {
            w.transfer({ debit: accountFor.safe('DJF'), credit: accountFor.revenue('stamp', 'DJF'), amount: amount + (i % 7), currency: 'DJF', code: 'sale' });
            return { ok: true };
          },
        );
      }
    },
    transfers: () => sqlite.prepare('SELECT * FROM ledger_transfers ORDER BY seq').all() as LedgerTransferTable[],
    lastSeq: () => (sqlite.prepare('SELECT coalesce(max(seq), 0) AS n FROM ledger_transfers').get() as { n: number }).n,
    close: () => result.opened.db.destroy(),
  };
}

export { verifyLedger, balancesFromTransfers };
