import { missingCaseError } from '@shared/missing-case';
import type { Clock } from '../clock';
import { CounterpartyUnreachable, type Counterparty, type CounterpartyAnswer } from '../counterparty/counterparty-port';
import type { HeadOfficeSavingsApi, SavingsOperationAnswer } from '../headoffice/savings-api';
import type { AskHeadOffice, HeadOfficeAbsence } from './savings-context';

/** What a withdrawal asks head office, stored with the operation and sent unchanged on every retry. */
export interface WithdrawalRequest {
  accountNumber: string;
  amount: number;
}

/**
 * Head office as the withdrawals' counterparty: `ho.savings_reserve` holds the amount (once per
 * operation id), `ho.savings_operation` says what became of an id, `ho.savings_release` drops a
 * hold the clerk cancelled. An outage or a lost reply throws CounterpartyUnreachable: the frame
 * then knows it does not know, pays nothing and asks again by the same id.
 */
export function headOfficeWithdrawals(headOffice: AskHeadOffice, clock: Clock): Counterparty<WithdrawalRequest> {
  const reached = reachHeadOffice(headOffice);
  return {
    async send(operationId, request, expiresAt) {
      // Whole seconds, at least one: head office counts the hold from when the request arrives.
      const seconds = Math.max(1, Math.ceil((Date.parse(expiresAt) - clock.now().getTime()) / 1000));
      const answer = await reached((api) => api.reserve(operationId, request.accountNumber, request.amount, seconds));
      return answer.outcome === 'reserved' ? { outcome: 'confirmed', reference: operationId } : { outcome: 'refused', reason: answer.reason };
    },
    async ask(operationId) {
      return fromHeadOfficeState(await reached((api) => api.operation(operationId)));
    },
    async cancel(operationId) {
      const released = await reached((api) => api.release(operationId));
      // Asked again for the reason of a refusal: `release` answers the state only.
      return released.state === 'refused' ? fromHeadOfficeState(await reached((api) => api.operation(operationId))) : fromHeadOfficeState({ state: released.state, answer: null });
    },
  };
}

/** Head office asked for a counterparty port: an outage, a throw or a lost reply is CounterpartyUnreachable (the frame's "we do not know"). */
export function reachHeadOffice(headOffice: AskHeadOffice) {
  return async <R>(ask: (api: HeadOfficeSavingsApi) => Promise<R>): Promise<R> => {
    let answer: { ok: true; value: R } | { ok: false; why: HeadOfficeAbsence };
    try {
      answer = await headOffice(ask);
    } catch (error) {
      throw new CounterpartyUnreachable('head office did not answer', error);
    }
    if (!answer.ok) throw new CounterpartyUnreachable(answer.why === 'offline' ? 'head office link is down' : 'no head office is configured');
    return answer.value;
  };
}

/**
 * Head office's word for an operation id, in the frame's. `closed`: what a closing that had nothing
 * to pay means to the caller (for a withdrawal, an id reused for something else — a fault here).
 */
export function fromHeadOfficeState(operation: Pick<SavingsOperationAnswer, 'state' | 'answer'>, closed: CounterpartyAnswer = ID_REUSED): CounterpartyAnswer {
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
    case 'closed':
      return closed;
    case 'opened':
      return ID_REUSED;
    default:
      throw missingCaseError(operation.state);
  }
}

const ID_REUSED: CounterpartyAnswer = { outcome: 'refused', reason: 'operation-id-reused' };
