import type { Sqlite } from '../db/open-database';
import { all, build, typedStatement } from '../db/typed-statement';
import type { MoneyOrderRow, MoneyOrderStatus, NewMoneyOrder } from './money-orders.tables';

/** Where an order stands, as head office last told it: what a lookup updates on the branch's copy. */
export interface MoneyOrderStanding {
  number: string;
  status: MoneyOrderStatus;
  locked_by_branch: string | null;
  paid_branch: string | null;
  paid_at: string | null;
  cancelled_at: string | null;
  reimbursed_at: string | null;
  seen_at: string;
}

/** An order issued here, with whether its record has reached head office. */
export type IssuedOrderRow = MoneyOrderRow & { transmitted: number };

/** The branch's copy of money orders: plain synchronous statements that join the callers' transactions. */
export function moneyOrdersRepository(sqlite: Sqlite) {
  const byNumber = typedStatement(sqlite, (db, p: { number: string }) => db.selectFrom('money_orders').selectAll().where('number', '=', p.number));
  const byOperation = typedStatement(sqlite, (db, p: { operationId: string }) => db.selectFrom('money_orders').selectAll().where('issue_operation_id', '=', p.operationId));
  const insert = typedStatement(sqlite, (db, p: NewMoneyOrder) =>
    db.insertInto('money_orders').values({
      number: p.number,
      kind: p.kind,
      source: p.source,
      issue_operation_id: p.issue_operation_id,
      issuing_branch: p.issuing_branch,
      currency: p.currency,
      amount: p.amount,
      fee: p.fee,
      sender_customer_id: p.sender_customer_id,
      sender_name: p.sender_name,
      sender_document_type: p.sender_document_type,
      sender_document_number: p.sender_document_number,
      sender_document_country: p.sender_document_country,
      payee_customer_id: p.payee_customer_id,
      payee_name: p.payee_name,
      payee_document_type: p.payee_document_type,
      payee_document_number: p.payee_document_number,
      payee_document_country: p.payee_document_country,
      payee_document_required: p.payee_document_required,
      international: p.international,
      status: p.status,
      issued_at: p.issued_at,
      issued_by: p.issued_by,
      expires_at: p.expires_at,
      register_seq: p.register_seq,
      locked_by_branch: p.locked_by_branch,
      paid_branch: p.paid_branch,
      paid_at: p.paid_at,
      cancelled_at: p.cancelled_at,
      reimbursed_at: p.reimbursed_at,
      seen_at: p.seen_at,
    }),
  );
  // An order issued here keeps what was issued (a trigger refuses the rest): only where it stands moves.
  const standing = typedStatement(sqlite, (db, p: MoneyOrderStanding) =>
    db
      .updateTable('money_orders')
      .set({
        status: p.status,
        locked_by_branch: p.locked_by_branch,
        paid_branch: p.paid_branch,
        paid_at: p.paid_at,
        cancelled_at: p.cancelled_at,
        reimbursed_at: p.reimbursed_at,
        seen_at: p.seen_at,
      })
      .where('number', '=', p.number),
  );
  const forget = typedStatement(sqlite, (db, p: { number: string }) => db.deleteFrom('money_orders').where('number', '=', p.number).where('source', '=', 'head-office'));
  const acked = typedStatement(sqlite, (db) => db.selectFrom('register_replication').select('acked_seq').where('id', '=', 1));
  return {
    read: (number: string): MoneyOrderRow | undefined => byNumber.get({ number }),
    issuedBy: (operationId: string): MoneyOrderRow | undefined => byOperation.get({ operationId }),
    /** Inside the issue's ledger operation. */
    insertIssued: (row: NewMoneyOrder): void => void insert.run(row),
    /**
     * Head office's latest word on an order: an order issued here keeps what it was issued with and
     * takes where it stands; one seen only at head office is replaced whole (head office's copy is the truth).
     */
    keepSeen(row: NewMoneyOrder): void {
      sqlite.transaction(() => {
        const existing = byNumber.get({ number: row.number });
        if (existing?.source === 'issued-here') {
          standing.run({ ...row, locked_by_branch: row.locked_by_branch ?? null, paid_branch: row.paid_branch ?? null, paid_at: row.paid_at ?? null, cancelled_at: row.cancelled_at ?? null, reimbursed_at: row.reimbursed_at ?? null });
          return;
        }
        forget.run({ number: row.number });
        insert.run(row);
      })();
    },
    /** The register stream's acknowledged seq: an issued order whose record is at or below it has reached head office. */
    registerAckedSeq: (): number => acked.get({})?.acked_seq ?? 0,
    /** Orders issued here, newest first; of one till session when asked. */
    issued(limit: number, tillSessionId?: string): IssuedOrderRow[] {
      let query = build
        .selectFrom('money_orders as o')
        .selectAll('o')
        .select((eb) =>
          eb
            .case()
            .when('o.register_seq', '<=', eb.selectFrom('register_replication').select('acked_seq').where('id', '=', 1))
            .then(eb.lit(1))
            .else(eb.lit(0))
            .end()
            .as('transmitted'),
        )
        .where('o.source', '=', 'issued-here');
      if (tillSessionId !== undefined) {
        query = query.where('o.issue_operation_id', 'in', build.selectFrom('ledger_operations').select('id').where('till_session_id', '=', tillSessionId));
      }
      return all(sqlite, query.orderBy('o.issued_at', 'desc').orderBy('o.number', 'desc').limit(limit));
    },
  };
}

export type MoneyOrdersRepository = ReturnType<typeof moneyOrdersRepository>;
