import { uuid7 } from '@shared/uuid7';
import { accountFor } from '../../electron/services/ledger/accounts';
import { fingerprintOf } from '../../electron/services/ledger/ledger';
import type { TestBranchLedger } from '../support/branch-ledger';

/** Books `count` transfers fast: big operations, and no fsync on this throwaway file. */
export function bookTransfers(branch: TestBranchLedger, count: number, perOperation = 1000): void {
  branch.opened.sqlite.pragma('synchronous = OFF');
  for (let booked = 0; booked < count; booked += perOperation) {
    const n = Math.min(perOperation, count - booked);
    branch.ledger.run(
      { id: uuid7(), kind: 'bench', fingerprint: fingerprintOf('bench', booked), tillSessionId: null, operator: 'bench', approver: null, reason: null },
      (w) => {
        for (let i = 0; i < n; i += 1) {
          w.transfer({ debit: accountFor.safe('DJF'), credit: accountFor.revenue(`p${i % 20}`, 'DJF'), amount: 100 + (i % 50), currency: 'DJF', code: 'sale', reference: `S${booked + i}` });
        }
        return null;
      },
    );
  }
  branch.opened.sqlite.pragma('synchronous = FULL');
}


/**
 * Books `count` transfers as a counter books them: baskets of one to three lines per
 * customer, cash into the clerk's till (`till-cash:<session>`), revenue per product,
 * the till session on every row, a registered item's S10 number on the mail lines.
 */
export function bookCounterSales(branch: TestBranchLedger, count: number): void {
  const session = uuid7();
  const till = accountFor.tillCash(session, 'T1', 'DJF');
  const products = ['stamp', 'letter', 'registered', 'parcel', 'envelope'];
  branch.opened.sqlite.pragma('synchronous = OFF');
  for (let booked = 0; booked < count; ) {
    const lines = Math.min(1 + (booked % 3), count - booked);
    branch.ledger.run(
      { id: uuid7(), kind: 'sale', fingerprint: fingerprintOf('sale', booked), tillSessionId: session, operator: 'clerk1', approver: null, reason: null },
      (w) => {
        for (let i = 0; i < lines; i += 1) {
          const product = products[(booked + i) % products.length]!;
          const s10 = product === 'registered' ? `RR${String(100_000_000 + booked + i).slice(1)}DJ` : undefined;
          w.transfer({ debit: till, credit: accountFor.revenue(product, 'DJF'), amount: 90 + ((booked + i) % 400), currency: 'DJF', code: 'sale', reference: s10 });
        }
        return null;
      },
    );
    booked += lines;
  }
  branch.opened.sqlite.pragma('synchronous = FULL');
}
