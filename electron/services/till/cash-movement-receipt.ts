import type { BranchProfile, CashMovementResult, LocalizedLabel } from '@shared/contract';
import { formatMoney } from '@shared/money';
import type { Receipt } from '@shared/receipt';
import { operationNumberEntry, stampEntry } from './receipt-words';

const WORDS = {
  fr: { 'paid-in': 'Entrée de caisse', 'paid-out': 'Sortie de caisse', amount: 'Montant', reason: 'Motif', approvedBy: 'Approuvé par', signature: 'Signature :' },
  en: { 'paid-in': 'Paid in', 'paid-out': 'Paid out', amount: 'Amount', reason: 'Reason', approvedBy: 'Approved by', signature: 'Signature:' },
  ar: { 'paid-in': 'إيداع نقدي في الصندوق', 'paid-out': 'صرف نقدي من الصندوق', amount: 'المبلغ', reason: 'السبب', approvedBy: 'وافق عليه', signature: 'التوقيع:' },
} as const;

type BookedMovement = Omit<CashMovementResult, 'replayed'> & { kind: 'paid-in' | 'paid-out'; operationNumber: string };

/**
 * The paper of a paid-in or paid-out: what went in or out of the drawer, why, who approved, and
 * a line for the signature of whoever brought or took the cash — the evidence the count relies on.
 */
export function cashMovementReceipt(
  movement: BookedMovement,
  context: { branch: BranchProfile; operator: string; reason: LocalizedLabel | null; note: string | null },
): Receipt {
  const language = context.branch.language;
  const words = WORDS[language];
  return {
    header: [context.branch.name, context.branch.code, words[movement.kind]],
    entries: [
      operationNumberEntry(language, movement.operationNumber),
      stampEntry(language, movement.at, context.operator),
      { kind: 'rule' },
      { kind: 'text', text: `${words.reason}: ${context.reason ? context.reason[language] : (movement.reasonCode ?? '')}` },
      ...(context.note ? [{ kind: 'text' as const, text: context.note }] : []),
      ...(movement.approvedBy ? [{ kind: 'text' as const, text: `${words.approvedBy}: ${movement.approvedBy}` }] : []),
      { kind: 'rule' },
      { kind: 'total', label: words.amount, amount: formatMoney(movement.amount) },
    ],
    footer: [words.signature, '', '______________________'],
    demo: context.branch.demo,
    language,
  };
}
