import type { BranchProfile, MoneyView } from '@shared/contract';
import { formatMoney } from '@shared/money';
import { spacedMoneyOrderNumber } from '@shared/money-order-number';
import type { Receipt, ReceiptEntry, ReceiptLanguage } from '@shared/receipt';
import { CASH_RECEIPT_WORDS, operationNumberEntry, stampEntry } from '../till/receipt-words';

const WORDS = {
  fr: {
    issued: 'Mandat émis',
    issuedAbroad: 'Mandat international émis',
    voucher: 'MANDAT',
    payment: 'Paiement de mandat',
    cancellation: 'Annulation de mandat',
    reimbursement: 'Remboursement de mandat',
    number: 'Mandat N°',
    sender: 'Expéditeur',
    payee: 'Bénéficiaire',
    document: 'Pièce',
    destination: 'Pays de destination',
    payeeCurrency: 'Devise du bénéficiaire',
    purpose: 'Motif',
    amount: 'Montant',
    fee: 'Frais',
    feeRefunded: 'Frais remboursés',
    paid: 'Montant versé',
    expires: 'Valable jusqu’au',
    secret: 'CODE SECRET',
    secretConcealed: 'Code secret : ******** (imprimé sur l’original seulement)',
    secretKeep: 'Transmettez ce code au bénéficiaire vous-même. Le bureau ne le connaît pas et ne peut pas le réimprimer.',
    payableNow: 'Payable dès maintenant dans tout bureau de poste.',
    payableLater: 'Payable dès sa transmission au siège (liaison coupée : elle se fait à son retour).',
    abroad: 'Transmis au siège pour envoi à l’étranger.',
    voucherFor: 'Payable au bénéficiaire sur présentation de sa pièce et du code secret.',
    signature: 'Signature du client :',
  },
  en: {
    issued: 'Money order issued',
    issuedAbroad: 'International money order issued',
    voucher: 'MONEY ORDER',
    payment: 'Money order payment',
    cancellation: 'Money order cancellation',
    reimbursement: 'Money order reimbursement',
    number: 'Money order No.',
    sender: 'Sender',
    payee: 'Payee',
    document: 'Document',
    destination: 'Destination country',
    payeeCurrency: 'Payee currency',
    purpose: 'Purpose',
    amount: 'Amount',
    fee: 'Fee',
    feeRefunded: 'Fee refunded',
    paid: 'Amount paid',
    expires: 'Valid until',
    secret: 'SECRET CODE',
    secretConcealed: 'Secret code: ******** (printed on the original only)',
    secretKeep: 'Give this code to the payee yourself. The post office does not know it and cannot reprint it.',
    payableNow: 'Payable now at any post office.',
    payableLater: 'Payable once transmitted to head office (the link is down: it goes when the link returns).',
    abroad: 'Handed to head office for transmission abroad.',
    voucherFor: 'Payable to the payee on presentation of their document and the secret code.',
    signature: "Customer's signature:",
  },
  ar: {
    issued: 'حوالة صادرة',
    issuedAbroad: 'حوالة دولية صادرة',
    voucher: 'حوالة بريدية',
    payment: 'دفع حوالة',
    cancellation: 'إلغاء حوالة',
    reimbursement: 'استرداد حوالة',
    number: 'رقم الحوالة',
    sender: 'المرسل',
    payee: 'المستفيد',
    document: 'الوثيقة',
    destination: 'بلد الوجهة',
    payeeCurrency: 'عملة المستفيد',
    purpose: 'الغرض',
    amount: 'المبلغ',
    fee: 'الرسوم',
    feeRefunded: 'الرسوم المستردة',
    paid: 'المبلغ المدفوع',
    expires: 'صالحة حتى',
    secret: 'الرمز السري',
    secretConcealed: 'الرمز السري: ******** (مطبوع على الأصل فقط)',
    secretKeep: 'سلّم هذا الرمز للمستفيد بنفسك. المكتب لا يعرفه ولا يمكنه إعادة طباعته.',
    payableNow: 'قابلة للدفع الآن في أي مكتب بريد.',
    payableLater: 'قابلة للدفع بعد إرسالها إلى المقر (الاتصال منقطع: ترسل عند عودته).',
    abroad: 'سُلّمت إلى المقر لإرسالها إلى الخارج.',
    voucherFor: 'تُدفع للمستفيد عند تقديم وثيقته والرمز السري.',
    signature: 'توقيع العميل:',
  },
} as const satisfies Record<ReceiptLanguage, Record<string, string>>;

/** What an issued order's papers show. */
export interface IssuedOrderPaper {
  operationNumber: string;
  at: string;
  number: string;
  kind: 'domestic' | 'international-outgoing';
  senderName: string;
  payeeName: string;
  payeeDocument: string | null;
  amount: MoneyView;
  fee: MoneyView;
  tendered: MoneyView;
  change: MoneyView;
  expiresAt: string;
  payable: 'now' | 'once-transmitted';
  international: { destinationCountry: string; payeeCurrency: string; purpose: string } | null;
}

const day = (at: string) => at.slice(0, 10);
const text = (value: string, extra: Partial<Extract<ReceiptEntry, { kind: 'text' }>> = {}): ReceiptEntry => ({ kind: 'text', text: value, ...extra });

