import type { PassbookLineView } from '@shared/contract';
import type { ReceiptLanguage } from '@shared/receipt';
import type { PassbookLine } from '../devices/protocols/passbook/passbook-line';
import type { SavingsLine } from '../headoffice/savings-api';

/**
 * Passbook words in Latin letters only: passbook printers print plain ASCII (devices README), so
 * an Arabic-speaking branch prints the French words rather than a row of question marks. The
 * screen names each line by its kind in the reader's own language.
 */
const WORDS = {
  fr: { deposit: 'Versement', withdrawal: 'Retrait', interest: 'Interets au', broughtForward: 'Report solde', credited: 'cred.' },
  en: { deposit: 'Deposit', withdrawal: 'Withdrawal', interest: 'Interest to', broughtForward: 'Brought forward', credited: 'cred.' },
} as const;

const wordsFor = (language: ReceiptLanguage) => (language === 'en' ? WORDS.en : WORDS.fr);

/** `2026-10-07` → `07/10`: short enough to sit beside the word in the label column. */
const dayMonth = (date: string): string => `${date.slice(8, 10)}/${date.slice(5, 7)}`;

/**
 * The day head office credited a deposit, when it is later than its value date: a deposit taken
 * while the link was down says on the passbook when it reached the account. `booked_at` is in
 * UTC; for a branch east of Greenwich its date is never later than the branch's own date, so no
 * deposit credited the same day is marked.
 */
function creditedLater(line: SavingsLine): string | null {
  if (line.kind !== 'deposit') return null;
  const booked = line.booked_at.slice(0, 10);
  return booked > line.value_date ? booked : null;
}

/** One head-office line as the passbook shows it; `currency` is the account's. */
export function passbookLineOf(line: SavingsLine, currency: string, language: ReceiptLanguage): PassbookLineView {
  const words = wordsFor(language);
  const money = { minor: line.amount, currency };
  const credited = creditedLater(line);
  const label = (() => {
    switch (line.kind) {
      case 'deposit':
        return credited ? `${words.deposit} ${words.credited} ${dayMonth(credited)}` : words.deposit;
      case 'withdrawal':
        return words.withdrawal;
      case 'interest':
        return line.period_end ? `${words.interest} ${dayMonth(line.period_end)}` : words.interest.split(' ')[0]!;
    }
  })();
  return {
    lineNo: line.line_no,
    kind: line.kind,
    date: line.value_date,
    label,
    debit: line.kind === 'withdrawal' ? money : null,
    credit: line.kind === 'withdrawal' ? null : money,
    balance: { minor: line.balance_after, currency },
    creditedOn: credited,
  };
}

/**
 * The first line of a replacement passbook: the balance the lost book last showed, carried over,
 * in the credit column (a passbook line is a debit or a credit). None when there is nothing to
 * carry (the lost book had no line printed, or showed a zero balance): the new book then simply
 * starts with the next line.
 */
export function broughtForwardLine(balance: number, currency: string, date: string, language: ReceiptLanguage): PassbookLineView | null {
  if (balance === 0) return null;
  const amount = { minor: Math.abs(balance), currency };
  return {
    lineNo: null,
    kind: 'brought-forward',
    date,
    label: wordsFor(language).broughtForward,
    debit: balance < 0 ? amount : null,
    credit: balance < 0 ? null : amount,
    balance: { minor: balance, currency },
    creditedOn: null,
  };
}

/** What the passbook printer gets of a line. */
export const toPrinter = (line: PassbookLineView): PassbookLine => ({ date: line.date, label: line.label, debit: line.debit, credit: line.credit, balance: line.balance });
