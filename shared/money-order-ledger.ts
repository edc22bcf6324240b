// The names money orders write in the branch ledger, in one place: the money-order service books
// them, the till's Z report counts them, head office settles its locks on the payout codes
// (MONEY-ORDERS-SPEC.md, "The branch").

/** Transfer codes (reference = the order number). */
export const MONEY_ORDER_CODES = {
  /** Till cash → money orders payable: the order's amount, taken at issue. */
  issue: 'money-order-issue',
  /** Till cash → money-order fees (revenue), at issue. */
  fee: 'money-order-fee',
  /** Money orders payable → till cash, two-phase: the payee paid. */
  payout: 'money-order-payout',
  /** Money orders payable → till cash, two-phase: the sender refunded (a cancellation or a reimbursement). */
  refund: 'money-order-refund',
  /** Money-order fees → till cash, two-phase: a cancellation whose tariff gives the fee back. */
  feeRefund: 'money-order-fee-refund',
} as const;

/** Ledger operation kinds: the issue, and the counterparty frame's kinds of the three payouts. */
export const MONEY_ORDER_KINDS_IN_LEDGER = {
  issue: 'money-order-issue',
  pay: 'money-order-payment',
  cancel: 'money-order-cancellation',
  reimburse: 'money-order-reimbursement',
} as const;
