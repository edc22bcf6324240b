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

