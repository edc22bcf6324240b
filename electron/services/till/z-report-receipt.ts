// The Z report as a receipt: the same figures the screen shows, laid out by the receipt model
// the printer and the on-screen preview share. It goes into the durable print queue, so a printer
// that is off or out of paper prints it later and the copy can always be reprinted.
import type { BranchProfile, TillStatus, ZReport } from '@shared/contract';
import { formatMoney, type Money } from '@shared/money';
import type { Receipt, ReceiptEntry } from '@shared/receipt';

type Language = BranchProfile['language'];

interface Words {
  title: string;
  till: string;
  clerk: string;
  status: Record<TillStatus, string>;
  opened: string;
  closed: string;
  lastSeq: string;
  sales: string;
  voided: string;
  salesTotal: string;
  cash: string;
  method: Record<string, string>;
  float: string;
  topUps: string;
  drops: string;
  paidIn: string;
  paidOut: string;
  collectedOnDelivery: string;
  returnedToSafe: string;
  voids: string;
  moneyOrders: string;
  moneyOrder: Record<keyof ZReport['moneyOrders'], string>;
  counts: string;
  count: string;
  expected: string;
  overShort: string;
  over: string;
  short: string;
  suspense: string;
  explanation: string;
  approvedBy: string;
  expectedNow: string;
  printed: string;
  journalKey: string;
  chainHead: string;
}

const WORDS: Record<Language, Words> = {
  fr: {
    title: 'RAPPORT Z',
    till: 'Caisse',
    clerk: 'Guichetier',
    status: { 'awaiting-float': 'fonds en attente', open: 'ouverte', counting: 'en comptage', closed: 'clôturée' },
    opened: 'Ouverte',
    closed: 'Clôturée',
    lastSeq: 'Dernière séquence',
    sales: 'VENTES',
    voided: 'dont annulé',
    salesTotal: 'TOTAL VENTES',
    cash: 'MOUVEMENTS DE CAISSE',
    method: { cash: 'Espèces' },
    float: 'Fonds de caisse',
    topUps: 'Apports du coffre',
    drops: 'Versements au coffre',
    paidIn: 'Entrée',
    paidOut: 'Sortie',
    collectedOnDelivery: 'Contre-remboursement',
    returnedToSafe: 'Rendu au coffre',
    voids: 'Annulations',
    moneyOrders: 'MANDATS',
    moneyOrder: { issued: 'Émis', fees: 'Frais perçus', paid: 'Payés', cancelled: 'Annulés (remboursés)', reimbursed: 'Échus remboursés', feesRefunded: 'Frais rendus' },
    counts: 'COMPTAGES',
    count: 'Comptage',
    expected: 'attendu',
    overShort: 'ÉCART DE CAISSE',
    over: 'Excédent',
    short: 'Manquant',
    suspense: 'En litige (attente)',
    explanation: 'Explication',
    approvedBy: 'Approuvé par',
    expectedNow: 'ESPÈCES ATTENDUES',
    printed: 'Imprimé',
    journalKey: 'Clé du journal',
    chainHead: 'Tête de chaîne',
  },
  en: {
    title: 'Z REPORT',
    till: 'Till',
    clerk: 'Clerk',
    status: { 'awaiting-float': 'awaiting float', open: 'open', counting: 'counting', closed: 'closed' },
    opened: 'Opened',
    closed: 'Closed',
    lastSeq: 'Last sequence',
    sales: 'SALES',
    voided: 'of which voided',
    salesTotal: 'TOTAL SALES',
    cash: 'CASH MOVEMENTS',
    method: { cash: 'Cash' },
    float: 'Float',
    topUps: 'Top-ups from safe',
    drops: 'Drops to safe',
    paidIn: 'Paid in',
    paidOut: 'Paid out',
    collectedOnDelivery: 'Cash on delivery',
    returnedToSafe: 'Returned to safe',
    voids: 'Voids',
    moneyOrders: 'MONEY ORDERS',
    moneyOrder: { issued: 'Issued', fees: 'Fees taken', paid: 'Paid', cancelled: 'Cancelled (refunded)', reimbursed: 'Expired, reimbursed', feesRefunded: 'Fees given back' },
    counts: 'COUNTS',
    count: 'Count',
    expected: 'expected',
    overShort: 'OVER / SHORT',
    over: 'Over',
    short: 'Short',
    suspense: 'Disputed (suspense)',
    explanation: 'Explanation',
    approvedBy: 'Approved by',
    expectedNow: 'EXPECTED CASH',
    printed: 'Printed',
    journalKey: 'Journal key',
    chainHead: 'Chain head',
  },
  ar: {
    title: 'تقرير Z',
    till: 'الصندوق',
    clerk: 'الموظف',
    status: { 'awaiting-float': 'في انتظار الرصيد', open: 'مفتوح', counting: 'قيد العد', closed: 'مغلق' },
    opened: 'فتح',
    closed: 'أغلق',
    lastSeq: 'آخر تسلسل',
    sales: 'المبيعات',
    voided: 'منها ملغى',
    salesTotal: 'مجموع المبيعات',
    cash: 'حركات الصندوق',
    method: { cash: 'نقدا' },
    float: 'رصيد الافتتاح',
    topUps: 'من الخزنة',
    drops: 'إلى الخزنة',
    paidIn: 'مدخول',
    paidOut: 'مصروف',
    collectedOnDelivery: 'الدفع عند الاستلام',
    returnedToSafe: 'أعيد إلى الخزنة',
    voids: 'الإلغاءات',
    moneyOrders: 'الحوالات',
    moneyOrder: { issued: 'صادرة', fees: 'رسوم محصلة', paid: 'مدفوعة', cancelled: 'ملغاة (مستردة)', reimbursed: 'منتهية مستردة', feesRefunded: 'رسوم مردودة' },
    counts: 'العد',
    count: 'عد',
    expected: 'المتوقع',
    overShort: 'الفرق',
    over: 'زيادة',
    short: 'نقص',
    suspense: 'متنازع عليه',
    explanation: 'التوضيح',
    approvedBy: 'وافق عليه',
    expectedNow: 'النقد المتوقع',
    printed: 'طبع',
    journalKey: 'مفتاح السجل',
    chainHead: 'رأس السلسلة',
  },
};

