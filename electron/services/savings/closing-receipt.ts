import type { BranchProfile, MoneyView } from '@shared/contract';
import { formatMoney } from '@shared/money';
import type { Receipt, ReceiptLanguage } from '@shared/receipt';
import { operationNumberEntry, stampEntry } from '../till/receipt-words';

const WORDS = {
  fr: {
    title: 'Clôture de compte épargne',
    account: 'Compte',
    holder: 'Titulaire',
    balance: 'Solde',
    interest: 'Intérêts à ce jour',
    paid: 'Montant versé',
    closed: 'Le compte est clôturé : il ne reçoit plus aucun versement ni retrait.',
    signature: 'Signature du client :',
  },
  en: {
    title: 'Savings account closing',
    account: 'Account',
    holder: 'Holder',
    balance: 'Balance',
    interest: 'Interest to date',
    paid: 'Amount paid',
    closed: 'The account is closed: it takes no more deposits or withdrawals.',
    signature: "Customer's signature:",
  },
  ar: {
    title: 'إغلاق حساب ادخار',
    account: 'الحساب',
    holder: 'صاحب الحساب',
    balance: 'الرصيد',
    interest: 'الفوائد حتى اليوم',
    paid: 'المبلغ المدفوع',
    closed: 'أُغلق الحساب: لا يقبل بعد الآن أي إيداع أو سحب.',
    signature: 'توقيع العميل:',
  },
} as const satisfies Record<ReceiptLanguage, Record<string, string>>;

export interface ClosingPaid {
  operationNumber: string;
  at: string;
  accountNumber: string;
  holderName: string;
  /** What is paid: the balance and the interest to date in it. */
  amount: MoneyView;
  interest: MoneyView;
}

/**
 * The customer's paper for a closing: the balance, the interest to date and what was paid (their
 * sum), and that the account is closed — printed with the cash, in the hand-over's transaction.
 */
export function closingReceipt(closing: ClosingPaid, context: { branch: BranchProfile; operator: string }): Receipt {
  const language = context.branch.language;
  const words = WORDS[language];
  const balance = { minor: closing.amount.minor - closing.interest.minor, currency: closing.amount.currency };
  return {
    header: [context.branch.name, context.branch.code, words.title],
    entries: [
      operationNumberEntry(language, closing.operationNumber),
      stampEntry(language, closing.at, context.operator),
      { kind: 'rule' },
      { kind: 'text', text: `${words.account}: ${closing.accountNumber}` },
      { kind: 'text', text: `${words.holder}: ${closing.holderName}` },
      { kind: 'rule' },
      { kind: 'item', label: words.balance, amount: formatMoney(balance) },
      { kind: 'item', label: words.interest, amount: formatMoney(closing.interest) },
      { kind: 'total', label: words.paid, amount: formatMoney(closing.amount) },
      { kind: 'blank' },
      { kind: 'text', text: words.closed },
    ],
    footer: [words.signature, '', '______________________'],
    demo: context.branch.demo,
    language,
  };
}
