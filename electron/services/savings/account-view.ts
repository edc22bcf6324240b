import type { SavingsAccountView } from '@shared/contract';
import { typedStatement } from '../db/typed-statement';
import type { Sqlite } from '../db/open-database';
import { SAVINGS_DEPOSIT } from './deposit';
import type { SavingsAccountsRepository } from './savings-accounts.repository';
import type { ClosingsRepository } from './closings.repository';
import type { SavingsAccountRow } from './savings.tables';

/**
 * What the screen shows of an account: head office's last figures beside the deposits booked
 * here that head office has not acknowledged yet — derived from the ledger (transfers after the
 * acknowledged sequence), never kept as a second balance that could drift.
 */
export function accountViews(sqlite: Sqlite, accounts: SavingsAccountsRepository, closings: ClosingsRepository) {
  const waiting = typedStatement(sqlite, (db, p: { accountNumber: string; afterSeq: number; code: string }) =>
    db
      .selectFrom('ledger_transfers')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('total'))
      .where('code', '=', p.code)
      .where('reference', '=', p.accountNumber)
      .where('seq', '>', p.afterSeq),
  );
  const acked = typedStatement(sqlite, (db) => db.selectFrom('replication_cursor').select('acked_seq').where('id', '=', 1));
  return (row: SavingsAccountRow, live: boolean): SavingsAccountView => {
    const ackedSeq = acked.get({})?.acked_seq ?? 0;
    const passbook = accounts.passbook(row.account_number);
    const money = (minor: number | null) => (minor === null ? null : { minor, currency: row.currency });
    return {
      accountNumber: row.account_number,
      customerId: row.customer_id,
      holderName: row.holder_name,
      productCode: row.product_code,
      status: row.status as SavingsAccountView['status'],
      balance: money(row.balance),
      available: money(row.available),
      asOf: row.as_of,
      waitingDeposits: { minor: waiting.get({ accountNumber: row.account_number, afterSeq: ackedSeq, code: SAVINGS_DEPOSIT })?.total ?? 0, currency: row.currency },
      live,
      passbook: passbook
        ? { number: passbook.number, status: passbook.status, page: passbook.page, line: passbook.line, printedThrough: passbook.printed_through }
        : { number: null, status: 'active', page: 1, line: 1, printedThrough: 0 },
      blockType: row.status === 'blocked' ? row.block_type : null,
      closing: closings.standing(row.account_number),
    };
  };
}
