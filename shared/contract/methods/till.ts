import { z } from 'zod';
import { defineMethod } from '../define';
import { code, note } from '../text';
import { Empty, Username } from './common';
import { PrintJobView } from './print';
import { DenominationCount, LocalizedLabel, MoneyInput, MoneyView, OperationId, OperationNumber } from './money';

export const TillId = code(16).regex(/^[A-Za-z0-9-]{1,16}$/, 'till name: letters, digits, -');
export const SessionId = code(64).min(1);
const Reason = note(500).min(3);

/** awaiting-float → open → counting (after the first blind count) → closed. */
export const TillStatus = z.enum(['awaiting-float', 'open', 'counting', 'closed']);
export type TillStatus = z.infer<typeof TillStatus>;

/** Cash on its way between the safe and a till: it counts nowhere until the receiver confirms. */
export const PendingCash = z.object({
  transferId: z.string(),
  operationId: z.string(),
  kind: z.enum(['float', 'top-up', 'drop']),
  amount: MoneyView,
  sessionId: z.string(),
  tillId: z.string(),
  by: z.string(),
  at: z.string(),
  /** Who confirms receipt: the till's clerk for a float or top-up, a supervisor for a drop to the safe. */
  awaiting: z.enum(['clerk', 'supervisor']),
});
export type PendingCash = z.infer<typeof PendingCash>;

/**
 * What the clerk's own screen may show. No expected cash: the count is blind
 * until the clerk has submitted it.
 */
export const ClerkTillView = z.object({
  sessionId: z.string(),
  tillId: z.string(),
  clerk: z.string(),
  status: TillStatus,
  currency: z.string(),
  openedAt: z.string(),
  openedBy: z.string(),
  pending: z.array(PendingCash),
  countsSubmitted: z.number().int().nonnegative(),
});
export type ClerkTillView = z.infer<typeof ClerkTillView>;

/** A supervisor's view adds what the till should hold. */
export const TillSessionView = ClerkTillView.extend({
  expectedCash: MoneyView,
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
});
export type TillSessionView = z.infer<typeof TillSessionView>;

export const Denomination = z.object({ value: z.number().int().positive(), kind: z.enum(['note', 'coin']) });

export const CashReason = z.object({ code: z.string(), label: LocalizedLabel });

export const TillConfig = z.object({
  currency: z.string(),
  exponent: z.number().int().nonnegative(),
  denominations: z.array(Denomination),
  paidInReasons: z.array(CashReason),
  paidOutReasons: z.array(CashReason),
  /** Above these (minor units) a supervisor approves; the window may ask up front. */
  approvalAbove: z.object({ paidIn: z.number().int(), paidOut: z.number().int(), drop: z.number().int() }),
  /** No single amount above this is accepted. */
  ceiling: z.number().int(),
  /** True while the values come from the bundled sample files, not head office. */
  sample: z.boolean(),
});
export type TillConfig = z.infer<typeof TillConfig>;

export const CashMovementResult = z.object({
  operationId: z.string(),
  /** Paid-in and paid-out print a numbered receipt; the other movements carry no number. */
  operationNumber: OperationNumber.optional(),
  sessionId: z.string(),
  kind: z.enum(['paid-in', 'paid-out', 'drop', 'top-up', 'float-confirmed', 'drop-confirmed', 'pending-cancelled']),
  amount: MoneyView,
  reasonCode: z.string().nullable(),
  at: z.string(),
  approvedBy: z.string().nullable(),
  /** Set while the cash waits for the receiver's confirmation. */
  pendingTransferId: z.string().nullable(),
  /** True when this id had already been booked: nothing was posted again. */
  replayed: z.boolean(),
});
export type CashMovementResult = z.infer<typeof CashMovementResult>;

export const CountResult = z.object({
  countId: z.string(),
  sessionId: z.string(),
  attempt: z.number().int().positive(),
  counted: MoneyView,
  expected: MoneyView,
  /** counted − expected: negative is a shortage. */
  difference: MoneyView,
  outcome: z.enum(['balanced', 'over', 'short']),
  countedBy: z.string(),
  at: z.string(),
  replayed: z.boolean(),
});
export type CountResult = z.infer<typeof CountResult>;

export const CloseResult = z.object({
  operationId: z.string(),
  sessionId: z.string(),
  countId: z.string(),
  counted: MoneyView,
  expected: MoneyView,
  difference: MoneyView,
  /** Booked to the branch's over/short account with the explanation. */
  toOverShort: MoneyView,
  /** The disputed part, held in suspense until resolved: never charged to the clerk. */
  toSuspense: MoneyView,
  returnedToSafe: MoneyView,
  explanation: z.string().nullable(),
  approvedBy: z.string(),
  closedAt: z.string(),
  replayed: z.boolean(),
});
export type CloseResult = z.infer<typeof CloseResult>;

