// The words every cash receipt shares, in the three counter languages. Each receipt keeps its own
// title words beside it; these are the ones a customer reads on every paper the counter prints.
import type { ReceiptLanguage } from '@shared/receipt';

export const CASH_RECEIPT_WORDS = {
  fr: { operation: 'Opération N°', clerk: 'Guichetier', total: 'TOTAL', paid: 'Espèces reçues', change: 'Rendu', thanks: 'Merci de votre visite' },
  en: { operation: 'Operation No.', clerk: 'Clerk', total: 'TOTAL', paid: 'Cash received', change: 'Change', thanks: 'Thank you for your visit' },
  ar: { operation: 'رقم العملية', clerk: 'الموظف', total: 'المجموع', paid: 'المبلغ المستلم', change: 'الباقي', thanks: 'شكرا لزيارتكم' },
} as const satisfies Record<ReceiptLanguage, Record<string, string>>;

/** The line that carries the operation number: bold, so it is the first thing read back over the counter. */
export const operationNumberEntry = (language: ReceiptLanguage, operationNumber: string) => ({
  kind: 'text' as const,
  text: `${CASH_RECEIPT_WORDS[language].operation} ${operationNumber}`,
  bold: true,
});

/** Date, time and clerk, as every receipt opens. */
export const stampEntry = (language: ReceiptLanguage, at: string, operator: string) => ({
  kind: 'text' as const,
  text: `${at.slice(0, 16).replace('T', ' ')}  ${CASH_RECEIPT_WORDS[language].clerk}: ${operator}`,
});
