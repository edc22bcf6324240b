import { z } from 'zod';
import { defineMethod } from '../define';
import { code, reference } from '../text';
import { DocumentType } from './customers';
import { MoneyInput, MoneyView, OperationId, OperationNumber } from './money';
import { ReceiptData } from './mail';
import { SessionId } from './till';
import { PassbookNumber, PassbookPrintResult, PassbookReplacement, PassbookReprintResult, SavingsStatement } from './savings-passbook';
import { PassbookRenewal, SAVINGS_BLOCK_TYPES, SAVINGS_CLOSING_STANDINGS, SavingsClosingResult, SavingsReactivation } from './savings-lifecycle';

export * from './savings-passbook';
export * from './savings-lifecycle';

/** A savings account number as printed in the passbook; its check digit is the service's to judge. */
export const SavingsAccountNumber = reference(24).min(6);

/** Apache Fineract's vocabulary, which head office keeps. */
export const SAVINGS_STATUSES = ['submitted', 'active', 'inactive', 'dormant', 'blocked', 'closed'] as const;

export const SavingsProductView = z.object({
  code: z.string(),
  name: z.string(),
  currency: z.string(),
  /** Annual rate in basis points (250 = 2.50 %). */
  annualRateBp: z.number().int(),
  minimumOpeningDeposit: MoneyView,
  minimumBalance: MoneyView,
});
export type SavingsProductView = z.infer<typeof SavingsProductView>;

export const SavingsAccountView = z.object({
  accountNumber: z.string(),
  customerId: z.string(),
  holderName: z.string(),
  productCode: z.string(),
  status: z.enum(SAVINGS_STATUSES),
  /** Head office's figures, as of `asOf`; offline, the last ones this branch saw. */
  balance: MoneyView.nullable(),
  available: MoneyView.nullable(),
  asOf: z.string().nullable(),
  /** Deposits booked at this branch that head office has not credited yet. */
  waitingDeposits: MoneyView,
  /** True when the figures came from head office just now. */
  live: z.boolean(),
  passbook: z.object({ number: z.string().nullable(), status: z.enum(['active', 'lost', 'full']), page: z.number().int(), line: z.number().int(), printedThrough: z.number().int() }),
  /** Head office's block as last seen (status `blocked`): which movements the account refuses. */
  blockType: z.enum(SAVINGS_BLOCK_TYPES).nullable(),
  /** A closing under way or paid at this branch (head office's copy may not say closed yet). */
  closing: z.enum(SAVINGS_CLOSING_STANDINGS),
});
export type SavingsAccountView = z.infer<typeof SavingsAccountView>;

export const SavingsDepositResult = z.object({
  operationId: z.string(),
  operationNumber: OperationNumber,
  accountNumber: z.string(),
  amount: MoneyView,
  tendered: MoneyView,
  change: MoneyView,
  /** `now`: the link is up and the deposit goes at once; `when-link-returns`: booked here, credited on reconnection. */
  credited: z.enum(['now', 'when-link-returns']),
  receipt: ReceiptData,
  replayed: z.boolean(),
});
export type SavingsDepositResult = z.infer<typeof SavingsDepositResult>;

/**
 * Where a withdrawal stands. Cash is handed over only for `paid` (or by `counterparty.handOver` for
 * `to-pay`, a confirmation the resolver found after the window moved on); `waiting` means the outcome
 * is not known: an incident receipt printed, nothing paid, the operation in the waiting list.
 */
export const SavingsWithdrawalResult = z.object({
  operationId: z.string(),
  accountNumber: z.string(),
  amount: MoneyView,
  outcome: z.enum(['paid', 'to-pay', 'refused', 'waiting', 'cancelled', 'expired']),
  /** Head office's reason for a refusal (insufficient-available, account-dormant…), worded by the window. */
  refusal: z.string().nullable(),
  replayed: z.boolean(),
});
export type SavingsWithdrawalResult = z.infer<typeof SavingsWithdrawalResult>;

/** The identity document the customer shows at the window, checked against the account holder's. */
export const PresentedDocument = z.strictObject({ type: DocumentType, number: reference(30).min(1) });