export const VoidResult = z.object({
  operationId: z.string(),
  targetOperationId: z.string(),
  sessionId: z.string(),
  reversedTransfers: z.number().int().positive(),
  amount: MoneyView,
  reason: z.string(),
  approvedBy: z.string(),
  at: z.string(),
  /** Voids that print (a mail acceptance's): the void receipt queued, and the label/receipt jobs still waiting that were cancelled. */
  printing: z.object({ queued: z.number().int(), cancelled: z.number().int() }).optional(),
  replayed: z.boolean(),
});
export type VoidResult = z.infer<typeof VoidResult>;

export const SessionOperation = z.object({
  operationId: z.string(),
  kind: z.string(),
  at: z.string(),
  operator: z.string(),
  amount: MoneyView,
  reason: z.string().nullable(),
  /** Set when a later void reversed this operation. */
  voidedBy: z.string().nullable(),
  /** Set on a void: the operation it reversed. */
  reversesOperationId: z.string().nullable(),
  voidable: z.boolean(),
  /** Each transfer, named by the account on the other side of the till's cash (product, reason…). */
  lines: z.array(
    z.object({
      account: z.object({ id: z.string(), name: z.string(), code: z.string() }),
      reference: z.string().nullable(),
      amount: MoneyView,
    }),
  ),
});
export type SessionOperation = z.infer<typeof SessionOperation>;

const ProductLine = z.object({
  productCode: z.string(),
  name: LocalizedLabel,
  count: z.number().int(),
  gross: MoneyView,
  voided: MoneyView,
  net: MoneyView,
});
const ReasonLine = z.object({ reasonCode: z.string(), count: z.number().int(), amount: MoneyView });

/** End-of-session summary: shown on screen, printed later on the receipt printer or A4. */
const CountedAmount = z.object({ count: z.number().int(), amount: MoneyView });

