import { z } from 'zod';
import { defineMethod } from '../define';
import { code, note } from '../text';
import { Empty } from './common';
import { MoneyView, OperationId } from './money';

/**
 * Operations with a counterparty (head office, a wallet operator, a biller): the frame every
 * online financial service shares (electron/services/counterparty/). Each operation's state is
 * durable; `unknown` means the outcome is not known yet and nothing was paid.
 */
export const CounterpartyState = z.enum(['prepared', 'sent', 'pending', 'confirmed', 'refused', 'expired', 'unknown', 'cancelled']);
export type CounterpartyStateView = z.infer<typeof CounterpartyState>;

export const CounterpartyOperationView = z.object({
  operationId: z.string(),
  /** The service's operation kind, e.g. `savings-withdrawal`. */
  kind: z.string(),
  /** Who is asked: `head-office`, or an operator's or biller's configured name. */
  counterparty: z.string(),
  state: CounterpartyState,
  amount: MoneyView,
  /** Cash leaves the drawer once confirmed (a withdrawal, a payout). */
  paysOut: z.boolean(),
  /** Confirmed, and the customer has not been handed the cash yet. */
  toHandOver: z.boolean(),
  /** The cash rule: true only for a durable confirmed payout not yet handed over. */
  mayPayOut: z.boolean(),
  /** The counterparty itself has told the outcome (false after a local expiry: it is still asked). */
  counterpartyKnows: z.boolean(),
  cancelRequested: z.boolean(),
  counterpartyReference: z.string().nullable(),
  /** Why the counterparty refused (its reason code, e.g. `insufficient-available`); null unless refused. */
  refusal: z.string().nullable(),
  expiresAt: z.string(),
  operator: z.string(),
  tillSessionId: z.string().nullable(),
  attempts: z.number().int().nonnegative(),
  /** When the resolver asks next (null once the counterparty told the outcome). */
  nextAttemptAt: z.string().nullable(),
  /** The link's last failure, for the technician. */
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CounterpartyOperationView = z.infer<typeof CounterpartyOperationView>;

export const CounterpartyReconciliationView = z.object({
  id: z.string(),
  operationId: z.string(),
  kind: z.string(),
  counterparty: z.string(),
  amount: MoneyView,
  /** What the branch booked. */
  booked: z.enum(['confirmed', 'refused', 'expired', 'cancelled']),
  /** What the counterparty said afterwards. */
  counterpartySays: z.enum(['confirmed', 'refused', 'expired']),
  foundAt: z.string(),
  settlement: z
    .object({ operationId: z.string(), settledBy: z.string(), approver: z.string(), reason: z.string(), at: z.string() })
    .nullable(),
});
export type CounterpartyReconciliationView = z.infer<typeof CounterpartyReconciliationView>;

const ByOperation = z.strictObject({ operationId: OperationId });

export const counterpartyMethods = {
  /** Open operations: a clerk sees their own, a supervisor or auditor the branch's. */
  'counterparty.waiting': defineMethod({
    input: Empty,
    output: z.object({ operations: z.array(CounterpartyOperationView) }),
    access: ['clerk', 'supervisor', 'auditor'],
  }),
  /** Ask the counterparty again now, by the same id. */
  'counterparty.resolveNow': defineMethod({ input: ByOperation, output: CounterpartyOperationView, access: ['clerk', 'supervisor'] }),
  /** Cancel before paying: the counterparty drops it, the reservation is voided. */
  'counterparty.cancel': defineMethod({ input: ByOperation, output: CounterpartyOperationView, access: ['clerk', 'supervisor'] }),
  /** Hand the cash of a payout confirmed after the clerk's screen moved on; the drawer opens. */
  'counterparty.handOver': defineMethod({ input: ByOperation, output: CounterpartyOperationView, access: ['clerk', 'supervisor'] }),
  /** Answers contrary to what was booked, open ones first. */
  'counterparty.reconciliations': defineMethod({
    input: Empty,
    output: z.object({ items: z.array(CounterpartyReconciliationView) }),
    access: ['supervisor', 'auditor'],
  }),
  /**
   * Settles an item with an attributed ledger operation that books the counterparty's outcome
   * (a till's side goes to suspense). Needs a supervisor's approval and a reason.
   */
  'counterparty.settle': defineMethod({
    input: z.strictObject({ reconciliationId: code(36), settlementId: OperationId, reason: note(500).min(3) }),
    output: CounterpartyReconciliationView.extend({ replayed: z.boolean() }),
    access: ['clerk', 'supervisor'],
  }),
};
