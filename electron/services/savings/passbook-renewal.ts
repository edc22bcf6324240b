import { ContractError, type ParsedInput, type PassbookRenewal } from '@shared/contract';
import { fingerprintOf } from '../ledger/ledger';
import type { Actor } from '../till/till-context';
import type { PassbookDesk } from './passbook';
import { bookSlots, cursorOf, passbookLayout, placeInBook, presentedBook } from './passbook-book';
import { knownAccount } from './savings-accounts';

/** The ledger's name for a full passbook renewed: an operation without money, kept for its id and operator. */
export const SAVINGS_PASSBOOK_RENEWED = 'savings-passbook-renewed';

/**
 * A full passbook (`book-full`: no line left on this counter's printer layout) is kept as `full`
 * — the customer takes it home as a record, and presented again it is refused — and a new number
 * is issued, page 1 line 1, whose first line carries the full book's last balance forward (the
 * same brought-forward line as a lost book's replacement: `bookStart` reads either). A book with
 * room left is not renewed: lines would go missing from paper. Offline allowed, like a lost book:
 * nothing is asked of head office until the new book prints. Booked as a ledger operation without
 * transfers, so a retry answers the first new number.
 */
export function renewPassbook(desk: PassbookDesk, actor: Actor, input: ParsedInput<'savings.renewPassbook'>): PassbookRenewal {
  const { ctx, passbooks } = desk;
  const account = knownAccount(ctx, input.accountNumber);
  const fingerprint = fingerprintOf(SAVINGS_PASSBOOK_RENEWED, input);
  const stored = ctx.till.ledger.replay<Omit<PassbookRenewal, 'replayed'>>(input.operationId, fingerprint);
  if (stored) return { ...stored, replayed: true };

  const book = input.passbookNumber ? presentedBook(ctx, actor, account.account_number, input.passbookNumber) : ctx.accounts.passbook(account.account_number);
  if (!book) throw new ContractError('NOT_FOUND', `account ${account.account_number} has no passbook at this branch`, { rule: 'no-passbook' });
  const layout = passbookLayout(ctx);
  // The printer's layout is what says a book is full; without it nobody here can tell.
  if (!layout) throw new ContractError('RULE_BROKEN', 'no passbook printer is set up at this counter', { rule: 'no-passbook-printer' });
  const room = bookSlots(layout) - placeInBook(cursorOf(book), layout);
  if (room > 0) {
    throw new ContractError('RULE_BROKEN', `passbook ${book.number} still has ${room} lines free`, { rule: 'passbook-not-full', passbookNumber: book.number, room });
  }

  const outcome = ctx.till.ledger.run<Omit<PassbookRenewal, 'replayed'>>(
    { id: input.operationId, kind: SAVINGS_PASSBOOK_RENEWED, fingerprint, tillSessionId: null, operator: actor.username, approver: null, reason: 'passbook full' },
    (op) => {
      // Checked again inside the transaction: two windows renewing the same book issue one new book.
      if (!ctx.accounts.markFull({ number: book.number, at: op.at, by: actor.username })) {
        throw new ContractError('CONFLICT', `passbook ${book.number} is no longer the one in use`, { rule: 'passbook-renewed', passbookNumber: book.number });
      }
      const number = passbooks.nextNumber(ctx.till.branch().code);
      ctx.accounts.issuePassbook({ number, accountNumber: account.account_number, at: op.at, by: actor.username, printedThrough: book.printed_through });
      return {
        operationId: op.id,
        accountNumber: account.account_number,
        fullPassbook: book.number,
        passbookNumber: number,
        broughtForwardThrough: book.printed_through,
        at: op.at,
      };
    },
  );
  return { ...outcome.result, replayed: outcome.replayed };
}
