import { z } from 'zod';
import { defineMethod } from '../define';
import { code, name, reference, secret } from '../text';
import { CustomerId, DocumentType } from './customers';
import { ReceiptData } from './mail';
import { CurrencyCode, MoneyInput, MoneyView, OperationId, OperationNumber } from './money';
import { SessionId } from './till';

/**
 * Money orders at the window (issue 16): issue (offline allowed), find by number, pay at any
 * branch, cancel, reimburse after expiry, and the incoming international orders head office
 * published for this branch. Refusals are ContractErrors with a `rule` (words `cash.rule.<rule>`).
 */
const AT_THE_WINDOW = ['clerk', 'supervisor'] as const;

/** 12 digits (a 10-digit serial and 2 check digits), spaces and dashes forgiven; the check digits are the service's to judge. */
export const MoneyOrderNumber = reference(20).min(12);

/** Domestic, or captured here for head office to transmit abroad (it cannot be paid at a counter). */
export const MONEY_ORDER_ISSUE_KINDS = ['domestic', 'international-outgoing'] as const;
/** Every kind a counter may see: an order from abroad, published by head office, is paid like a domestic one. */
export const MONEY_ORDER_KINDS = [...MONEY_ORDER_ISSUE_KINDS, 'international-incoming'] as const;
/** The tariffs head office publishes (pull kind `money-order-tariff`). */
export const MONEY_ORDER_TARIFF_KEYS = ['domestic', 'international'] as const;

/**
 * Where an order stands. Head office's words, plus `issued` (the branch's copy of an order whose
 * record has not reached head office yet: not payable anywhere until it does). `expired` is derived
 * from the expiry for an order neither paid, cancelled nor reimbursed.
 */
export const MONEY_ORDER_STATUSES = ['issued', 'available', 'transmitted', 'locked', 'paid', 'cancelled', 'expired', 'reimbursed'] as const;

/** The identity document shown at the window (ICAO 9303 country code, as the customer register keeps it). */
export const MoneyOrderDocument = z.strictObject({
  type: DocumentType,
  number: reference(30).min(1),
  country: code(3).regex(/^[A-Z]{1,3}$/, 'ICAO 9303 country code'),
});
export type MoneyOrderDocument = z.infer<typeof MoneyOrderDocument>;

/** The payee: a customer of the register, or a name with (optionally; required above the tariff's threshold) a document. */
export const MoneyOrderPayeeInput = z.union([
  z.strictObject({ customerId: CustomerId }),
  z.strictObject({ name: name(120).min(2), document: MoneyOrderDocument.optional() }),
]);
export type MoneyOrderPayeeInput = z.infer<typeof MoneyOrderPayeeInput>;

/** What an international order needs beyond a domestic one (UPU IFS). */
export const InternationalFields = z.strictObject({
  /** ISO 3166-1 alpha-2, as the UPU writes it. */
  destinationCountry: code(2).regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code'),
  payeeCurrency: CurrencyCode,
  purpose: name(140).min(2),
});
export type InternationalFields = z.infer<typeof InternationalFields>;

/** The 8 digits the sender passes to the payee; typed at the paying window, never stored as typed. */
export const MoneyOrderSecret = secret(8).regex(/^\d{8}$/, '8 digits');

export const MoneyOrderTariffView = z.object({
  key: z.enum(MONEY_ORDER_TARIFF_KEYS),
  currency: z.string(),
  /** Fee by amount band, lowest first: an amount pays the fee of the first band whose `upTo` it does not exceed. */
  bands: z.array(z.object({ upTo: MoneyView, fee: MoneyView })),
  validityDays: z.number().int().positive(),
  /** Above this amount the payee must be identified by a document at issue and at payment. */
  payeeDocumentAbove: MoneyView,
  maxAmount: MoneyView,
  /** A cancellation gives the fee back too (a reimbursement after expiry never does). */
  cancelRefundsFee: z.boolean(),
});
export type MoneyOrderTariffView = z.infer<typeof MoneyOrderTariffView>;

export const MoneyOrderQuote = z.object({
  kind: z.enum(MONEY_ORDER_ISSUE_KINDS),
  amount: MoneyView,
  fee: MoneyView,
  /** What the sender pays: amount + fee. */
  total: MoneyView,
  payeeDocumentRequired: z.boolean(),
  /** If issued now. */
  expiresAt: z.string(),
});
export type MoneyOrderQuote = z.infer<typeof MoneyOrderQuote>;

