import { ContractError, type PassbookLineView, type PassbookPrintResult, type ParsedInput } from '@shared/contract';
import type { PassbookPrintResult as DevicePrintResult } from '../devices/passbook-progress';
import type { PassbookCursor } from '../devices/protocols/passbook/passbook-line';
import { localIsoTime } from '../ledger/local-time';
import type { Actor } from '../till/till-context';
import { accountLines, keepFigures } from './account-lines';
import { queueMiniStatement } from './mini-statement';
import { bookSlots, bookStart, cursorOf, passbookLayout, placeInBook, presentedBook } from './passbook-book';
import { broughtForwardLine, passbookLineOf, toPrinter } from './passbook-lines';
import type { PassbooksRepository } from './passbooks.repository';
import { knownAccount } from './savings-accounts';
import type { SavingsContext } from './savings-context';
import type { SavingsPassbookRow } from './savings.tables';

/** Without a passbook printer the mini statement shows the lines still waiting for the book, at most this many. */
const MINI_STATEMENT_LINES = 10;

export interface PassbookDesk {
  ctx: SavingsContext;
  passbooks: PassbooksRepository;
}

/** The rule a refusal names when head office cannot be asked: the passbook prints only what head office holds. */
export const PASSBOOK_NEEDS_HEAD_OFFICE = 'passbook-needs-head-office';

/** Issues the account's first passbook (or, for an account whose book was lost, none was on record): page 1, line 1. */
function issueBook(desk: PassbookDesk, actor: Actor, accountNumber: string, printedThrough: number): SavingsPassbookRow {
  const { ctx, passbooks } = desk;
  return ctx.till.sqlite
    .transaction(() => {
      const number = passbooks.nextNumber(ctx.till.branch().code);
      ctx.accounts.issuePassbook({ number, accountNumber, at: localIsoTime(ctx.till.clock.now()), by: actor.username, printedThrough });
      return ctx.accounts.passbookByNumber(number)!;
    })
    .immediate();
}

/**
 * Updates the passbook with head office's lines not yet in it. Online only: a line printed from
 * the branch's own bookings could later differ from head office's (a deposit not credited yet has
 * no line number at all), and a passbook line cannot be taken back. The cursor moves by what the
 * printer confirmed, never by what was sent: a book pulled out halfway gets the rest next time,
 * nothing lost or printed twice in the book's order.
 */
export async function printPassbook(desk: PassbookDesk, actor: Actor, input: ParsedInput<'savings.printPassbook'>): Promise<PassbookPrintResult> {
  const { ctx, passbooks } = desk;
  const account = knownAccount(ctx, input.accountNumber);
  let book = input.passbookNumber ? presentedBook(ctx, actor, account.account_number, input.passbookNumber) : ctx.accounts.passbook(account.account_number);
  const start = bookStart(passbooks, account.account_number);
  const cursor: PassbookCursor = book ? cursorOf(book) : { page: 1, line: 1 };
  const printedThrough = book?.printed_through ?? start;
  // A replacement book opens with the lost book's last balance: asked with the lines, from head office.
  const carries = start > 0 && cursor.page === 1 && cursor.line === 1;
  const layout = passbookLayout(ctx);
  // What the book can still take, and one more: a line that does not fit makes the printer say `book-full`.
  const room = layout ? Math.max(0, bookSlots(layout) - placeInBook(cursor, layout)) : 0;
  const fetched = await accountLines(
    ctx,
    account.account_number,
    { afterLine: carries ? start - 1 : printedThrough, count: layout ? room + 1 + (carries ? 1 : 0) : 1000 },
    PASSBOOK_NEEDS_HEAD_OFFICE,
  );
  keepFigures(ctx, account, fetched.account);
  const language = ctx.till.branch().language;
  const currency = fetched.account.currency;
  const base = carries ? fetched.lines[0] : undefined;
  // Head office's lines are numbered without gaps and never change: anything else is not ours to print around.
  if (base && base.line_no !== start) throw new Error(`head office gave line ${base.line_no} where line ${start} of account ${account.account_number} was asked for`);
  const fresh = carries ? fetched.lines.slice(1) : fetched.lines;
  const broughtForward = base ? broughtForwardLine(base.balance_after, currency, base.value_date, language) : null;
  const lines: PassbookLineView[] = [...(broughtForward ? [broughtForward] : []), ...fresh.map((line) => passbookLineOf(line, currency, language))];

  const issued = !book;
  book ??= issueBook(desk, actor, account.account_number, printedThrough);
  const waiting = passbooks.waitingDeposits(account.account_number);
  const answer = {
    accountNumber: account.account_number,
    passbookNumber: book.number,
    issued,
    balance: { minor: fetched.account.balance, currency },
    waitingDeposits: { count: waiting.count, amount: { minor: waiting.total, currency } },
  };
  if (!layout) {
    const shown = lines.slice(-MINI_STATEMENT_LINES);
    const receipt = queueMiniStatement(ctx, actor, { accountNumber: account.account_number, lines: shown, balance: answer.balance });
    return { ...answer, outcome: 'mini-statement', detail: '', printed: 0, remaining: fetched.account.lines - printedThrough, cursor, printedThrough, lines: shown, receipt };
  }
  const remaining = fetched.account.lines - printedThrough;
  if (lines.length === 0 || room === 0) {
    // Nothing new, or a full book: the passbook is not asked for (a full one needs a new book).
    return { ...answer, outcome: remaining > 0 ? 'book-full' : 'up-to-date', detail: '', printed: 0, remaining, cursor, printedThrough, lines: [], receipt: null };
  }

  const result = await printOnDevice(desk, lines, cursor);
  // The brought-forward line has no head-office number: it moves the cursor, not `printed_through`.
  const confirmedFresh = Math.max(0, result.printed - (broughtForward ? 1 : 0));
  const through = confirmedFresh > 0 ? fresh[confirmedFresh - 1]!.line_no : printedThrough;
  if (result.printed > 0) {
    const moved = ctx.accounts.moveCursor({ number: book.number, page: result.printedThrough.page, line: result.printedThrough.line, printedThrough: through });
    // Reported lost while it printed: the lines are on paper all the same; the trail says so.
    if (!moved) ctx.till.audit.record({ actor: actor.username, action: 'savings.passbook.cursorKept', subject: book.number, outcome: 'refused', details: { through } });
  }
  return {
    ...answer,
    outcome: result.outcome,
    detail: result.detail,
    printed: result.printed,
    remaining: fetched.account.lines - through,
    cursor: result.printedThrough,
    printedThrough: through,
    lines,
    receipt: null,
  };
}

/** A cursor the configured layout cannot hold means the layout changed under a book in use: the technician's to settle. */
export async function printOnDevice(desk: PassbookDesk, lines: readonly PassbookLineView[], from: PassbookCursor, reprint = false): Promise<DevicePrintResult> {
  const devices = desk.ctx.till.devices!;
  try {
    const printer = lines.map(toPrinter);
    return await (reprint ? devices.reprintPassbookLines(printer, from) : devices.printPassbookLines(printer, from));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new ContractError('RULE_BROKEN', `the passbook cannot be printed on this printer's layout: ${error.message}`, { rule: 'passbook-layout-changed' });
  }
}
