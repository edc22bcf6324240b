import Database from 'better-sqlite3';
import type { LedgerTransferTable } from '../../../electron/services/ledger/ledger.tables';
import { transferHash } from '../../../electron/services/ledger/transfer-hash';

/**
 * What the attacker does with file access and the published hash format, but
 * without the branch key: drop the triggers, add 100 to the amount at `seq`, fix both
 * balances and the session total, recompute prev_hash/hash of every later row.
 */
export function recomputeAttack(file: string, seq: number): void {
  const db = new Database(file);
  db.exec('DROP TRIGGER ledger_transfers_no_update; DROP TRIGGER ledger_accounts_balances_by_ledger;');
  const target = db.prepare('SELECT * FROM ledger_transfers WHERE seq = ?').get(seq) as LedgerTransferTable;
  db.prepare('UPDATE ledger_transfers SET amount = amount + 100 WHERE seq = ?').run(seq);
  db.prepare('UPDATE ledger_accounts SET debits_posted = debits_posted + 100 WHERE id = ?').run(target.debit_account_id);
  db.prepare('UPDATE ledger_accounts SET credits_posted = credits_posted + 100 WHERE id = ?').run(target.credit_account_id);
  db.prepare('UPDATE ledger_session_totals SET amount = amount + 100 WHERE till_session_id = ? AND code = ? AND debit_account_id = ? AND credit_account_id = ?').run(
    target.till_session_id,
    target.code,
    target.debit_account_id,
    target.credit_account_id,
  );
  const rows = db.prepare('SELECT * FROM ledger_transfers WHERE seq >= ? ORDER BY seq').all(seq) as LedgerTransferTable[];
  let prev = rows[0]!.prev_hash;
  const rewrite = db.prepare('UPDATE ledger_transfers SET prev_hash = ?, hash = ? WHERE seq = ?');
  for (const row of rows) {
    const hash = transferHash(prev, row);
    rewrite.run(prev, hash, row.seq);
    prev = hash;
  }
  db.close();
}
