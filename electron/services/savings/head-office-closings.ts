import { missingCaseError } from '@shared/missing-case';
import type { Counterparty, CounterpartyAnswer } from '../counterparty/counterparty-port';
import type { SavingsOperationAnswer } from '../headoffice/savings-api';
import { reachHeadOffice } from './head-office-withdrawals';
import type { AskHeadOffice } from './savings-context';

/**
 * What a closing's payout asks head office, stored with the operation and sent unchanged on every
 * retry. `amount` and `interest` are head office's first answer to the close (balance + interest
 * to date, and the interest in it): the frame's reservation is booked for that amount.
 */
export interface ClosingRequest {
  accountNumber: string;
  amount: number;
  interest: number;
  /** The hold asked for in the close: part of head office's request, so every retry sends the same. */
  holdSeconds: number;
}

/**
 * Head office as the closing payout's counterparty. The close itself (interest posted, balance
 * held) was asked before the payout was booked — its answer gives the amount — so `send` asks
 * again by the same id (a repeat gets the first answer) and then reads the hold's state now: a
 * hold that lapsed meanwhile is `expired`, never paid. The hold is `ho.savings_operation`'s to
 * tell afterwards; `ho.savings_release` drops it when the clerk cancels.
 */
export function headOfficeClosings(headOffice: AskHeadOffice): Counterparty<ClosingRequest> {
  const reached = reachHeadOffice(headOffice);
  const ask = async (operationId: string) => fromState(await reached((api) => api.operation(operationId)));
  return {
    async send(operationId, request) {
      const answer = await reached((api) => api.close(operationId, request.accountNumber, request.holdSeconds));
      if (answer.outcome === 'refused') return { outcome: 'refused', reason: answer.reason };
      // Closed with nothing to pay, or another amount than booked: not this payout's answer.
      if (answer.outcome === 'closed' || answer.amount !== request.amount) return { outcome: 'refused', reason: 'closing-amount-changed' };
      return ask(operationId);
    },
    ask,
    async cancel(operationId) {
      await reached((api) => api.release(operationId));
      return ask(operationId);
    },
  };
}

/** Head office's word for a closing's id, in the frame's. */
function fromState(operation: Pick<SavingsOperationAnswer, 'state' | 'answer'>): CounterpartyAnswer {
  switch (operation.state) {
    case 'never-received':
      return { outcome: 'never-received' };
    case 'reserved':
    case 'posted':
      return { outcome: 'confirmed', reference: null };
    case 'refused': {
      const reason = operation.answer?.reason;
      return { outcome: 'refused', reason: typeof reason === 'string' ? reason : 'refused' };
    }
    case 'released':
      return { outcome: 'cancelled' };
    case 'expired':
      return { outcome: 'expired' };
    // Closed at once had nothing to pay: no payout was ever booked for it here.
    case 'closed':
      return { outcome: 'refused', reason: 'nothing-to-pay' };
    case 'opened':
      return { outcome: 'refused', reason: 'operation-id-reused' };
    default:
      throw missingCaseError(operation.state);
  }
}
