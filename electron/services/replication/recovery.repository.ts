import type { Selectable } from 'kysely';
import { all, build, ONE_ROW, perDatabase, typedStatement } from '../db/typed-statement';
import type { JournalKeyTable, LedgerTransferTable } from '../ledger/ledger.tables';

type LedgerTransfer = Selectable<LedgerTransferTable>;

/**
 * The SQL of a recovery from head office: the rows a branch restored from an older backup takes
 * back, with the accounts and operations its backup lacks. Statements made once per database and
 * run for every recovered row, inside the recovery's one transaction.
 */
export const recoveryRepository = perDatabase((sqlite) => {
  const last = typedStatement(sqlite, (db) => db.selectFrom('ledger_transfers').select(['seq', 'hash']).orderBy('seq', 'desc').limit(ONE_ROW));
  const account = typedStatement(sqlite, (db, p: { id: string }) => db.selectFrom('ledger_accounts').select('id').where('id', '=', p.id));
  const insertAccount = typedStatement(sqlite, (db, p: { id: string; code: string; currency: string; name: string; flags: number; tillSessionId: string | null; at: string }) =>
    db.insertInto('ledger_accounts').values({
      id: p.id,
      code: p.code,
      currency: p.currency,
      name: p.name,
      flags: p.flags,
      till_session_id: p.tillSessionId,
      // The balances are rebuilt from the transfers once every row is in.
      debits_pending: 0,
      debits_posted: 0,
      credits_pending: 0,
      credits_posted: 0,
      created_at: p.at,
    }),
  );
  const operation = typedStatement(sqlite, (db, p: { id: string }) => db.selectFrom('ledger_operations').select('id').where('id', '=', p.id));
  const insertOperation = typedStatement(
    sqlite,
    (db, p: { id: string; tillSessionId: string | null; operator: string; approver: string | null; reason: string | null; firstSeq: number; transferCount: number; at: string }) =>
      db.insertInto('ledger_operations').values({
        id: p.id,
        kind: 'recovered-from-head-office',
        fingerprint: 'recovered',
        till_session_id: p.tillSessionId,
        operator: p.operator,
        approver: p.approver,
        reason: p.reason,
        first_seq: p.firstSeq,
        transfer_count: p.transferCount,
        amount: 0,
        result: '{"recovered":true}',
        at: p.at,
      }),
  );
  const insertTransfer = typedStatement(sqlite, (db, p: LedgerTransfer) =>
    db.insertInto('ledger_transfers').values({
      // Field by field: `p` stands for the values and has no fields of its own to spread.
      seq: p.seq,
      id: p.id,
      operation_id: p.operation_id,
      debit_account_id: p.debit_account_id,
      credit_account_id: p.credit_account_id,
      amount: p.amount,
      currency: p.currency,
      code: p.code,
      flags: p.flags,
      pending_id: p.pending_id,
      reference: p.reference,
      unique_reference: p.unique_reference,
      reversal_of: p.reversal_of,
      till_session_id: p.till_session_id,
      operator: p.operator,
      approver: p.approver,
      reason: p.reason,
      at: p.at,
      prev_hash: p.prev_hash,
      hash: p.hash,
    }),
  );
  // Items sold per line are not part of a transfer, so head office cannot send them back:
  // a recovered transfer counts one item, as the ledger does when no quantity is given.
  const countInSession = typedStatement(sqlite, (db, p: { tillSessionId: string; code: string; debit: string; credit: string; amount: number }) =>
    db
      .insertInto('ledger_session_totals')
      .values({ till_session_id: p.tillSessionId, code: p.code, debit_account_id: p.debit, credit_account_id: p.credit, transfers: 1, quantity: 1, amount: p.amount })
      .onConflict((oc) =>
        oc.columns(['till_session_id', 'code', 'debit_account_id', 'credit_account_id']).doUpdateSet((eb) => ({
          transfers: eb('ledger_session_totals.transfers', '+', 1),
          quantity: eb('ledger_session_totals.quantity', '+', 1),
          amount: eb('ledger_session_totals.amount', '+', eb.ref('excluded.amount')),
        })),
      ),
  );
  // The trigger that refuses reused sequence numbers lets the recovering transaction through.
  const recovering = typedStatement(sqlite, (db, p: { on: number }) => db.updateTable('replication_cursor').set({ recovering: p.on }).where('id', '=', 1));
  const hashAt = typedStatement(sqlite, (db, p: { seq: number }) => db.selectFrom('ledger_transfers').select('hash').where('seq', '=', p.seq));
  const signed = typedStatement(sqlite, (db, p: { seq: number }) => db.selectFrom('ledger_signatures').select('seq').where('seq', '=', p.seq));
  const keepSignature = typedStatement(sqlite, (db, p: { seq: number; keyId: number; signature: string }) =>
    db.insertInto('ledger_signatures').values({ seq: p.seq, key_id: p.keyId, signature: p.signature }),
  );

  return {
    lastTransfer: () => last.get({}),
    hasAccount: (id: string): boolean => account.get({ id }) !== undefined,
    insertAccount: (row: { id: string; code: string; currency: string; name: string; flags: number; tillSessionId: string | null; at: string }): void => void insertAccount.run(row),
    hasOperation: (id: string): boolean => operation.get({ id }) !== undefined,
    insertOperation: (row: { id: string; tillSessionId: string | null; operator: string; approver: string | null; reason: string | null; firstSeq: number; transferCount: number; at: string }): void =>
      void insertOperation.run(row),
    insertTransfer: (row: LedgerTransfer): void => void insertTransfer.run(row),
    countInSession: (row: { tillSessionId: string; code: string; debit: string; credit: string; amount: number }): void => void countInSession.run(row),
    setRecovering: (on: boolean): void => void recovering.run({ on: on ? 1 : 0 }),
    hashAt: (seq: number): string | undefined => hashAt.get({ seq })?.hash,
    isSigned: (seq: number): boolean => signed.get({ seq }) !== undefined,
    /** Every journal key this database has had, newest first. */
    journalKeys: (): Array<Selectable<JournalKeyTable>> => all(sqlite, build.selectFrom('journal_keys').selectAll().orderBy('id', 'desc')),
    keepSignature: (row: { seq: number; keyId: number; signature: string }): void => void keepSignature.run(row),
  };
});
