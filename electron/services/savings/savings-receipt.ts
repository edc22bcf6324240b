import type { BranchProfile, MoneyView } from '@shared/contract';
import { formatMoney } from '@shared/money';
import type { Receipt, ReceiptLanguage } from '@shared/receipt';
import { CASH_RECEIPT_WORDS, operationNumberEntry, stampEntry } from '../till/receipt-words';

const WORDS = {
  fr: {
    deposit: 'Versement épargne',
    withdrawal: 'Retrait épargne',
    account: 'Compte',
    holder: 'Titulaire',
    amount: 'Montant',
    creditedNow: 'Crédité au compte.',
    creditedLater: 'Liaison au siège coupée : le versement sera crédité au compte dès son retour.',
    keptAside: 'Si le compte a été bloqué ou clôturé entre-temps, le siège garde le versement de côté et le règle avec vous : il n’est jamais perdu.',
    signature: 'Signature du client :',
  },
  en: {
    deposit: 'Savings deposit',
    withdrawal: 'Savings withdrawal',
    account: 'Account',
    holder: 'Holder',
    amount: 'Amount',
    creditedNow: 'Credited to the account.',
    creditedLater: 'Head office link down: the deposit will be credited to the account as soon as it returns.',
    keptAside: 'If the account was blocked or closed meanwhile, head office keeps the deposit aside and settles it with you: it is never lost.',
    signature: "Customer's signature:",
  },
  ar: {
    deposit: 'إيداع ادخار',
    withdrawal: 'سحب من الادخار',
    account: 'الحساب',
    holder: 'صاحب الحساب',
    amount: 'المبلغ',
    creditedNow: 'أضيف إلى الحساب.',
    creditedLater: 'الاتصال بالمقر منقطع: سيضاف الإيداع إلى الحساب فور عودته.',
    keptAside: 'إذا أوقف الحساب أو أغلق في الأثناء، يحتفظ المقر بالإيداع جانبا ويسويه معكم: لا يضيع أبدا.',
    signature: 'توقيع العميل:',
  },
} as const satisfies Record<ReceiptLanguage, Record<string, string>>;

interface SavingsMovement {
  kind: 'deposit' | 'withdrawal';
  operationNumber: string;
  at: string;
  accountNumber: string;
  holderName: string;
  amount: MoneyView;
  tendered?: MoneyView;
  change?: MoneyView;
  credited?: 'now' | 'when-link-returns';
}

/**
 * The customer's paper for a deposit or a withdrawal: the account, the amount, and for a deposit
 * whether it is already on the account — a deposit booked while the link was down says when it
 * will be, so the customer is not surprised by a balance asked elsewhere in the meantime.
 */
export function savingsReceipt(movement: SavingsMovement, context: { branch: BranchProfile; operator: string }): Receipt {
  const language = context.branch.language;
  const words = WORDS[language];
  const cash = CASH_RECEIPT_WORDS[language];
  return {
    header: [context.branch.name, context.branch.code, words[movement.kind]],
    entries: [
      operationNumberEntry(language, movement.operationNumber),
      stampEntry(language, movement.at, context.operator),
      { kind: 'rule' },
      { kind: 'text', text: `${words.account}: ${movement.accountNumber}` },
      { kind: 'text', text: `${words.holder}: ${movement.holderName}` },
      { kind: 'rule' },
      { kind: 'total', label: words.amount, amount: formatMoney(movement.amount) },
      ...(movement.tendered && movement.change
        ? [
            { kind: 'item' as const, label: cash.paid, amount: formatMoney(movement.tendered) },
            { kind: 'item' as const, label: cash.change, amount: formatMoney(movement.change) },
          ]
        : []),
      ...(movement.credited ? [{ kind: 'blank' as const }, { kind: 'text' as const, text: movement.credited === 'now' ? words.creditedNow : words.creditedLater }] : []),
      // Booked before the branch could hear of a block or a closing: head office keeps it aside (HO migration 0014).
      ...(movement.credited === 'when-link-returns' ? [{ kind: 'text' as const, text: words.keptAside }] : []),
    ],
    footer: movement.kind === 'withdrawal' ? [words.signature, '', '______________________'] : [cash.thanks],
    demo: context.branch.demo,
    language,
  };
}
