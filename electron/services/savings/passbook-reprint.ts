import { ContractError, type ParsedInput, type PassbookLineView, type PassbookReprintResult } from '@shared/contract';
import type { Actor } from '../till/till-context';
import { accountLines } from './account-lines';
import { bookStart, cursorOf, passbookLayout, placeInBook } from './passbook-book';
import { broughtForwardLine, passbookLineOf } from './passbook-lines';
import { PASSBOOK_NEEDS_HEAD_OFFICE, printOnDevice, type PassbookDesk } from './passbook';
import { knownAccount } from './savings-accounts';

/**
 * Prints again, at their own places, the lines of the passbook in use from `fromPage`/`fromLine`
 * through its last printed line (a smudged page, a line printed over the fold by an old layout).
 * The book's content is rebuilt from head office, place by place from page 1 line 1, and must
 * end exactly at the book's cursor: if it does not, the layout changed since the book was
 * printed and a reprint would land on the wrong lines, so it is refused. The cursor does not move.
 */
export async function reprintPassbook(
  desk: PassbookDesk,
  actor: Actor,
  approver: string,
  input: ParsedInput<'savings.reprintPassbook'>,
): Promise<PassbookReprintResult> {
  const { ctx, passbooks } = desk;
  const account = knownAccount(ctx, input.accountNumber);
  const book = ctx.accounts.passbook(account.account_number);
  if (!book) throw new ContractError('NOT_FOUND', `account ${account.account_number} has no passbook at this branch`, { rule: 'no-passbook' });
  const layout = passbookLayout(ctx);
  if (!layout) throw new ContractError('RULE_BROKEN', 'no passbook printer is set up at this counter', { rule: 'no-passbook-printer' });
  const from = { page: input.fromPage, line: input.fromLine };
  const end = placeInBook(cursorOf(book), layout);
  if (from.page > layout.pages || from.line > layout.linesPerPage || placeInBook(from, layout) >= end) {
    throw new ContractError('RULE_BROKEN', `nothing is printed at page ${from.page} line ${from.line} of passbook ${book.number}`, {
      rule: 'passbook-line-not-printed',
      cursor: cursorOf(book),
    });
  }

  const start = bookStart(passbooks, account.account_number);
  const afterLine = Math.max(0, start - 1);
  const fetched = await accountLines(ctx, account.account_number, { afterLine, count: book.printed_through - afterLine }, PASSBOOK_NEEDS_HEAD_OFFICE);
  const language = ctx.till.branch().language;
  const currency = fetched.account.currency;
  const base = start > 0 ? fetched.lines[0] : undefined;
  const broughtForward = base ? broughtForwardLine(base.balance_after, currency, base.value_date, language) : null;
  const inBook: PassbookLineView[] = [
    ...(broughtForward ? [broughtForward] : []),
    ...(start > 0 ? fetched.lines.slice(1) : fetched.lines).map((line) => passbookLineOf(line, currency, language)),
  ];
  if (inBook.length !== end) {
    throw new ContractError('RULE_BROKEN', `passbook ${book.number} holds ${end} line places on this layout but ${inBook.length} lines: the layout changed`, {
      rule: 'passbook-layout-changed',
    });
  }
  const lines = inBook.slice(placeInBook(from, layout));
  const result = await printOnDevice(desk, lines, from, true);
  ctx.till.audit.record({
    actor: actor.username,
    action: 'savings.passbook.reprint',
    subject: book.number,
    outcome: 'ok',
    details: { accountNumber: account.account_number, approver, fromPage: from.page, fromLine: from.line, lines: lines.length, printed: result.printed, result: result.outcome },
  });
  return {
    accountNumber: account.account_number,
    passbookNumber: book.number,
    outcome: result.outcome,
    detail: result.detail,
    from,
    printed: result.printed,
    lines,
    approver,
  };
}
