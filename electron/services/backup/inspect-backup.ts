import Database from 'better-sqlite3';
import { branchIdentity } from '../branch/branch.repository';
import { verifyLedger } from '../ledger/verify-ledger';

export interface VerifiedBackup {
  file: string;
  branchCode: string;
  /** When the ledger was created: a backup of another ledger of the same code is not this one. */
  ledgerCreatedAt: string;
  lastSeq: number;
  transfers: number;
}

export type Inspection = { ok: true; backup: VerifiedBackup } | { ok: false; file: string; problem: string };

/**
 * A backup is trusted only after the checks a live database gets and more:
 * opened read-only (checking never changes it), `quick_check`, then the full
 * ledger verify (hash chain, balances, totals). A copy taken from a damaged
 * database, or damaged on the USB disk since, fails here and is never restored.
 */
export function inspectBackup(file: string): Inspection {
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    // A PRAGMA, not a query of our tables: better-sqlite3's pragma() gives its one value (Kysely has no builder for it).
    const check = sqlite.pragma('quick_check', { simple: true });
    if (check !== 'ok') return { ok: false, file, problem: `quick_check: ${String(check)}` };
    const identity = branchIdentity(sqlite);
    if (!identity) return { ok: false, file, problem: 'no branch in the file' };
    const report = verifyLedger(sqlite);
    if (!report.ok) {
      const failed = report.checks.find((c) => !c.ok);
      return { ok: false, file, problem: `ledger verify: ${failed ? `${failed.name}: ${failed.detail}` : 'failed'}` };
    }
    return { ok: true, backup: { file, branchCode: identity.code, ledgerCreatedAt: identity.created_at, lastSeq: report.lastSeq, transfers: report.transfers } };
  } catch (error) {
    return { ok: false, file, problem: error instanceof Error ? error.message : String(error) };
  } finally {
    sqlite?.close();
  }
}
