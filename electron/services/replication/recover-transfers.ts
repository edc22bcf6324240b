import type { Sqlite } from '../db/open-database';
import { ACCOUNT_FLAG } from '../ledger/accounts';
import type { LedgerTransferTable } from '../ledger/ledger.tables';
import { journalKeyOf } from '../ledger/journal-key';
import { publicKeyFromRaw, signatureHolds } from '../ledger/journal-signature';
import type { JournalKeyTable } from '../ledger/ledger.tables';
import { rebuildBalances } from '../ledger/rebuild-balances';
import { GENESIS_HASH, transferHash } from '../ledger/transfer-hash';
import { movesPostedMoney } from '../ledger/transfer-phase';

export class RecoveryRefused extends Error {}

/** Cash accounts keep their flag; the code is the account id's first part (see ledger/accounts.ts). */
function recoveredAccount(id: string): { code: string; flags: number; tillSessionId: string | null } {
  const code = id.split(':')[0] ?? id;
  const cash = code === 'safe' || code === 'till-cash';
  return {
    code,
    flags: cash ? ACCOUNT_FLAG.creditsMustNotExceedDebits : 0,
    tillSessionId: code === 'till-cash' ? id.slice('till-cash:'.length) : null,
  };
}

/**
 * Puts back transfers a branch had already sent, after its database was restored
 * from an older backup: each row must continue the local chain and match its own
 * hash, or nothing is kept. Accounts and operations the backup lacks are re-created
 * from the rows (marked as recovered); balances and session totals are rebuilt in
 * the same transaction, so `ledger verify` passes the moment it commits.
 */
export function recoverTransfers(sqlite: Sqlite, rows: LedgerTransferTable[], at: string): number {
  if (rows.length === 0) return 0;
  return sqlite.transaction(() => {
    const last = sqlite.prepare('SELECT seq, hash FROM ledger_transfers ORDER BY seq DESC LIMIT 1').get() as
      | { seq: number; hash: string }
      | undefined;
    let seq = last?.seq ?? 0;
    let prev = last?.hash ?? GENESIS_HASH;
    const account = sqlite.prepare('SELECT id FROM ledger_accounts WHERE id = ?');
    const insertAccount = sqlite.prepare(
      `INSERT INTO ledger_accounts (id, code, currency, name, flags, till_session_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const operation = sqlite.prepare('SELECT id FROM ledger_operations WHERE id = ?');
    const insertOperation = sqlite.prepare(
      `INSERT INTO ledger_operations (id, kind, fingerprint, till_session_id, operator, approver, reason, first_seq, transfer_count, amount, result, at)
       VALUES (?, 'recovered-from-head-office', 'recovered', ?, ?, ?, ?, ?, ?, 0, '{"recovered":true}', ?)`,
    );
    const insertTransfer = sqlite.prepare(
      `INSERT INTO ledger_transfers (seq, id, operation_id, debit_account_id, credit_account_id, amount, currency, code, flags,
         pending_id, reference, unique_reference, reversal_of, till_session_id, operator, approver, reason, at, prev_hash, hash)
       VALUES (@seq, @id, @operation_id, @debit_account_id, @credit_account_id, @amount, @currency, @code, @flags,
         @pending_id, @reference, @unique_reference, @reversal_of, @till_session_id, @operator, @approver, @reason, @at, @prev_hash, @hash)`,
    );
    // Items sold per line are not part of a transfer, so head office cannot send them back:
    // a recovered transfer counts one item, as the ledger does when no quantity is given.
    const sessionTotal = sqlite.prepare(
      `INSERT INTO ledger_session_totals (till_session_id, code, debit_account_id, credit_account_id, transfers, quantity, amount)
       VALUES (?, ?, ?, ?, 1, 1, ?) ON CONFLICT DO UPDATE SET transfers = transfers + 1, quantity = quantity + 1, amount = amount + excluded.amount`,
    );
    const perOperation = new Map<string, number>();
    for (const row of rows) perOperation.set(row.operation_id, (perOperation.get(row.operation_id) ?? 0) + 1);

    // The trigger that refuses reused sequence numbers lets this one transaction through.
    sqlite.prepare('UPDATE replication_cursor SET recovering = 1 WHERE id = 1').run();
    for (const row of rows) {
      if (row.seq !== seq + 1 || row.prev_hash !== prev || transferHash(row.prev_hash, row) !== row.hash) {
        throw new RecoveryRefused(`head office row seq ${row.seq} does not continue the branch chain at seq ${seq}: nothing recovered`);
      }
      for (const id of [row.debit_account_id, row.credit_account_id]) {
        if (account.get(id)) continue;
        const spec = recoveredAccount(id);
        insertAccount.run(id, spec.code, row.currency, `${id} (recovered from head office)`, spec.flags, spec.tillSessionId, at);
      }
      if (!operation.get(row.operation_id)) {
        insertOperation.run(row.operation_id, row.till_session_id, row.operator, row.approver, row.reason, row.seq, perOperation.get(row.operation_id) ?? 1, row.at);
      }
      insertTransfer.run(row);
      if (row.till_session_id && movesPostedMoney(row.flags)) {
        sessionTotal.run(row.till_session_id, row.code, row.debit_account_id, row.credit_account_id, row.amount);
      }
      seq = row.seq;
      prev = row.hash;
    }
    sqlite.prepare('UPDATE replication_cursor SET recovering = 0 WHERE id = 1').run();
    rebuildBalances(sqlite, journalKeyOf(sqlite));
    return rows.length;
  }).immediate();
}

/**
 * Keeps the signature head office checked for `seq` (the last recovered transfer),
 * when one of this database's journal keys made it: the recovered head is then
 * signed as if it had never left. A signature no key of ours made is ignored.
 */
export function adoptHeadOfficeSignature(sqlite: Sqlite, seq: number, signature: string): boolean {
  const row = sqlite.prepare('SELECT hash FROM ledger_transfers WHERE seq = ?').get(seq) as { hash: string } | undefined;
  if (!row || sqlite.prepare('SELECT 1 FROM ledger_signatures WHERE seq = ?').get(seq)) return false;
  const keys = sqlite.prepare('SELECT * FROM journal_keys ORDER BY id DESC').all() as JournalKeyTable[];
  const signer = keys.find((k) => signatureHolds(publicKeyFromRaw(k.public_key), row.hash, signature));
  if (!signer) return false;
  sqlite.prepare('INSERT INTO ledger_signatures (seq, key_id, signature) VALUES (?, ?, ?)').run(seq, signer.id, signature);
  return true;
}
