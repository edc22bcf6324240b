// Without a passbook printer, the customer still leaves with his latest lines: a mini statement
// on the receipt printer (the last lines and the balance), built as the same receipt model the
// printer and the on-screen preview lay out. The savings module queues it; the passbook's cursor
// does not move (those lines still wait for the passbook).
import type { BranchProfile } from '@shared/contract';
import { formatMoney, type Money } from '@shared/money';
import type { Receipt, ReceiptEntry, ReceiptLanguage } from '@shared/receipt';
import { passbookDate, type PassbookLine } from './protocols/passbook/passbook-line';

const WORDS = {
  fr: { title: 'RELEVÉ DE LIVRET', account: 'Livret N°', clerk: 'Guichetier', balance: 'SOLDE', last: 'Derniers mouvements', none: 'Aucun mouvement', notice: 'À reporter sur votre livret au prochain passage' },
  en: { title: 'PASSBOOK STATEMENT', account: 'Passbook No.', clerk: 'Clerk', balance: 'BALANCE', last: 'Latest transactions', none: 'No transactions', notice: 'To be entered in your passbook at your next visit' },
  ar: { title: 'كشف دفتر التوفير', account: 'رقم الدفتر', clerk: 'الموظف', balance: 'الرصيد', last: 'آخر العمليات', none: 'لا توجد عمليات', notice: 'ستسجل في دفتركم في الزيارة القادمة' },
} as const satisfies Record<ReceiptLanguage, Record<string, string>>;

export interface MiniStatementInput {
  accountNumber: string;
  /** The account's lines, oldest first; only the last `count` are printed. */
  lines: readonly PassbookLine[];
  balance: Money;
  /** When it was printed (ISO). */
  at: string;
}

/** A signed amount: a credit with +, a debit with −, so the column reads without a second header. */
const signed = (line: PassbookLine): string =>
  line.credit ? `+${formatMoney(line.credit)}` : line.debit ? `-${formatMoney(line.debit)}` : '';

export function passbookMiniStatement(input: MiniStatementInput, context: { branch: BranchProfile; operator: string; count?: number }): Receipt {
  const language = context.branch.language;
  const words = WORDS[language];
  const count = Math.max(1, context.count ?? 10);
  const recent = input.lines.slice(-count);
  const entries: ReceiptEntry[] = [
    { kind: 'text', text: words.title, align: 'center', bold: true },
    { kind: 'text', text: `${words.account} ${input.accountNumber}`, bold: true },
    { kind: 'text', text: `${input.at.slice(0, 16).replace('T', ' ')}  ${words.clerk}: ${context.operator}` },
    { kind: 'rule' },
    { kind: 'text', text: recent.length ? words.last : words.none },
  ];
  for (const line of recent) entries.push({ kind: 'item', label: `${passbookDate(line.date)} ${line.label}`, amount: signed(line) });
  entries.push({ kind: 'rule' }, { kind: 'total', label: words.balance, amount: formatMoney(input.balance) });
  return { header: [context.branch.name, context.branch.code], entries, footer: [words.notice], demo: context.branch.demo, language };
}
