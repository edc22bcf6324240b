import type { BranchProfile, SaleResult } from '@shared/contract';
import { formatMoney } from '@shared/money';
import type { Receipt, ReceiptEntry } from '@shared/receipt';
import { CASH_RECEIPT_WORDS, operationNumberEntry, stampEntry } from './receipt-words';

type BookedSale = Omit<SaleResult, 'replayed'> & { operationNumber: string };

/** The customer's receipt of a retail sale, in the branch's language: the same model the printer and any preview lay out. */
export function saleReceipt(sale: BookedSale, context: { branch: BranchProfile; operator: string }): Receipt {
  const language = context.branch.language;
  const words = CASH_RECEIPT_WORDS[language];
  const entries: ReceiptEntry[] = [operationNumberEntry(language, sale.operationNumber), stampEntry(language, sale.at, context.operator), { kind: 'rule' }];
  for (const line of sale.lines) {
    entries.push({ kind: 'item', label: line.name[language], quantity: line.quantity, amount: formatMoney(line.amount) });
    if (line.reference) entries.push({ kind: 'text', text: line.reference });
  }
  entries.push({ kind: 'rule' }, { kind: 'total', label: words.total, amount: formatMoney(sale.total) });
  entries.push({ kind: 'item', label: words.paid, amount: formatMoney(sale.tendered) }, { kind: 'item', label: words.change, amount: formatMoney(sale.change) });
  return { header: [context.branch.name, context.branch.code], entries, footer: [words.thanks], demo: context.branch.demo, language };
}
