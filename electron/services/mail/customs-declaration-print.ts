import type { BranchProfile, CustomsInput, Party } from '@shared/contract';
import type { CustomsForm } from '@shared/customs';
import { formatMoney } from '@shared/money';
import type { Receipt, ReceiptEntry } from '@shared/receipt';
import { spacedS10 } from '@shared/s10';

/** UPU forms are printed in French and English whatever the branch language: customs officers abroad read them. */
const CATEGORY: Record<NonNullable<CustomsInput['category']>, string> = {
  gift: 'Cadeau / Gift',
  documents: 'Documents',
  'commercial-sample': 'Échantillon commercial / Commercial sample',
  'returned-goods': 'Marchandise retournée / Returned goods',
  'sale-of-goods': 'Vente de marchandises / Sale of goods',
  other: 'Autre / Other',
};

/** Its own print reference: a reprint of the item's label never picks the declaration, a void cancels both. */
export const customsSlipReference = (s10: string): string => `${s10}/CN`;

export interface DeclarationToPrint {
  s10: string;
  form: CustomsForm;
  declaration: CustomsInput;
  totalValueMinor: number;
  currency: string;
  sender: Party;
  recipient: Party;
  acceptedAt: string;
}

/**
 * The CN22/CN23 content as a receipt-printer slip, with EVERY declared line: it goes with the
 * item, so the customs content the clerk keyed is on paper, not only in the database.
 */
export function customsDeclarationSlip(item: DeclarationToPrint, branch: BranchProfile): Receipt {
  const money = (minor: number) => formatMoney({ minor, currency: item.currency });
  const entries: ReceiptEntry[] = [
    { kind: 'text', text: `${item.form} - DÉCLARATION EN DOUANE / CUSTOMS DECLARATION`, align: 'center', bold: true },
    { kind: 'text', text: spacedS10(item.s10), align: 'center', large: true },
    { kind: 'text', text: `${item.acceptedAt.slice(0, 10)}  ${branch.code}` },
    { kind: 'text', text: `De / From: ${[item.sender.name, item.sender.country].filter(Boolean).join(', ')}` },
    { kind: 'text', text: `À / To: ${[item.recipient.name, item.recipient.country].filter(Boolean).join(', ')}` },
    { kind: 'text', text: `Catégorie / Category: ${item.declaration.category ? CATEGORY[item.declaration.category] : '—'}` },
  ];
  if (item.declaration.explanation) entries.push({ kind: 'text', text: `Explication / Explanation: ${item.declaration.explanation}` });
  entries.push({ kind: 'rule' });
  item.declaration.lines.forEach((line, index) => {
    entries.push({ kind: 'item', label: `${index + 1}. ${line.description ?? ''}`, quantity: line.quantity ?? undefined, amount: money(line.valueMinor ?? 0) });
    const details = [`${line.netWeightGrams ?? 0} g`, line.hsCode ? `SH/HS ${line.hsCode}` : null, line.originCountry ? `Origine/Origin ${line.originCountry}` : null];
    entries.push({ kind: 'text', text: `   ${details.filter(Boolean).join('  ')}` });
  });
  entries.push({ kind: 'rule' }, { kind: 'total', label: 'Valeur totale / Total value', amount: money(item.totalValueMinor) });
  return { header: [branch.name, branch.code], entries, footer: [], demo: branch.demo };
}