function orderLines(paper: IssuedOrderPaper, language: ReceiptLanguage): ReceiptEntry[] {
  const words = WORDS[language];
  return [
    text(`${words.number} ${spacedMoneyOrderNumber(paper.number)}`, { bold: true, large: true }),
    text(`${words.sender}: ${paper.senderName}`),
    text(`${words.payee}: ${paper.payeeName}`),
    ...(paper.payeeDocument ? [text(`${words.document}: ${paper.payeeDocument}`)] : []),
    ...(paper.international
      ? [
          text(`${words.destination}: ${paper.international.destinationCountry}`),
          text(`${words.payeeCurrency}: ${paper.international.payeeCurrency}`),
          text(`${words.purpose}: ${paper.international.purpose}`),
        ]
      : []),
    text(`${words.expires} ${day(paper.expiresAt)}`),
  ];
}

/**
 * The sender's receipt: the number, what was paid (amount, fee, cash given and change), the expiry,
 * when the order becomes payable, and the secret — printed once: the stored job and every copy say
 * the code was on the original only (`thereafter`), so nobody at the branch can read it again.
 */
export function senderReceipt(paper: IssuedOrderPaper, secret: string, context: { branch: BranchProfile; operator: string }): Receipt {
  const language = context.branch.language;
  const words = WORDS[language];
  const cash = CASH_RECEIPT_WORDS[language];
  const total = { minor: paper.amount.minor + paper.fee.minor, currency: paper.amount.currency };
  const payable = paper.kind === 'international-outgoing' ? words.abroad : paper.payable === 'now' ? words.payableNow : words.payableLater;
  return {
    header: [context.branch.name, context.branch.code, paper.kind === 'domestic' ? words.issued : words.issuedAbroad],
    entries: [
      operationNumberEntry(language, paper.operationNumber),
      stampEntry(language, paper.at, context.operator),
      { kind: 'rule' },
      ...orderLines(paper, language),
      { kind: 'rule' },
      { kind: 'item', label: words.amount, amount: formatMoney(paper.amount) },
      { kind: 'item', label: words.fee, amount: formatMoney(paper.fee) },
      { kind: 'total', label: cash.total, amount: formatMoney(total) },
      { kind: 'item', label: cash.paid, amount: formatMoney(paper.tendered) },
      { kind: 'item', label: cash.change, amount: formatMoney(paper.change) },
      { kind: 'blank' },
      text(payable, { bold: true }),
      ...(paper.kind === 'domestic'
        ? [
            { kind: 'rule' as const },
            text(words.secret, { align: 'center', bold: true }),
            text(secret, { align: 'center', bold: true, large: true, thereafter: words.secretConcealed }),
            text(words.secretKeep),
          ]
        : []),
    ],
    footer: [cash.thanks],
    demo: context.branch.demo,
    language,
  };
}

/** The voucher: the order as the payee will present it, with its number in a QR. Never the secret. */
export function voucher(paper: IssuedOrderPaper, context: { branch: BranchProfile; operator: string }): Receipt {
  const language = context.branch.language;
  const words = WORDS[language];
  return {
    header: [context.branch.name, context.branch.code, words.voucher],
    entries: [
      stampEntry(language, paper.at, context.operator),
      { kind: 'rule' },
      ...orderLines(paper, language),
      { kind: 'rule' },
      { kind: 'total', label: words.amount, amount: formatMoney(paper.amount) },
      { kind: 'blank' },
      text(words.voucherFor),
      { kind: 'qr', data: paper.number },
    ],
    footer: [],
    demo: context.branch.demo,
    language,
  };
}

export type PayoutPurpose = 'pay' | 'cancel' | 'reimburse';

export interface PayoutPaper {
  purpose: PayoutPurpose;
  operationNumber: string;
  at: string;
  number: string;
  /** Who receives the cash: the payee (pay), the sender (cancel, reimburse). */
  customerName: string;
  amount: MoneyView;
  feeRefunded: MoneyView;
}

/** The customer's paper for a payment, a cancellation or a reimbursement: what left the drawer, and a signature. */
export function payoutReceipt(paper: PayoutPaper, context: { branch: BranchProfile; operator: string }): Receipt {
  const language = context.branch.language;
  const words = WORDS[language];
  const title = paper.purpose === 'pay' ? words.payment : paper.purpose === 'cancel' ? words.cancellation : words.reimbursement;
  const paid = { minor: paper.amount.minor + paper.feeRefunded.minor, currency: paper.amount.currency };
  return {
    header: [context.branch.name, context.branch.code, title],
    entries: [
      operationNumberEntry(language, paper.operationNumber),
      stampEntry(language, paper.at, context.operator),
      { kind: 'rule' },
      text(`${words.number} ${spacedMoneyOrderNumber(paper.number)}`, { bold: true }),
      text(`${paper.purpose === 'pay' ? words.payee : words.sender}: ${paper.customerName}`),
      { kind: 'rule' },
      { kind: 'item', label: words.amount, amount: formatMoney(paper.amount) },
      ...(paper.feeRefunded.minor > 0 ? [{ kind: 'item' as const, label: words.feeRefunded, amount: formatMoney(paper.feeRefunded) }] : []),
      { kind: 'total', label: words.paid, amount: formatMoney(paid) },
    ],
    footer: [words.signature, '', '______________________'],
    demo: context.branch.demo,
    language,
  };
}
