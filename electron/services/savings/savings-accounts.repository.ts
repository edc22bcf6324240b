import type { Sqlite } from '../db/open-database';
import { typedStatement } from '../db/typed-statement';
import type { SavingsAccountRow, SavingsBlockType, SavingsPassbookRow } from './savings.tables';

/** What `save` keeps; the block (migration 0022) may be left out by callers that know none: not blocked. */
export type SavingsAccountInput = Omit<SavingsAccountRow, 'block_type'> & { block_type?: SavingsBlockType | null };

/** The branch's copy of savings accounts and their passbooks; plain synchronous statements that join the callers' transactions. */
export function savingsAccountsRepository(sqlite: Sqlite) {
  const byNumber = typedStatement(sqlite, (db, p: { accountNumber: string }) => db.selectFrom('savings_accounts').selectAll().where('account_number', '=', p.accountNumber));
  const byCustomer = typedStatement(sqlite, (db, p: { customerId: string }) =>
    db.selectFrom('savings_accounts').selectAll().where('customer_id', '=', p.customerId).orderBy('account_number'),
  );
  const upsert = typedStatement(sqlite, (db, p: SavingsAccountRow) =>
    db
      .insertInto('savings_accounts')
      // Field by field: `p` stands for the values and has no fields of its own to spread.
      .values({
        account_number: p.account_number,
        customer_id: p.customer_id,
        holder_name: p.holder_name,
        product_code: p.product_code,
        currency: p.currency,
        status: p.status,
        balance: p.balance,
        available: p.available,
        as_of: p.as_of,
        opened_at: p.opened_at,
        updated_at: p.updated_at,
        block_type: p.block_type,
      })
      .onConflict((oc) =>
        oc.column('account_number').doUpdateSet({
          holder_name: p.holder_name,
          status: p.status,
          balance: p.balance,
          available: p.available,
          as_of: p.as_of,
          updated_at: p.updated_at,
          block_type: p.block_type,
        }),
      ),
  );
  const activePassbook = typedStatement(sqlite, (db, p: { accountNumber: string }) =>
    db.selectFrom('savings_passbooks').selectAll().where('account_number', '=', p.accountNumber).where('status', '=', 'active'),
  );
  const passbookByNumber = typedStatement(sqlite, (db, p: { number: string }) => db.selectFrom('savings_passbooks').selectAll().where('number', '=', p.number));
  const issuePassbook = typedStatement(sqlite, (db, p: { number: string; accountNumber: string; at: string; by: string; printedThrough: number }) =>
    db.insertInto('savings_passbooks').values({
      number: p.number,
      account_number: p.accountNumber,
      status: 'active',
      page: 1,
      line: 1,
      printed_through: p.printedThrough,
      issued_at: p.at,
      issued_by: p.by,
      lost_at: null,
      lost_by: null,
      full_at: null,
      full_by: null,
    }),
  );
  const moveCursor = typedStatement(sqlite, (db, p: { number: string; page: number; line: number; printedThrough: number }) =>
    db
      .updateTable('savings_passbooks')
      .set({ page: p.page, line: p.line, printed_through: p.printedThrough })
      .where('number', '=', p.number)
      .where('status', '=', 'active')
      // The cursor only moves forward: a late confirmation from an older print cannot rewind it.
      .where('printed_through', '<=', p.printedThrough),
  );
  const markLost = typedStatement(sqlite, (db, p: { number: string; at: string; by: string }) =>
    db.updateTable('savings_passbooks').set({ status: 'lost', lost_at: p.at, lost_by: p.by }).where('number', '=', p.number).where('status', '=', 'active'),
  );
  const markFull = typedStatement(sqlite, (db, p: { number: string; at: string; by: string }) =>
    db.updateTable('savings_passbooks').set({ status: 'full', full_at: p.at, full_by: p.by }).where('number', '=', p.number).where('status', '=', 'active'),
  );
  return {
    read: (accountNumber: string): SavingsAccountRow | undefined => byNumber.get({ accountNumber }),
    ofCustomer: (customerId: string): SavingsAccountRow[] => byCustomer.all({ customerId }),
    /** Keeps head office's latest figures; the account's identity (holder, product, currency) is set once. */
    save: (row: SavingsAccountInput): void => void upsert.run({ ...row, block_type: row.block_type ?? null }),
    passbook: (accountNumber: string): SavingsPassbookRow | undefined => activePassbook.get({ accountNumber }),
    passbookByNumber: (number: string): SavingsPassbookRow | undefined => passbookByNumber.get({ number }),
    issuePassbook: (fields: { number: string; accountNumber: string; at: string; by: string; printedThrough: number }): void => void issuePassbook.run(fields),
    moveCursor: (fields: { number: string; page: number; line: number; printedThrough: number }): boolean => moveCursor.run(fields).changes === 1,
    markLost: (fields: { number: string; at: string; by: string }): boolean => markLost.run(fields).changes === 1,
    markFull: (fields: { number: string; at: string; by: string }): boolean => markFull.run(fields).changes === 1,
  };
}

export type SavingsAccountsRepository = ReturnType<typeof savingsAccountsRepository>;
