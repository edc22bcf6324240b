import type { Sqlite } from '../db/open-database';
import { ONE_ROW, typedStatement } from '../db/typed-statement';
import { SAVINGS_DEPOSIT } from './deposit';
import type { SavingsPassbookRow } from './savings.tables';

/** `DJ-DEMO` and 42 → `DJ-DEMO-L000042` (L for livret); six digits at least, more when a branch needs them. */
export const formatPassbookNumber = (branchCode: string, sequence: number): string => `${branchCode}-L${String(sequence).padStart(6, '0')}`;

/**
 * What the passbook services read beside the branch's accounts repository: the book a
 * replacement follows, the branch's last passbook number, and the deposits head office has not
 * credited yet (derived from the ledger, as the account view does).
 */
export function passbooksRepository(sqlite: Sqlite) {
  const lastLost = typedStatement(sqlite, (db, p: { accountNumber: string }) =>
    db
      .selectFrom('savings_passbooks')
      .selectAll()
      .where('account_number', '=', p.accountNumber)
      // A full book is replaced like a lost one: the new book carries its balance forward.
      .where('status', 'in', ['lost', 'full'])
      // The branch's series only grows: the highest number is the latest book.
      .orderBy((eb) => eb.fn('length', ['number']), 'desc')
      .orderBy('number', 'desc')
      .limit(ONE_ROW),
  );
  // Longest first, then highest: `L1000000` comes after `L999999` although it sorts before it as text.
  const lastNumber = typedStatement(sqlite, (db, p: { prefix: string; length: number }) =>
    db
      .selectFrom('savings_passbooks')
      .select('number')
      // Not LIKE: it ignores case and reads `_` in a branch code as a wildcard.
      .where((eb) => eb(eb.fn<string>('substr', ['number', eb.lit(1), eb.val(p.length)]), '=', p.prefix))
      .orderBy((eb) => eb.fn('length', ['number']), 'desc')
      .orderBy('number', 'desc')
      .limit(ONE_ROW),
  );
  const waiting = typedStatement(sqlite, (db, p: { accountNumber: string; code: string }) =>
    db
      .selectFrom('ledger_transfers')
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('total')])
      .where('code', '=', p.code)
      .where('reference', '=', p.accountNumber)
      .where('seq', '>', (eb) => eb.fn.coalesce(eb.selectFrom('replication_cursor').select('acked_seq').where('id', '=', 1), eb.lit(0))),
  );
  return {
    /** The book the account's active one replaced (the last reported lost, or renewed when full), if any. */
    lastLost: (accountNumber: string): SavingsPassbookRow | undefined => lastLost.get({ accountNumber }),
    /** The next number of the branch's series. Inside the transaction that issues it: numbers are never reused. */
    nextNumber(branchCode: string): string {
      if (!sqlite.inTransaction) throw new Error('passbook number: take it inside the transaction that issues the book');
      const prefix = `${branchCode}-L`;
      const last = lastNumber.get({ prefix, length: prefix.length })?.number;
      const sequence = last ? Number(last.slice(prefix.length)) : 0;
      return formatPassbookNumber(branchCode, (Number.isSafeInteger(sequence) ? sequence : 0) + 1);
    },
    /** Deposits booked here for the account after what head office acknowledged. */
    waitingDeposits(accountNumber: string): { count: number; total: number } {
      const row = waiting.get({ accountNumber, code: SAVINGS_DEPOSIT });
      return { count: row?.count ?? 0, total: row?.total ?? 0 };
    },
  };
}

export type PassbooksRepository = ReturnType<typeof passbooksRepository>;
