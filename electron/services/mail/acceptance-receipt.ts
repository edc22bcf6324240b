import type { BranchProfile } from '@shared/contract';
import { formatMoney, type Money } from '@shared/money';
import type { Receipt, ReceiptEntry } from '@shared/receipt';
import { spacedS10 } from '@shared/s10';
import { operationNumberEntry } from '../till/receipt-words';
import { labelIn } from './basket-pricing';
import type { BookedAcceptance } from './acceptance';

const WORDS = {
  fr: { total: 'TOTAL', paid: 'Espèces reçues', change: 'Rendu', check: 'Suivez vos envois :', thanks: 'Merci de votre visite', clerk: 'Guichetier' },
  en: { total: 'TOTAL', paid: 'Cash received', change: 'Change', check: 'Track your items:', thanks: 'Thank you for your visit', clerk: 'Clerk' },
  ar: { total: 'المجموع', paid: 'المبلغ المستلم', change: 'الباقي', check: 'تتبع مراسلاتك:', thanks: 'شكرا لزيارتكم', clerk: 'الموظف' },
} as const;

/**
 * The customer's receipt: every item with its S10 number as a barcode, the products, total,
 * paid and change, and a QR code to follow the items. The printer and the on-screen preview
 * both lay out this same model.
 */
export function acceptanceReceipt(
  booked: Omit<BookedAcceptance, 'receipt'> & { operationNumber: string },
  context: { branch: BranchProfile; operator: string; trackingUrl: (s10s: string[]) => string },
): Receipt {
  const language = context.branch.language;
  const words = WORDS[language];
  const money = (m: Money) => formatMoney(m);
  const entries: ReceiptEntry[] = [operationNumberEntry(language, booked.operationNumber), { kind: 'text', text: `${booked.at.slice(0, 16).replace('T', ' ')}  ${words.clerk}: ${context.operator}` }, { kind: 'rule' }];
  for (const item of booked.items) {
    entries.push({ kind: 'item', label: `${labelIn(item.serviceName, language)} ${item.destinationCountry} ${item.grams} g`, amount: money(item.amount) });
    if (item.s10) {
      entries.push({ kind: 'barcode', data: item.s10 });
      entries.push({ kind: 'text', text: spacedS10(item.s10), align: 'center' });
    }
  }
  for (const line of booked.products) entries.push({ kind: 'item', label: labelIn(line.name, language), quantity: line.quantity, amount: money(line.amount) });
  entries.push({ kind: 'rule' }, { kind: 'total', label: words.total, amount: money(booked.total) });
  entries.push({ kind: 'item', label: words.paid, amount: money(booked.tendered) }, { kind: 'item', label: words.change, amount: money(booked.change) });
  const tracked = booked.items.flatMap((item) => (item.s10 ? [item.s10] : []));
  if (tracked.length > 0) entries.push({ kind: 'blank' }, { kind: 'text', text: words.check, align: 'center' }, { kind: 'qr', data: context.trackingUrl(tracked) });
  return {
    header: [context.branch.name, context.branch.code],
    entries,
    footer: [words.thanks],
    demo: context.branch.demo,
    language,
  };
}
