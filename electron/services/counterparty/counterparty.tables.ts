import type { Generated } from 'kysely';
import type { CounterpartyState } from './state-machine';

/** Row shapes of the counterparty frame's tables (migration 0019). */

export interface CounterpartyOperationTable {
  id: string;
  kind: string;
  counterparty: string;
  /** The request as sent, JSON: every retry sends these bytes again. */
  request: string;
  fingerprint: string;
  state: CounterpartyState;
  amount: number;
  currency: string;
  /** 1: cash leaves the drawer once confirmed (a withdrawal, a payout). */
  pays_out: number;
  /** ISO UTC instant after which the counterparty drops its hold. */
  expires_at: string;
  post_operation_id: string;
  void_operation_id: string;
  till_session_id: string | null;
  operator: string;
  counterparty_reference: string | null;
  answer: string | null;
  /** 1 once the counterparty itself told the outcome (a local expiry still asks). */
  counterparty_knows: number;
  cancel_requested: number;
  handed_over_at: string | null;
  attempts: number;
  /** Epoch milliseconds: the resolver asks again from then on. */
  next_attempt_at: number;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface CounterpartyOperationStateTable {
  seq: Generated<number>;
  operation_id: string;
  state: CounterpartyState;
  detail: string | null;
  actor: string | null;
  at: string;
}

export interface CounterpartyReconciliationTable {
  id: string;
  operation_id: string;
  booked: 'confirmed' | 'refused' | 'expired' | 'cancelled';
  counterparty_says: 'confirmed' | 'refused' | 'expired';
  answer: string | null;
  found_at: string;
  settlement_operation_id: string | null;
  settled_by: string | null;
  approver: string | null;
  reason: string | null;
  settled_at: string | null;
}

export interface CounterpartyTables {
  counterparty_operations: CounterpartyOperationTable;
  counterparty_operation_states: CounterpartyOperationStateTable;
  counterparty_reconciliations: CounterpartyReconciliationTable;
}
