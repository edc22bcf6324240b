import type { Sqlite } from '../db/open-database';
import { ACCOUNT_FLAG } from '../ledger/accounts';
import type { LedgerTransferTable } from '../ledger/ledger.tables';
import { journalKeyOf } from '../ledger/journal-key';
import { publicKeyFromRaw, signatureHolds } from '../ledger/journal-signature';
import { rebuildBalances } from '../ledger/rebuild-balances';
import { GENESIS_HASH, transferHash } from '../ledger/transfer-hash';
import { movesPostedMoney } from '../ledger/transfer-phase';
import { recoveryRepository } from './recovery.repository';

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
  const recovery = recoveryRepository(sqlite);
  return sqlite.transaction(() => {
    const last = recovery.lastTransfer();
    let seq = last?.seq ?? 0;
    let prev = last?.hash ?? GENESIS_HASH;
    const perOperation = new Map<string, number>();
    for (const row of rows) perOperation.set(row.operation_id, (perOperation.get(row.operation_id) ?? 0) + 1);

    recovery.setRecovering(true);
    for (const row of rows) {
      if (row.seq !== seq + 1 || row.prev_hash !== prev || transferHash(row.prev_hash, row) !== row.hash) {
        throw new RecoveryRefused(`head office row seq ${row.seq} does not continue the branch chain at seq ${seq}: nothing recovered`);
      }
      for (const id of [row.debit_account_id, row.credit_account_id]) {
        if (recovery.hasAccount(id)) continue;
        const spec = recoveredAccount(id);
        recovery.insertAccount({ id, code: spec.code, currency: row.currency, name: `${id} (recovered from head office)`, flags: spec.flags, tillSessionId: spec.tillSessionId, at });
      }
      if (!recovery.hasOperation(row.operation_id)) {
        recovery.insertOperation({
          id: row.operation_id,
          tillSessionId: row.till_session_id,
          operator: row.operator,
          approver: row.approver,
          reason: row.reason,
          firstSeq: row.seq,
          transferCount: perOperation.get(row.operation_id) ?? 1,
          at: row.at,
        });
      }
      recovery.insertTransfer(row);
      if (row.till_session_id && movesPostedMoney(row.flags)) {
        recovery.countInSession({ tillSessionId: row.till_session_id, code: row.code, debit: row.debit_account_id, credit: row.credit_account_id, amount: row.amount });
      }
      seq = row.seq;
      prev = row.hash;
    }
    recovery.setRecovering(false);
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
  const recovery = recoveryRepository(sqlite);
  const hash = recovery.hashAt(seq);
  if (hash === undefined || recovery.isSigned(seq)) return false;
  const signer = recovery.journalKeys().find((key) => signatureHolds(publicKeyFromRaw(key.public_key), hash, signature));
  if (!signer) return false;
  recovery.keepSignature({ seq, keyId: signer.id, signature });
  return true;
}
