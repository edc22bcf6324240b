import type { Counterparty, CounterpartyAnswer } from '../counterparty/counterparty-port';
import { fromHeadOfficeState, reachHeadOffice } from './head-office-withdrawals';
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
  const ask = async (operationId: string) => fromHeadOfficeState(await reached((api) => api.operation(operationId)), NOTHING_TO_PAY);
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

/** A closing that had nothing to pay was closed at once: no payout was ever booked for it here. */
const NOTHING_TO_PAY: CounterpartyAnswer = { outcome: 'refused', reason: 'nothing-to-pay' };
