// One line of a passbook as the savings module hands it over, and how it reads on paper: date,
// label, debit, credit and balance, each in its own column. Amounts are integer minor units with
// their currency (shared/money.ts); an amount too wide for its column prints as ####, never cut
// short, because a passbook that drops a digit lies to its holder.
import { formatMinor, type Money } from '@shared/money';
import type { PassbookLayoutConfig } from '../../config';

export interface PassbookLine {
  /** Value date, `YYYY-MM-DD`. */
  date: string;
  /** What happened, in the branch's words ("Dépôt espèces", "Intérêts 2026"); printed in Latin letters. */
  label: string;
  debit: Money | null;
  credit: Money | null;
  /** The balance after this line. */
  balance: Money;
}

/** The next free line slot of a passbook (1-based): the savings module keeps it, the printer moves it. */
export interface PassbookCursor {
  page: number;
  line: number;
}

/** A piece of text at a column (characters from the left margin, 10 per inch). */
export interface PassbookField {
  at: number;
  text: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Impact passbook printers speak 7-bit national character sets (PR2) or code tables picked per
 * model (ESC/P): plain ASCII prints the same on all of them. Accents fall back to their letter
 * (é → e), anything else to `?`; the ledger keeps the label as typed, only the paper is plain.
 */
export const passbookText = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/g, '?');

const fit = (text: string, width: number): string => (text.length > width ? text.slice(0, width) : text);
const rightAligned = (text: string, width: number): string => (text.length > width ? '#'.repeat(width) : text.padStart(width, ' '));

/** `25/12/26`: the day first, as French-speaking posts write it, in the 8 characters passbooks leave for it. */
export const passbookDate = (date: string): string => {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`passbook line date must be YYYY-MM-DD, not ${date}`);
  const [, year = '', month = '', day = ''] = match;
  return `${day}/${month}/${year.slice(2)}`;
};

/**
 * Grouped with dots, decimals after a comma (1.500.000 DJF, 1.500,00 EUR), as French-speaking
 * posts print them: a space inside an amount on a ruled passbook reads as two numbers.
 */
export const passbookAmount = (money: Money): string => formatMinor(money.minor, money.currency, ' ').replace('.', ',').replace(/ /g, '.');

/** Why a line cannot go on a passbook, or null. */
export function passbookLineProblem(line: PassbookLine): string | null {
  if (!DATE.test(line.date)) return `date ${line.date} is not YYYY-MM-DD`;
  if ((line.debit === null) === (line.credit === null)) return 'a line is a debit or a credit, exactly one';
  const amount = line.debit ?? line.credit;
  if (amount && (!Number.isSafeInteger(amount.minor) || amount.minor <= 0)) return 'the amount must be a positive whole number of minor units';
  if (!Number.isSafeInteger(line.balance.minor)) return 'the balance must be a whole number of minor units';
  if (amount && amount.currency !== line.balance.currency) return 'the amount and the balance must be in one currency';
  return null;
}

/** The line's fields at their columns, in ASCII, each cut or padded to its column's width. */
export function passbookFields(line: PassbookLine, layout: PassbookLayoutConfig): PassbookField[] {
  const fields: PassbookField[] = [
    { at: layout.date.at, text: fit(passbookDate(line.date), layout.date.width) },
    { at: layout.label.at, text: fit(passbookText(line.label), layout.label.width) },
  ];
  if (line.debit) fields.push({ at: layout.debit.at, text: rightAligned(passbookAmount(line.debit), layout.debit.width) });
  if (line.credit) fields.push({ at: layout.credit.at, text: rightAligned(passbookAmount(line.credit), layout.credit.width) });
  fields.push({ at: layout.balance.at, text: rightAligned(passbookAmount(line.balance), layout.balance.width) });
  return fields.sort((a, b) => a.at - b.at);
}

/** The fields as one row of characters from the left margin (what a printer that positions by spaces gets). */
export function passbookRow(fields: PassbookField[]): string {
  let row = '';
  for (const field of fields) {
    row = row.padEnd(field.at, ' ');
    row = row.slice(0, field.at) + field.text;
  }
  return row;
}
