import type { BranchProfile } from '@shared/contract';
import { formatMoney } from '@shared/money';
import type { Receipt, ReceiptLanguage } from '@shared/receipt';

// The paper the customer keeps when the outcome is not known (Horizon's lesson 7): it says nothing
// was paid, which operation it is, and that the branch will ask again by the same number.
const WORDS = {
  fr: {
    title: 'INCIDENT - RÉSULTAT INCONNU',
    waiting: 'En attente de la réponse de',
    nothing: 'Aucune somme n’a été versée.',
    keep: 'Conservez ce ticket : le bureau redemande le résultat avec ce numéro.',
    operation: 'Opération',
    amount: 'Montant',
    clerk: 'Guichetier',
  },
  en: {
    title: 'INCIDENT - OUTCOME UNKNOWN',
    waiting: 'Waiting for the answer of',
    nothing: 'No money has been paid.',
    keep: 'Keep this slip: the branch asks again for the outcome with this number.',
    operation: 'Operation',
    amount: 'Amount',
    clerk: 'Clerk',
  },
  ar: {
    title: 'حادث - النتيجة غير معروفة',
    waiting: 'في انتظار رد',
    nothing: 'لم يتم دفع أي مبلغ.',
    keep: 'احتفظ بهذه الورقة: يعيد المكتب طلب النتيجة بهذا الرقم.',
    operation: 'العملية',
    amount: 'المبلغ',
    clerk: 'الموظف',
  },
} as const satisfies Record<ReceiptLanguage, Record<string, string>>;

/** How the counterparty is named on paper: head office in words, others by their configured name. */
const COUNTERPARTY_NAMES: Record<ReceiptLanguage, Record<string, string>> = {
  fr: { 'head-office': 'la direction générale' },
  en: { 'head-office': 'head office' },
  ar: { 'head-office': 'الإدارة العامة' },
};

export function incidentReceipt(
  operation: { id: string; counterparty: string; amount: number; currency: string; operator: string },
  at: string,
  branch: BranchProfile,
): Receipt {
  const language = branch.language;
  const words = WORDS[language];
  const who = COUNTERPARTY_NAMES[language][operation.counterparty] ?? operation.counterparty;
  return {
    header: [branch.name, branch.code],
    entries: [
      { kind: 'text', text: words.title, bold: true, align: 'center' },
      { kind: 'text', text: `${at.slice(0, 16).replace('T', ' ')}  ${words.clerk}: ${operation.operator}` },
      { kind: 'rule' },
      { kind: 'text', text: `${words.waiting} ${who}` },
      { kind: 'item', label: words.amount, amount: formatMoney({ minor: operation.amount, currency: operation.currency }) },
      { kind: 'text', text: words.nothing, bold: true },
      { kind: 'rule' },
      { kind: 'text', text: `${words.operation}: ${operation.id}` },
      { kind: 'qr', data: `PC1:${operation.id}` },
    ],
    footer: [words.keep],
    demo: branch.demo,
    language,
  };
}
