// What the passbook and statement calls of `savings.*` answer (the methods themselves are in
// savings.ts). Kept in a file of schemas only so the passbook's shapes read in one place.
import { z } from 'zod';
import { reference } from '../text';
import { MoneyView } from './money';
import { ReceiptData } from './mail';

/** A passbook's number as printed on its cover: the branch code and a sequence (`DJ-DEMO-L000042`). */
export const PassbookNumber = reference(40).min(3);

/** What a passbook line records; `brought-forward` opens a replacement book with the balance carried over. */
export const PASSBOOK_LINE_KINDS = ['deposit', 'withdrawal', 'interest', 'brought-forward'] as const;

export const PassbookLineView = z.object({
  /** Head office's line number; null for the brought-forward line, which head office does not have. */
  lineNo: z.number().int().nullable(),
  kind: z.enum(PASSBOOK_LINE_KINDS),
  /** Value date, `YYYY-MM-DD`. */
  date: z.string(),
  /** As printed on the passbook (Latin letters: passbook printers print ASCII). */
  label: z.string(),
  debit: MoneyView.nullable(),
  credit: MoneyView.nullable(),
  balance: MoneyView,
  /** A deposit head office credited on a later day than the cash was taken (the link was down). */
  creditedOn: z.string().nullable(),
});
export type PassbookLineView = z.infer<typeof PassbookLineView>;

export const PassbookCursorView = z.object({ page: z.number().int(), line: z.number().int() });

/** Deposits booked at this branch that head office has not credited yet: no line number, nothing to print. */
export const WaitingDepositsView = z.object({ count: z.number().int(), amount: MoneyView });

/**
 * How a passbook update ended. The device's outcomes (`complete`, `book-full`: give a new passbook,
 * `removed`, `not-inserted`, `printer-error`, `offline`, `no-answer`, `cancelled`), plus
 * `up-to-date` (nothing new: the printer was not asked) and `mini-statement` (no passbook printer
 * here: the lines went to the receipt printer and still wait for the passbook).
 */
export const PASSBOOK_PRINT_OUTCOMES = [
  'complete',
  'book-full',
  'removed',
  'not-inserted',
  'printer-error',
  'offline',
  'no-answer',
  'cancelled',
  'up-to-date',
  'mini-statement',
] as const;

export const PassbookPrintResult = z.object({
  accountNumber: z.string(),
  passbookNumber: z.string(),
  /** True when this call issued the account's first passbook. */
  issued: z.boolean(),
  outcome: z.enum(PASSBOOK_PRINT_OUTCOMES),
  /** The printer's or the device's words for a stop, for the technician; empty otherwise. */
  detail: z.string(),
  /** Lines the printer confirmed on paper by this call. */
  printed: z.number().int(),
  /** Lines of head office still to print in this passbook (next time, or in a new book). */
  remaining: z.number().int(),
  /** The passbook's next free line, and the last head-office line in it. */
  cursor: PassbookCursorView,
  printedThrough: z.number().int(),
  /** The lines handed to the printer (or to the mini statement), in order. */
  lines: z.array(PassbookLineView),
  balance: MoneyView,
  waitingDeposits: WaitingDepositsView,
  /** The mini statement queued on the receipt printer when there is no passbook printer. */
  receipt: ReceiptData.nullable(),
});
export type PassbookPrintResult = z.infer<typeof PassbookPrintResult>;

export const PassbookReprintResult = z.object({
  accountNumber: z.string(),
  passbookNumber: z.string(),
  outcome: z.enum(PASSBOOK_PRINT_OUTCOMES),
  detail: z.string(),
  /** Where the reprint started, and how many lines the printer confirmed again. */
  from: PassbookCursorView,
  printed: z.number().int(),
  lines: z.array(PassbookLineView),
  approver: z.string(),
});
export type PassbookReprintResult = z.infer<typeof PassbookReprintResult>;

export const PassbookReplacement = z.object({
  operationId: z.string(),
  accountNumber: z.string(),
  /** The book blocked now (null when the branch had none on record for this account). */
  lostPassbook: z.string().nullable(),
  /** The new book: page 1 line 1, opening with the balance brought forward. */
  passbookNumber: z.string(),
  /** Head office's last line printed in the lost book: the new one carries on after it. */
  broughtForwardThrough: z.number().int(),
  approver: z.string(),
  at: z.string(),
  replayed: z.boolean(),
});
export type PassbookReplacement = z.infer<typeof PassbookReplacement>;

export const SavingsStatement = z.object({
  accountNumber: z.string(),
  holderName: z.string(),
  status: z.string(),
  balance: MoneyView,
  available: MoneyView,
  /** Head office's line count: `lines` are the last of them. */
  totalLines: z.number().int(),
  lines: z.array(PassbookLineView),
  waitingDeposits: WaitingDepositsView,
  /** The mini statement queued on the receipt printer (`print: true`), else null. */
  receipt: ReceiptData.nullable(),
  at: z.string(),
});
export type SavingsStatement = z.infer<typeof SavingsStatement>;
