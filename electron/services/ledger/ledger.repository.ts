import type { Sqlite } from '../db/open-database';
import { ONE_ROW, typedStatement } from '../db/typed-statement';
import type { LedgerAccountTable, LedgerOperationTable, LedgerTransferTable } from './ledger.tables';

/** A balance move of one side of an account: posted and pending change by these amounts. */
export interface BalanceMove {
  id: string;
  posted: number;
  pending: number;
  lastSeq: number;
  seal: string;
}

export interface SessionTotalMove {
  tillSessionId: string;
  code: string;
  debitAccountId: string;
  creditAccountId: string;
  quantity: number;
  amount: number;
}

/** A new account: balances start at zero, sealed as such. */
export type NewAccount = Pick<LedgerAccountTable, 'id' | 'code' | 'currency' | 'name' | 'flags' | 'till_session_id' | 'created_at' | 'balance_seal'>;

/**
 * The statements every operation runs (a sale runs each of them), built with Kysely, compiled and
 * prepared once per database, bound by position on every call. Make it after `balanceWriter` is
 * registered on the connection: the balance trigger calls that function.
 */
export function ledgerRepository(sqlite: Sqlite) {
  const operation = typedStatement(sqlite, (db, p: { id: string }) => db.selectFrom('ledger_operations').selectAll().where('id', '=', p.id));
  // Read on every new operation: the answer is almost always "none", so the result (the widest column) is left out.
  const fingerprint = typedStatement(sqlite, (db, p: { id: string }) =>
    db.selectFrom('ledger_operations').select(['fingerprint', 'kind']).where('id', '=', p.id),
  );
  const account = typedStatement(sqlite, (db, p: { id: string }) => db.selectFrom('ledger_accounts').selectAll().where('id', '=', p.id));
  const insertAccount = typedStatement(sqlite, (db, p: NewAccount) =>
    db.insertInto('ledger_accounts').values({
      id: p.id,
      code: p.code,
      currency: p.currency,
      name: p.name,
      flags: p.flags,
      till_session_id: p.till_session_id,
      created_at: p.created_at,
      balance_seal: p.balance_seal,
      debits_pending: 0,
      debits_posted: 0,
      credits_pending: 0,
      credits_posted: 0,
    }),
  );
  const head = typedStatement(sqlite, (db) => db.selectFrom('ledger_transfers').select(['seq', 'hash']).orderBy('seq', 'desc').limit(ONE_ROW));
  const transfer = typedStatement(sqlite, (db, p: { id: string }) => db.selectFrom('ledger_transfers').selectAll().where('id', '=', p.id));
  const resolution = typedStatement(sqlite, (db, p: { pendingId: string }) =>
    db.selectFrom('ledger_transfers').select('id').where('pending_id', '=', p.pendingId),
  );
  const insertTransfer = typedStatement(sqlite, (db, p: LedgerTransferTable) =>
    // Every column, checked by the compiler: a column left out would be stored NULL while the hash
    // (transfer-hash.ts, which lists the hashed columns in their order) covered its value.
    db.insertInto('ledger_transfers').values({
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
    } satisfies Record<keyof LedgerTransferTable, unknown>),
  );
  const moveDebit = typedStatement(sqlite, (db, p: BalanceMove) =>
    db
      .updateTable('ledger_accounts')
      .set((eb) => ({
        debits_posted: eb('debits_posted', '+', p.posted),
        debits_pending: eb('debits_pending', '+', p.pending),
        last_seq: p.lastSeq,
        balance_seal: p.seal,
      }))
      .where('id', '=', p.id),
  );
  const moveCredit = typedStatement(sqlite, (db, p: BalanceMove) =>
    db
      .updateTable('ledger_accounts')
      .set((eb) => ({
        credits_posted: eb('credits_posted', '+', p.posted),
        credits_pending: eb('credits_pending', '+', p.pending),
        last_seq: p.lastSeq,
        balance_seal: p.seal,
      }))
      .where('id', '=', p.id),
  );
  const sign = typedStatement(sqlite, (db, p: { seq: number; keyId: number; signature: string }) =>
    db.insertInto('ledger_signatures').values({ seq: p.seq, key_id: p.keyId, signature: p.signature }),
  );
  const sessionTotal = typedStatement(sqlite, (db, p: SessionTotalMove) =>
    db
      .insertInto('ledger_session_totals')
      .values({
        till_session_id: p.tillSessionId,
        code: p.code,
        debit_account_id: p.debitAccountId,
        credit_account_id: p.creditAccountId,
        transfers: 1,
        quantity: p.quantity,
        amount: p.amount,
      })
      .onConflict((oc) =>
        oc.columns(['till_session_id', 'code', 'debit_account_id', 'credit_account_id']).doUpdateSet((eb) => ({
          transfers: eb('transfers', '+', 1),
          quantity: eb('quantity', '+', eb.ref('excluded.quantity')),
          amount: eb('amount', '+', eb.ref('excluded.amount')),
        })),
      ),
  );
  const insertOperation = typedStatement(sqlite, (db, p: LedgerOperationTable) =>
    db.insertInto('ledger_operations').values({
      id: p.id,
      kind: p.kind,
      fingerprint: p.fingerprint,
      till_session_id: p.till_session_id,
      operator: p.operator,
      approver: p.approver,
      reason: p.reason,
      reverses_operation_id: p.reverses_operation_id,
      first_seq: p.first_seq,
      transfer_count: p.transfer_count,
      amount: p.amount,
      result: p.result,
      at: p.at,
    } satisfies Record<keyof LedgerOperationTable, unknown>),
  );

  return {
    operation: (id: string) => operation.get({ id }),
    fingerprint: (id: string) => fingerprint.get({ id }),
    account: (id: string) => account.get({ id }),
    insertAccount: (row: NewAccount) => void insertAccount.run(row),
    /** The last transfer: where the next one continues the sequence and the chain. */
    head: () => head.get({}),
    transfer: (id: string) => transfer.get({ id }),
    /** The transfer that posted or voided this reservation, if any. */
    resolution: (pendingId: string) => resolution.get({ pendingId }),
    insertTransfer: (row: LedgerTransferTable) => void insertTransfer.run(row),
    moveDebit: (move: BalanceMove) => void moveDebit.run(move),
    moveCredit: (move: BalanceMove) => void moveCredit.run(move),
    sign: (seq: number, keyId: number, signature: string) => void sign.run({ seq, keyId, signature }),
    addToSessionTotal: (move: SessionTotalMove) => void sessionTotal.run(move),
    insertOperation: (row: LedgerOperationTable) => void insertOperation.run(row),
  };
}

export type LedgerRepository = ReturnType<typeof ledgerRepository>;
