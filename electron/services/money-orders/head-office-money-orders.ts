import { missingCaseError } from '@shared/missing-case';
import type { Clock } from '../clock';
import { CounterpartyUnreachable, type Counterparty, type CounterpartyAnswer } from '../counterparty/counterparty-port';
import type { HeadOfficeMoneyOrdersApi, MoneyOrderDocument, MoneyOrderLockAnswer, MoneyOrderOperationAnswer, MoneyOrderPurpose } from '../headoffice/money-orders-api';
import type { AskHeadOffice } from './money-orders-context';

/**
 * What a payment, cancellation or reimbursement asks head office, stored with the operation and
 * sent unchanged on every retry. `secretProof` is scrypt of what the payee typed (the same
 * derivation as the hash head office keeps): never the secret, never logged.
 */
export interface PayoutRequest {
  number: string;
  purpose: MoneyOrderPurpose;
  /** The branch's pending payout (or refund) transfer: head office settles the lock when its post replicates. */
  pendingTransferId: string;
  secretProof: string | null;
  document: MoneyOrderDocument;
  /** What the branch booked from head office's lookup: the order's amount, and the fee when a cancellation refunds it. */
  amount: number;
  feeRefund: number;
  /** Who takes the cash, for the receipt. */
  customerName: string;
}

/**
 * Head office as the counterparty of money-order payouts: `ho.money_order_lock` locks the order for
 * this branch and this operation (once per operation id: a repeat answers the first answer, a refusal
 * included), `ho.money_order_operation` says what became of an id, `ho.money_order_unlock` drops a
 * lock the clerk cancelled (and spends an id head office never saw). An outage or a lost reply throws
 * CounterpartyUnreachable: the frame then knows it does not know, pays nothing and asks again.
 */
export function headOfficeMoneyOrders(headOffice: AskHeadOffice, clock: Clock): Counterparty<PayoutRequest> {
  const reached = reachHeadOffice(headOffice);
  return {
    async send(operationId, request, expiresAt) {
      // Whole seconds, at least one: head office counts the lock from when the request arrives.
      const holdSeconds = Math.max(1, Math.ceil((Date.parse(expiresAt) - clock.now().getTime()) / 1000));
      const answer = await reached((api) =>
        api.lock({
          operationId,
          pendingTransferId: request.pendingTransferId,
          number: request.number,
          purpose: request.purpose,
          secretProof: request.secretProof,
          document: request.document,
          holdSeconds,
        }),
      );
      const mismatch = answer.outcome === 'locked' ? disagreement(answer, request) : null;
      if (mismatch) {
        // The branch booked other money than head office locked: nothing is paid on it; the lock goes.
        await reached((api) => api.unlock(operationId));
        return { outcome: 'refused', reason: mismatch };
      }
      return fromLockAnswer(answer);
    },
    async ask(operationId) {
      return fromOperation(await reached((api) => api.operation(operationId)));
    },
    async cancel(operationId) {
      return fromOperation(await reached((api) => api.unlock(operationId)));
    },
  };
}

/** Head office locked other money than the branch booked (an amount, or the fee rule, changed since the lookup). */
function disagreement(answer: Extract<MoneyOrderLockAnswer, { outcome: 'locked' }>, request: PayoutRequest): string | null {
  if (answer.amount !== request.amount) return 'changed';
  if (request.purpose === 'cancel' && answer.refund_fee !== request.feeRefund > 0) return 'refund-rule-changed';
  return null;
}

function fromLockAnswer(answer: MoneyOrderLockAnswer): CounterpartyAnswer {
  return answer.outcome === 'locked'
    ? { outcome: 'confirmed', reference: answer.operation_id }
    : { outcome: 'refused', reason: answer.reason, detail: { branch: answer.branch ?? null, at: answer.at ?? null } };
}

/** Head office's word for an operation id, in the frame's. */
export function fromOperation(operation: Pick<MoneyOrderOperationAnswer, 'state' | 'answer'>): CounterpartyAnswer {
  switch (operation.state) {
    case 'never-received':
      return { outcome: 'never-received' };
    case 'locked':
    case 'settled':
      return { outcome: 'confirmed', reference: null };
    case 'refused':
      return operation.answer ? fromLockAnswer(operation.answer) : { outcome: 'refused', reason: 'refused' };
    case 'released':
      return { outcome: 'cancelled' };
    case 'expired':
      return { outcome: 'expired' };
    default:
      throw missingCaseError(operation.state);
  }
}

/** Head office asked for a counterparty port: an outage, a throw or a lost reply is CounterpartyUnreachable (the frame's "we do not know"). */
function reachHeadOffice(headOffice: AskHeadOffice) {
  return async <R>(ask: (api: HeadOfficeMoneyOrdersApi) => Promise<R>): Promise<R> => {
    let answer: { ok: true; value: R } | { ok: false; why: 'offline' | 'not-configured' };
    try {
      answer = await headOffice(ask);
    } catch (error) {
      throw new CounterpartyUnreachable('head office did not answer', error);
    }
    if (!answer.ok) throw new CounterpartyUnreachable(answer.why === 'offline' ? 'head office link is down' : 'no head office is configured');
    return answer.value;
  };
}
