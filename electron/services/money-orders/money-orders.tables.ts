import type { Insertable, Selectable } from 'kysely';
import type { MONEY_ORDER_KINDS, MONEY_ORDER_STATUSES } from '@shared/contract';

export type MoneyOrderKind = (typeof MONEY_ORDER_KINDS)[number];
export type MoneyOrderStatus = (typeof MONEY_ORDER_STATUSES)[number];

/**
 * The branch's copy of a money order (migration 0023): one it issued (`issued-here`, fixed by
 * trigger except where it stands) or one it looked up at head office (`head-office`, last seen).
 */
export interface MoneyOrderTable {
  number: string;
  kind: MoneyOrderKind;
  source: 'issued-here' | 'head-office';
  /** The ledger operation that issued it here. */
  issue_operation_id: string | null;
  issuing_branch: string | null;
  currency: string;
  amount: number;
  fee: number;
  sender_customer_id: string | null;
  sender_name: string;
  sender_document_type: string | null;
  /** In full when issued here; the last 4 characters when head office told it. */
  sender_document_number: string | null;
  sender_document_country: string | null;
  payee_customer_id: string | null;
  payee_name: string;
  payee_document_type: string | null;
  payee_document_number: string | null;
  payee_document_country: string | null;
  payee_document_required: 0 | 1;
  /** JSON of the international fields; null for a domestic order. */
  international: string | null;
  status: MoneyOrderStatus;
  issued_at: string | null;
  issued_by: string | null;
  expires_at: string;
  /** The issue's record in the register stream: the order has reached head office once that seq is acknowledged. */
  register_seq: number | null;
  locked_by_branch: string | null;
  paid_branch: string | null;
  paid_at: string | null;
  cancelled_at: string | null;
  reimbursed_at: string | null;
  seen_at: string;
}

/** A range of order serials head office allocated to this branch. */
export interface MoneyOrderNumberRangeTable {
  id: string;
  first_serial: number;
  last_serial: number;
  next_serial: number;
  source: 'head-office' | 'sample';
  received_at: string;
}

export interface MoneyOrderTables {
  money_orders: MoneyOrderTable;
  money_order_number_ranges: MoneyOrderNumberRangeTable;
}

export type MoneyOrderRow = Selectable<MoneyOrderTable>;
export type NewMoneyOrder = Insertable<MoneyOrderTable>;