export const ZReport = z.object({
  sessionId: z.string(),
  tillId: z.string(),
  clerk: z.string(),
  status: TillStatus,
  currency: z.string(),
  openedAt: z.string(),
  openedBy: z.string(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  products: z.array(ProductLine),
  payments: z.array(z.object({ method: z.string(), count: z.number().int(), amount: MoneyView })),
  cashMovements: z.object({
    float: MoneyView,
    topUps: MoneyView,
    drops: MoneyView,
    paidIn: z.array(ReasonLine),
    paidOut: z.array(ReasonLine),
    /** Cash taken for a marketplace when a parcel is handed over: owed to it, not the branch's revenue. */
    collectedOnDelivery: z.array(z.object({ marketplace: z.string(), count: z.number().int(), amount: MoneyView })),
    returnedToSafe: MoneyView,
  }),
  voids: z.object({
    count: z.number().int(),
    amount: MoneyView,
    items: z.array(
      z.object({ operationId: z.string(), targetOperationId: z.string(), reason: z.string(), by: z.string(), approvedBy: z.string().nullable(), at: z.string(), amount: MoneyView }),
    ),
  }),
  counts: z.array(
    z.object({ countId: z.string(), attempt: z.number().int(), counted: MoneyView, expected: MoneyView, countedBy: z.string(), at: z.string() }),
  ),
  overShort: z.object({ over: MoneyView, short: MoneyView, suspense: MoneyView, explanation: z.string().nullable(), approvedBy: z.string().nullable() }),
  /** Money orders at this till: what came in (orders issued, their fees) and what left (orders paid, refunds to senders). */
  moneyOrders: z.object({
    issued: CountedAmount,
    fees: CountedAmount,
    paid: CountedAmount,
    cancelled: CountedAmount,
    reimbursed: CountedAmount,
    feesRefunded: CountedAmount,
  }),
  /** What the till should hold now (after the close: zero, everything went back to the safe). */
  expectedCash: MoneyView,
  lastSeq: z.number().int().nullable(),
});
export type ZReport = z.infer<typeof ZReport>;

const Session = { sessionId: SessionId };
const Operation = { operationId: OperationId };

export const tillMethods = {
  'till.config': defineMethod({ input: Empty, output: TillConfig, access: ['clerk', 'supervisor', 'auditor', 'technician'] }),
  /** The clerk's live session, or null. Never carries the expected cash. */
  'till.mine': defineMethod({ input: Empty, output: ClerkTillView.nullable(), access: ['clerk'] }),
  'till.list': defineMethod({
    input: z.strictObject({ status: z.enum(['live', 'closed', 'all']).default('live'), limit: z.number().int().min(1).max(200).default(50) }),
    output: z.array(TillSessionView),
    access: ['supervisor', 'auditor'],
  }),
  /** Supervisor gives a float from the safe; it waits for the clerk's confirmation. */
  'till.open': defineMethod({
    input: z.strictObject({ ...Operation, tillId: TillId, clerk: Username, float: MoneyInput }),
    output: TillSessionView,
    access: ['supervisor'],
  }),
  /** The receiver confirms cash in transit: the clerk a float or top-up, a supervisor a drop. */
  'till.confirmReceipt': defineMethod({
    input: z.strictObject({ ...Operation, pendingTransferId: code(80).min(1) }),
    output: CashMovementResult,
    access: ['clerk', 'supervisor'],
  }),
  /** Cash in transit that never arrived (or was refused) goes back where it came from. */
  'till.cancelPending': defineMethod({
    input: z.strictObject({ ...Operation, pendingTransferId: code(80).min(1), reason: Reason }),
    output: CashMovementResult,
    access: ['supervisor'],
  }),
  'till.paidIn': defineMethod({
    input: z.strictObject({ ...Operation, ...Session, amount: MoneyInput, reasonCode: code(32).min(1), note: note(500).optional() }),
    output: CashMovementResult,
    access: ['clerk'],
  }),
  'till.paidOut': defineMethod({
    input: z.strictObject({ ...Operation, ...Session, amount: MoneyInput, reasonCode: code(32).min(1), note: note(500).optional() }),
    output: CashMovementResult,
    access: ['clerk'],
  }),
  /** A cash drop from the till to the safe; a supervisor confirms it arrived. */
  'till.transferToSafe': defineMethod({
    input: z.strictObject({ ...Operation, ...Session, amount: MoneyInput, note: note(500).optional() }),
    output: CashMovementResult,
    access: ['clerk', 'supervisor'],
  }),
  /** A top-up from the safe; the clerk confirms receipt. */
  'till.transferFromSafe': defineMethod({
    input: z.strictObject({ ...Operation, ...Session, amount: MoneyInput, note: note(500).optional() }),
    output: CashMovementResult,
    access: ['supervisor'],
  }),
  /** Blind count by denomination. The first count stops trading on the till; recounts are kept. */
  'till.submitCount': defineMethod({
    input: z.strictObject({ ...Operation, ...Session, counts: z.array(DenominationCount).min(1).max(40) }),
    output: CountResult,
    access: ['clerk', 'supervisor'],
  }),
  'till.counts': defineMethod({ input: z.strictObject(Session), output: z.array(CountResult), access: ['clerk', 'supervisor', 'auditor'] }),
  /**
   * Closes on the latest count: over/short to the discrepancy account with the
   * explanation, the disputed part to suspense, the cash back to the safe. Always
   * a supervisor's approval (their session, or their credentials at the clerk's window).
   */
  'till.close': defineMethod({
    input: z.strictObject({
      ...Operation,
      ...Session,
      countId: code(80).min(1),
      explanation: note(500).optional(),
      disputedMinor: z.number().int().min(0).default(0),
    }),
    output: CloseResult,
    access: ['clerk', 'supervisor'],
  }),
  /** Reverses a completed sale or paid-in/out of a live session; always approved by a supervisor. */
  'till.voidOperation': defineMethod({
    input: z.strictObject({ ...Operation, targetOperationId: OperationId, reason: Reason }),
    output: VoidResult,
    access: ['clerk', 'supervisor'],
  }),
  'till.operations': defineMethod({
    input: z.strictObject({ ...Session, limit: z.number().int().min(1).max(500).default(100) }),
    output: z.array(SessionOperation),
    access: ['clerk', 'supervisor', 'auditor'],
  }),
  /** Clerks see their own Z report once they have counted; supervisors and auditors any time. */
  'till.zReport': defineMethod({ input: z.strictObject(Session), output: ZReport, access: ['clerk', 'supervisor', 'auditor'] }),
  /**
   * The same Z report on the receipt printer, through the durable print queue: a printer that is
   * off prints it when it is back; `print.reprint` makes another copy. Same readers as `till.zReport`.
   */
  'till.printZReport': defineMethod({ input: z.strictObject(Session), output: PrintJobView, access: ['clerk', 'supervisor', 'auditor'] }),
};
