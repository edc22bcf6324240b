import { ContractError } from '@shared/contract';
import type { PassbookLayoutConfig } from '../devices/config';
import type { PassbookCursor } from '../devices/protocols/passbook/passbook-line';
import type { Actor } from '../till/till-context';
import type { PassbooksRepository } from './passbooks.repository';
import type { SavingsContext } from './savings-context';
import type { SavingsPassbookRow } from './savings.tables';

/** The layout of the passbook printer the device manager prints on (the first enabled one), or null without one. */
export function passbookLayout(ctx: SavingsContext): PassbookLayoutConfig | null {
  const devices = ctx.till.devices;
  if (!devices?.hasPassbookPrinter()) return null;
  for (const config of devices.configs.list()) if (config.kind === 'passbook-printer' && config.enabled) return config.layout;
  return null;
}

/**
 * A line's place in the book counted from page 1 line 1 (0-based). Lines go one after the other
 * from the first slot (a page stopped early resumes where it stopped), so a place and the line
 * printed there are tied by this count alone: what lets a reprint find the lines at their places.
 */
export const placeInBook = (cursor: PassbookCursor, layout: PassbookLayoutConfig): number => (cursor.page - 1) * layout.linesPerPage + (cursor.line - 1);

/** Line slots in a whole book. */
export const bookSlots = (layout: PassbookLayoutConfig): number => layout.pages * layout.linesPerPage;

export const cursorOf = (book: SavingsPassbookRow): PassbookCursor => ({ page: book.page, line: book.line });

/**
 * The head-office line a book starts after: 0 for an account's first book; for a replacement,
 * the last line the lost book showed (the new book carries its balance forward, then goes on).
 */
export const bookStart = (passbooks: PassbooksRepository, accountNumber: string): number => passbooks.lastLost(accountNumber)?.printed_through ?? 0;

/**
 * The passbook the customer handed over, when the clerk keyed or scanned its number. A book
 * reported lost is refused (and the attempt audited): whoever holds it is not to get lines in it.
 */
export function presentedBook(ctx: SavingsContext, actor: Actor, accountNumber: string, number: string): SavingsPassbookRow {
  const book = ctx.accounts.passbookByNumber(number);
  if (!book) throw new ContractError('NOT_FOUND', `passbook ${number} was not issued at this branch`, { rule: 'passbook-unknown', passbookNumber: number });
  if (book.account_number !== accountNumber) {
    throw new ContractError('RULE_BROKEN', `passbook ${number} belongs to another account`, { rule: 'passbook-other-account', passbookNumber: number });
  }
  if (book.status === 'full') {
    // Renewed: the customer keeps the old book as a record; lines go into the new one.
    const replacedBy = ctx.accounts.passbook(accountNumber)?.number ?? null;
    throw new ContractError('RULE_BROKEN', `passbook ${number} is full and was renewed: print in passbook ${replacedBy ?? '(none)'}`, {
      rule: 'passbook-renewed',
      passbookNumber: number,
      replacedBy,
    });
  }
  if (book.status === 'lost') {
    const replacedBy = ctx.accounts.passbook(accountNumber)?.number ?? null;
    ctx.till.audit.record({
      actor: actor.username,
      action: 'savings.passbook.lostPresented',
      subject: number,
      outcome: 'refused',
      details: { accountNumber, lostAt: book.lost_at, lostBy: book.lost_by, replacedBy },
    });
    throw new ContractError('RULE_BROKEN', `passbook ${number} was reported lost on ${book.lost_at}: keep it, do not print in it`, {
      rule: 'passbook-lost',
      passbookNumber: number,
      lostAt: book.lost_at,
      replacedBy,
    });
  }
  return book;
}