export const MoneyOrderIssueResult = z.object({
  operationId: z.string(),
  operationNumber: OperationNumber,
  /** 12 digits; `spacedNumber` as printed (`1234 5678 9012`). */
  number: z.string(),
  spacedNumber: z.string(),
  kind: z.enum(MONEY_ORDER_ISSUE_KINDS),
  amount: MoneyView,
  fee: MoneyView,
  total: MoneyView,
  tendered: MoneyView,
  change: MoneyView,
  issuedAt: z.string(),
  expiresAt: z.string(),
  /** `now`: the link was up and the order went to head office at once; `once-transmitted`: booked here, payable once it reaches head office. */
  payable: z.enum(['now', 'once-transmitted']),
  /**
   * The secret the sender gives the payee, in the FIRST answer only (it is printed on the sender's
   * receipt and kept nowhere but as a hash): a replay of the same operation answers null.
   */
  secret: z.string().nullable(),
  /** The sender's receipt and the voucher as they print; the secret shows there as asterisks. */
  receipt: ReceiptData,
  voucher: ReceiptData,
  replayed: z.boolean(),
});
export type MoneyOrderIssueResult = z.infer<typeof MoneyOrderIssueResult>;

const PersonView = z.object({
  name: z.string(),
  documentType: DocumentType.nullable(),
  /** The payee's in full (the clerk compares it with the card); the sender's as its last 4 characters only. */
  documentNumber: z.string().nullable(),
  documentCountry: z.string().nullable(),
});

export const MoneyOrderView = z.object({
  /** `head-office`: asked just now; `branch-copy`: the link is down, this is what this branch issued or last saw. */
  source: z.enum(['head-office', 'branch-copy']),
  number: z.string(),
  spacedNumber: z.string(),
  kind: z.enum(MONEY_ORDER_KINDS),
  issuingBranch: z.string().nullable(),
  amount: MoneyView,
  fee: MoneyView,
  status: z.enum(MONEY_ORDER_STATUSES),
  sender: PersonView,
  payee: PersonView,
  payeeDocumentRequired: z.boolean(),
  issuedAt: z.string().nullable(),
  expiresAt: z.string(),
  lockedByBranch: z.string().nullable(),
  paidBranch: z.string().nullable(),
  paidAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  reimbursedAt: z.string().nullable(),
  /** The branch's copy only: whether the order's record has reached head office (null when asked of head office). */
  transmitted: z.boolean().nullable(),
  /** International orders: where to, in what currency, why (outgoing); the exchange reference (incoming). */
  international: z
    .object({ destinationCountry: z.string().nullable(), payeeCurrency: z.string().nullable(), purpose: z.string().nullable(), exchangeReference: z.string().nullable() })
    .nullable(),
});
export type MoneyOrderView = z.infer<typeof MoneyOrderView>;

/** Pay, cancel and reimburse go through the counterparty frame, with head office's lock as the reservation. */
export const MONEY_ORDER_PAYOUT_PURPOSES = ['pay', 'cancel', 'reimburse'] as const;

/**
 * Where a payment, cancellation or reimbursement stands. Cash leaves the drawer only for `paid`
 * (or by `counterparty.handOver` for `to-pay`); `waiting`: head office's answer is not known, an
 * incident receipt printed, nothing paid, the operation in the waiting list.
 */
export const MoneyOrderPayoutResult = z.object({
  operationId: z.string(),
  number: z.string(),
  purpose: z.enum(MONEY_ORDER_PAYOUT_PURPOSES),
  outcome: z.enum(['paid', 'to-pay', 'refused', 'waiting', 'cancelled', 'expired']),
  /** What leaves the drawer: the amount (pay, reimburse), the amount and the fee when the tariff refunds it (cancel). */
  amount: MoneyView,
  feeRefunded: MoneyView,
  /**
   * Head office's reason for a refusal, worded by the window (`cash.rule.money-order-<reason>`):
   * being-paid, paid, cancelled, reimbursed, expired, not-expired, wrong-secret,
   * secret-attempts-exceeded, wrong-document, not-payable-here, not-found.
   */
  refusal: z.string().nullable(),
  /** For `being-paid` and `paid`: the branch holding or that paid it, and when. */
  refusalBranch: z.string().nullable(),
  refusalAt: z.string().nullable(),
  approver: z.string().nullable(),
  replayed: z.boolean(),
});
export type MoneyOrderPayoutResult = z.infer<typeof MoneyOrderPayoutResult>;

export const IncomingMoneyOrderView = z.object({
  number: z.string(),
  spacedNumber: z.string(),
  /** Null: published to every branch. */
  payeeBranch: z.string().nullable(),
  sender: z.object({ name: z.string(), country: z.string().nullable() }),
  payee: PersonView,
  amount: MoneyView,
  exchangeReference: z.string().nullable(),
  expiresAt: z.string(),
  publishedAt: z.string(),
});
export type IncomingMoneyOrderView = z.infer<typeof IncomingMoneyOrderView>;