/** The money-order lines in the order they print. */
const MONEY_ORDER_LINES = ['issued', 'fees', 'paid', 'cancelled', 'reimbursed', 'feesRefunded'] as const satisfies ReadonlyArray<keyof ZReport['moneyOrders']>;

/** `2026-11-22T16:05:31.000Z` → `2026-11-22 16:05`, as on the other receipts. */
const stamp = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

export interface ZReportPrintContext {
  branch: BranchProfile | null;
  printedBy: string;
  printedAt: string;
  /** The journal key's fingerprint and the chain head when printed: paper anchors the journal offline. */
  journal: JournalAnchor | null;
}

export interface JournalAnchor {
  fingerprint: string;
  seq: number;
  hash: string;
}

export function zReportReceipt(report: ZReport, context: ZReportPrintContext): Receipt {
  const language: Language = context.branch?.language ?? 'fr';
  const w = WORDS[language];
  const money = (m: Money): string => formatMoney(m);
  const item = (label: string, amount: Money): ReceiptEntry => ({ kind: 'item', label, amount: money(amount) });
  const heading = (text: string): ReceiptEntry => ({ kind: 'text', text, bold: true });
  const cash = report.cashMovements;

  const entries: ReceiptEntry[] = [
    { kind: 'text', text: w.title, align: 'center', bold: true, large: true },
    { kind: 'text', text: `${w.till} ${report.tillId} - ${w.status[report.status]}`, align: 'center' },
    { kind: 'text', text: `${w.clerk}: ${report.clerk}` },
    { kind: 'text', text: `${w.opened}: ${stamp(report.openedAt)} ${report.openedBy}` },
    { kind: 'text', text: `${w.closed}: ${report.closedAt ? `${stamp(report.closedAt)} ${report.closedBy ?? ''}` : '—'}` },
    { kind: 'text', text: `${w.lastSeq}: ${report.lastSeq ?? '—'}` },
    { kind: 'rule' },
    heading(w.sales),
  ];
  for (const line of report.products) {
    entries.push(item(`${line.name[language]} (${line.count})`, line.net));
    if (line.voided.minor > 0) entries.push(item(`  ${w.voided}`, line.voided));
  }
  for (const payment of report.payments) entries.push({ kind: 'total', label: `${w.salesTotal} (${w.method[payment.method] ?? payment.method} ${payment.count})`, amount: money(payment.amount) });

  entries.push({ kind: 'rule' }, heading(w.cash), item(w.float, cash.float), item(w.topUps, cash.topUps), item(w.drops, cash.drops));
  for (const line of cash.paidIn) entries.push(item(`${w.paidIn} ${line.reasonCode} (${line.count})`, line.amount));
  for (const line of cash.paidOut) entries.push(item(`${w.paidOut} ${line.reasonCode} (${line.count})`, line.amount));
  for (const line of cash.collectedOnDelivery) entries.push(item(`${w.collectedOnDelivery} ${line.marketplace} (${line.count})`, line.amount));
  entries.push(item(w.returnedToSafe, cash.returnedToSafe), item(`${w.voids} (${report.voids.count})`, report.voids.amount));

  // Money orders only where the till handled any: most tills never do.
  if (MONEY_ORDER_LINES.some((key) => report.moneyOrders[key].count > 0)) {
    entries.push({ kind: 'rule' }, heading(w.moneyOrders));
    for (const key of MONEY_ORDER_LINES) entries.push(item(`${w.moneyOrder[key]} (${report.moneyOrders[key].count})`, report.moneyOrders[key].amount));
  }

  entries.push({ kind: 'rule' }, heading(w.counts));
  for (const count of report.counts) {
    entries.push(item(`${w.count} ${count.attempt} ${stamp(count.at)} ${count.countedBy}`, count.counted), item(`  ${w.expected}`, count.expected));
  }

  const overShort = report.overShort;
  entries.push({ kind: 'rule' }, heading(w.overShort), item(w.over, overShort.over), item(w.short, overShort.short), item(w.suspense, overShort.suspense));
  if (overShort.explanation) entries.push({ kind: 'text', text: `${w.explanation}: ${overShort.explanation}` });
  if (overShort.approvedBy) entries.push({ kind: 'text', text: `${w.approvedBy}: ${overShort.approvedBy}` });
  entries.push({ kind: 'rule' }, { kind: 'total', label: w.expectedNow, amount: money(report.expectedCash) });
  if (context.journal) {
    // Written by hand nowhere else: a later rewrite of the journal no longer matches this paper.
    const { fingerprint, seq, hash } = context.journal;
    entries.push(
      { kind: 'rule' },
      { kind: 'text', text: `${w.journalKey}: ${fingerprint}` },
      { kind: 'text', text: `${w.chainHead}: seq ${seq}` },
      { kind: 'text', text: hash.slice(0, 32) },
      { kind: 'text', text: hash.slice(32) },
    );
  }

  return {
    header: context.branch ? [context.branch.name, context.branch.code] : [],
    entries,
    footer: [`${w.printed}: ${stamp(context.printedAt)} ${context.printedBy}`, report.sessionId],
    demo: context.branch?.demo ?? false,
    language,
  };
}
