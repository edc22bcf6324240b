// Backup cost on a ledger of a few thousand sales: the online copy (stepped, the
// event loop keeps turning) and the check before the copy is trusted (quick_check
// and the full ledger verify: synchronous, so it stalls the main process for its
// duration). The longest event-loop stall is what a clerk would feel.
import { join } from 'node:path';
import { uuid7 } from '@shared/uuid7';
import { readBackupSettings } from '../../electron/services/backup/backup-settings';
import { inspectBackup } from '../../electron/services/backup/inspect-backup';
import { takeBackup } from '../../electron/services/backup/take-backup';
import { verifyLedger } from '../../electron/services/ledger/verify-ledger';
import { completeSale } from '../../electron/services/till/sale';
import { moveSafeCash } from '../../electron/services/till/safe';
import { confirmReceipt, openTill } from '../../electron/services/till/till-open';
import { clerk, djf, HASSAN, openLedgerHarness } from '../reliability/ledger-harness';
import { makeTempDir } from '../support/temp-dir';
import { nowMs } from './stats';

const SALES = 5_000;

export async function benchBackup(): Promise<Record<string, unknown>> {
  const temp = makeTempDir('bench-backup-');
  try {
    const h = await openLedgerHarness(join(temp.dir, 'branch.sqlite'));
    const t = h.tills;
    moveSafeCash(t, HASSAN, 'received', { operationId: uuid7(), amount: djf(10_000_000) });
    const opened = openTill(t, HASSAN, { operationId: uuid7(), tillId: 'G1', clerk: 'amina', float: djf(10_000) });
    confirmReceipt(t, clerk('amina'), { operationId: uuid7(), pendingTransferId: opened.result.pending[0]!.transferId });
    for (let i = 0; i < SALES; i += 1) {
      completeSale(t, clerk('amina'), { operationId: uuid7(), sessionId: opened.result.sessionId, lines: [{ productCode: 'STAMP-LOCAL', quantity: 1 }], tendered: djf(1_000) });
    }
    const sqlite = h.opened.sqlite;
    const transfers = (sqlite.prepare('SELECT count(*) AS n FROM ledger_transfers').get() as { n: number }).n;

    // Baseline in the same run: the live database's own verify.
    const verifyStarted = nowMs();
    verifyLedger(sqlite);
    const liveVerifyMs = nowMs() - verifyStarted;

    let last = nowMs();
    let longestStallMs = 0;
    const ticker = setInterval(() => {
      const now = nowMs();
      longestStallMs = Math.max(longestStallMs, now - last);
      last = now;
    }, 1);
    const started = nowMs();
    const outcomes = await takeBackup(sqlite, 'DJ-DEMO', readBackupSettings(temp.dir), new Date());
    const backupMs = nowMs() - started;
    clearInterval(ticker);
    const file = outcomes[0]!.backup!.file;
    const inspectStarted = nowMs();
    const inspection = inspectBackup(file);
    const inspectMs = nowMs() - inspectStarted;
    await h.close();
    const round = (ms: number) => Math.round(ms * 10) / 10;
    return {
      transfers,
      backupWithCheckMs: round(backupMs),
      checkAloneMs: round(inspectMs),
      liveVerifyBaselineMs: round(liveVerifyMs),
      longestEventLoopStallMs: round(longestStallMs),
      checkMsPer100kTransfers: round((inspectMs / transfers) * 100_000),
      ok: inspection.ok,
    };
  } finally {
    temp.remove();
  }
}