export const IssuedMoneyOrderView = z.object({
  number: z.string(),
  spacedNumber: z.string(),
  kind: z.enum(MONEY_ORDER_ISSUE_KINDS),
  operationId: z.string(),
  senderName: z.string(),
  payeeName: z.string(),
  amount: MoneyView,
  fee: MoneyView,
  issuedAt: z.string(),
  issuedBy: z.string(),
  expiresAt: z.string(),
  /** Its record reached head office (acknowledged): payable anywhere. */
  transmitted: z.boolean(),
});
export type IssuedMoneyOrderView = z.infer<typeof IssuedMoneyOrderView>;

/** A payout at the window: the order, the customer's document, and (to pay) the secret the payee typed. */
const PayoutFields = {
  operationId: OperationId,
  sessionId: SessionId,
  number: MoneyOrderNumber,
  document: MoneyOrderDocument,
};

export const moneyOrdersMethods = {
  /** The tariff head office published (pulled), or RULE_BROKEN `no-money-order-tariff`. */
  'moneyOrders.tariff': defineMethod({
    input: z.strictObject({ key: z.enum(MONEY_ORDER_TARIFF_KEYS).default('domestic') }),
    output: MoneyOrderTariffView,
    access: AT_THE_WINDOW,
  }),
  /** The fee and expiry for an amount (refusals: above the maximum, no tariff); nothing is booked. */
  'moneyOrders.quote': defineMethod({
    input: z.strictObject({ kind: z.enum(MONEY_ORDER_ISSUE_KINDS), amount: MoneyInput }),
    output: MoneyOrderQuote,
    access: AT_THE_WINDOW,
  }),
  /**
   * Offline allowed. The sender from the register, the payee from the register or by name; amount +
   * fee in cash into the till, the order numbered from this branch's range, the sender's receipt
   * (with the secret) and the voucher printed, the drawer opened. Online, the order reaches head
   * office at once (payable now). Sent again with the same id: the same order, without the secret.
   */
  'moneyOrders.issue': defineMethod({
    input: z.strictObject({
      operationId: OperationId,
      sessionId: SessionId,
      kind: z.enum(MONEY_ORDER_ISSUE_KINDS),
      senderId: CustomerId,
      payee: MoneyOrderPayeeInput,
      amount: MoneyInput,
      tendered: MoneyInput.optional(),
      /** Required for `international-outgoing`, refused for `domestic`. */
      international: InternationalFields.optional(),
    }),
    output: MoneyOrderIssueResult,
    access: ['clerk'],
  }),
  /** By number: head office's view when the link is up; the branch's copy (issued or looked up here) when not, said so. */
  'moneyOrders.find': defineMethod({ input: z.strictObject({ number: MoneyOrderNumber }), output: MoneyOrderView, access: AT_THE_WINDOW }),
  /**
   * Online only. The payee's document and the secret; head office locks the order for this branch
   * and this operation (exactly once), the counter books and pays on a durable confirmation.
   * Sent again with the same id, it answers where the payment stands.
   */
  'moneyOrders.pay': defineMethod({
    input: z.strictObject({ ...PayoutFields, secret: MoneyOrderSecret }),
    output: MoneyOrderPayoutResult,
    access: ['clerk'],
  }),
  /** Online only, a supervisor's approval, the sender's document; before payment and before expiry. Refund per the tariff. */
  'moneyOrders.cancel': defineMethod({ input: z.strictObject(PayoutFields), output: MoneyOrderPayoutResult, access: ['clerk'] }),
  /** Online only, a supervisor's approval, the sender's document; after expiry: the amount back, the fee kept. */
  'moneyOrders.reimburse': defineMethod({ input: z.strictObject(PayoutFields), output: MoneyOrderPayoutResult, access: ['clerk'] }),
  /** Orders from abroad head office published to this branch (or to all), not yet expired; paid with `moneyOrders.pay`. */
  'moneyOrders.incoming': defineMethod({ input: z.strictObject({}), output: z.array(IncomingMoneyOrderView), access: AT_THE_WINDOW }),
  /** Orders issued at this branch, newest first, with whether each has reached head office. */
  'moneyOrders.issued': defineMethod({
    input: z.strictObject({ limit: z.number().int().min(1).max(200).default(50), sessionId: SessionId.optional() }),
    output: z.array(IssuedMoneyOrderView),
    access: AT_THE_WINDOW,
  }),
};
