import type { BranchProfile } from '@shared/contract';
import { formatMoney, type Money } from '@shared/money';
import type { Receipt, ReceiptEntry } from '@shared/receipt';
import { spacedS10 } from '@shared/s10';
import type { BookedAcceptance } from './acceptance';
import { labelIn } from './basket-pricing';

const WORDS = {
  fr: { title: 'ANNULATION DE DÉPÔT', of: 'Opération annulée', cancelled: 'Envoi annulé', refund: 'REMBOURSÉ', reason: 'Motif', approved: 'Approuvé par', clerk: 'Guichetier' },
  en: { title: 'ACCEPTANCE CANCELLED', of: 'Operation cancelled', cancelled: 'Item cancelled', refund: 'REFUNDED', reason: 'Reason', approved: 'Approved by', clerk: 'Clerk' },
  ar: { title: 'إلغاء الإيداع', of: 'العملية الملغاة', cancelled: 'إرسالية ملغاة', refund: 'المبلغ المسترد', reason: 'السبب', approved: 'بموافقة', clerk: 'الموظف' },
} as const;

/**
 * The customer's proof that a basket was cancelled and the money handed back: the original
 * operation, each cancelled item by its S10 (as text only: no barcode a sorting scanner could
 * still pick up), the refund, the reason and the supervisor who approved.
 */
export function acceptanceVoidReceipt(
  booked: BookedAcceptance,
  context: { branch: BranchProfile; voidOperationId: string; at: string; operator: string; approver: string; reason: string; refunded: Money },
): Receipt {
  const language = context.branch.language;
  const words = WORDS[language];
  const entries: ReceiptEntry[] = [
    { kind: 'text', text: words.title, align: 'center', bold: true, large: true },
    { kind: 'text', text: `${context.at.slice(0, 16).replace('T', ' ')}  ${words.clerk}: ${context.operator}` },
    { kind: 'text', text: `${words.of}: ${booked.operationId}` },
    { kind: 'rule' },
  ];
  for (const item of booked.items) {
    entries.push({ kind: 'item', label: `${labelIn(item.serviceName, language)} ${item.destinationCountry} ${item.grams} g`, amount: formatMoney(item.amount) });
    if (item.s10) entries.push({ kind: 'text', text: `${words.cancelled}: ${spacedS10(item.s10)}` });
  }
  for (const line of booked.products) entries.push({ kind: 'item', label: labelIn(line.name, language), quantity: line.quantity, amount: formatMoney(line.amount) });
  entries.push({ kind: 'rule' }, { kind: 'total', label: words.refund, amount: formatMoney(context.refunded) });
  entries.push({ kind: 'text', text: `${words.reason}: ${context.reason}` }, { kind: 'text', text: `${words.approved}: ${context.approver}` });
  return {
    header: [context.branch.name, context.branch.code],
    entries,
    footer: [context.voidOperationId],
    demo: context.branch.demo,
    language,
  };
}