export const savingsMethods = {
  'savings.products': defineMethod({ input: z.strictObject({}), output: z.array(SavingsProductView), access: ['clerk', 'supervisor'] }),
  /** The customer's accounts known here (opened here or looked up before). */
  'savings.accounts': defineMethod({
    input: z.strictObject({ customerId: code(36).min(1) }),
    output: z.array(SavingsAccountView),
    access: ['clerk', 'supervisor'],
  }),
  /** Head office's view when the link is up, else the last one seen here with the deposits still waiting. */
  'savings.account': defineMethod({ input: z.strictObject({ accountNumber: SavingsAccountNumber }), output: SavingsAccountView, access: ['clerk', 'supervisor'] }),
  /**
   * Online only: head office opens the account in the national register (number from this
   * branch's range, the customer's KYC tier), then the opening deposit is booked like any deposit.
   * Sent again with the same id, it finishes what was started and books nothing twice.
   */
  'savings.open': defineMethod({
    input: z.strictObject({
      operationId: OperationId,
      sessionId: SessionId,
      customerId: code(36).min(1),
      productCode: code(32).min(1),
      openingDeposit: MoneyInput,
      tendered: MoneyInput.optional(),
    }),
    output: z.object({ account: SavingsAccountView, deposit: SavingsDepositResult }),
    access: ['clerk'],
  }),
  /** Offline allowed: cash into the till, owed to head office until it credits the account. */
  'savings.deposit': defineMethod({
    input: z.strictObject({ operationId: OperationId, sessionId: SessionId, accountNumber: SavingsAccountNumber, amount: MoneyInput, tendered: MoneyInput.optional() }),
    output: SavingsDepositResult,
    access: ['clerk'],
  }),
  /**
   * Online only: head office holds the amount against the available balance (exactly once per
   * operation id), the counter books it and the drawer opens. A supervisor approves above the
   * cash policy’s paid-out threshold. Sent again with the same id, it answers where the withdrawal stands.
   */
  'savings.withdraw': defineMethod({
    input: z.strictObject({ operationId: OperationId, sessionId: SessionId, accountNumber: SavingsAccountNumber, amount: MoneyInput, document: PresentedDocument }),
    output: SavingsWithdrawalResult,
    access: ['clerk'],
  }),
  /**
   * Online only: head office's lines not yet in the passbook, printed from its cursor; the cursor
   * moves by what the printer confirmed. `passbookNumber`: the book presented (a lost one is refused).
   * Without a passbook printer, a mini statement goes to the receipt printer instead.
   */
  'savings.printPassbook': defineMethod({
    input: z.strictObject({ accountNumber: SavingsAccountNumber, passbookNumber: PassbookNumber.optional() }),
    output: PassbookPrintResult,
    access: ['clerk', 'supervisor'],
  }),
  /** A supervisor's approval: lines already in the passbook printed again at their own places, from this one. */
  'savings.reprintPassbook': defineMethod({
    input: z.strictObject({ accountNumber: SavingsAccountNumber, fromPage: z.number().int().min(1).max(64), fromLine: z.number().int().min(1).max(80) }),
    output: PassbookReprintResult,
    access: ['clerk', 'supervisor'],
  }),
  /** A supervisor's approval: the book is blocked and a new number issued, opening with the balance brought forward. */
  'savings.reportLostPassbook': defineMethod({
    input: z.strictObject({ accountNumber: SavingsAccountNumber, operationId: OperationId }),
    output: PassbookReplacement,
    access: ['clerk', 'supervisor'],
  }),
  /** Online only: the account's latest lines from head office; `print` queues a mini statement. */
  'savings.statement': defineMethod({
    input: z.strictObject({ accountNumber: SavingsAccountNumber, print: z.boolean() }),
    output: SavingsStatement,
    access: ['clerk', 'supervisor'],
  }),
  /** Online only, a supervisor's approval at the window: a dormant account active again at head office. */
  'savings.reactivate': defineMethod({ input: z.strictObject({ accountNumber: SavingsAccountNumber }), output: SavingsReactivation, access: ['clerk', 'supervisor'] }),
  /**
   * Online only, a supervisor's approval, the holder's document: head office posts the interest to
   * date and holds the balance, the counter books the payout like a withdrawal and pays it on a
   * durable confirmation; the account is closed and refuses everything after. Sent again with the
   * same id, it answers where the closing stands.
   */
  'savings.close': defineMethod({
    input: z.strictObject({ operationId: OperationId, sessionId: SessionId, accountNumber: SavingsAccountNumber, document: PresentedDocument }),
    output: SavingsClosingResult,
    access: ['clerk'],
  }),
  /** A full passbook (no line left on this printer's layout) kept as `full`; a new book opens with the balance brought forward. */
  'savings.renewPassbook': defineMethod({
    input: z.strictObject({ accountNumber: SavingsAccountNumber, operationId: OperationId, passbookNumber: PassbookNumber.optional() }),
    output: PassbookRenewal,
    access: ['clerk', 'supervisor'],
  }),
};
