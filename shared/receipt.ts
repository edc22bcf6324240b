// The receipt as data. The thermal printer and the on-screen preview both render the rows
// that `layoutReceipt` returns, so what the clerk sees is what prints. Amounts arrive already
// formatted (money formatting belongs to the money module), the layout only places them.

export type Align = 'left' | 'center' | 'right';

export type ReceiptEntry =
  | {
      kind: 'text';
      text: string;
      align?: Align;
      bold?: boolean;
      large?: boolean;
      /**
       * One-time text (a money order's secret): printed on the original only. Once the original
       * printed, the stored job keeps `thereafter` in its place, and every copy prints that.
       */
      thereafter?: string;
    }
  | { kind: 'item'; label: string; quantity?: number; amount: string }
  | { kind: 'total'; label: string; amount: string }
  | { kind: 'rule' }
  | { kind: 'blank' }
  | { kind: 'barcode'; data: string }
  | { kind: 'qr'; data: string };

export type ReceiptLanguage = 'fr' | 'en' | 'ar';

export interface Receipt {
  /** Branch name, address: printed centred at the top. */
  header: string[];
  entries: ReceiptEntry[];
  footer: string[];
  /** Training/demo receipts carry a marker at top and bottom so they are never taken for real. */
  demo: boolean;
  /** The language the receipt is written in: a copy's marker is printed in it (French when absent). */
  language?: ReceiptLanguage;
  /** A reprint: marked at top and bottom so a second paper for one payment is never taken for a second payment. */
  copy?: boolean;
  /**
   * The booked operation behind the receipt and the last hash of its transfers (the one the
   * branch key signed): the receipt prints a short code of it and carries it in its QR, so
   * an auditor holding the paper can check it against the journal.
   */
  verification?: { operationId: string; hash: string } | null;
}

/** The first 10 hex digits of an operation's last hash, in two groups: `3FA9C-01B7E`. */
export const verificationCode = (hashHex: string): string => `${hashHex.slice(0, 5)}-${hashHex.slice(5, 10)}`.toUpperCase();

/** What a receipt's own QR holds when it has no other: format, operation id, verification code. */
export const verificationQr = (verification: { operationId: string; hash: string }): string =>
  `PC1:${verification.operationId}:${verificationCode(verification.hash)}`;

export type ReceiptRow =
  | { kind: 'text'; text: string; align: Align; bold: boolean; large: boolean; rtl: boolean }
  | { kind: 'barcode'; data: string }
  | { kind: 'qr'; data: string }
  | { kind: 'cut' };

export const DEMO_MARKER = '*** DEMO - SANS VALEUR ***';

/** What a reprinted receipt says it is, in the receipt's own language. */
export const COPY_WORDS: Record<ReceiptLanguage, string> = { fr: 'DUPLICATA', en: 'COPY', ar: 'نسخة' };
export const copyMarker = (language: ReceiptLanguage = 'fr'): string => `*** ${COPY_WORDS[language]} ***`;

/** True when the receipt carries text to print once only. */
export const hasOneTimeText = (receipt: Receipt): boolean => receipt.entries.some((entry) => entry.kind === 'text' && entry.thereafter !== undefined);

/** The receipt with its one-time text replaced: what is kept once the original printed, and what a copy prints. */
export const withoutOneTimeText = (receipt: Receipt): Receipt => ({
  ...receipt,
  entries: receipt.entries.map((entry) => {
    if (entry.kind !== 'text' || entry.thereafter === undefined) return entry;
    const { thereafter, ...rest } = entry;
    return { ...rest, text: thereafter };
  }),
});

/** The same receipt, marked as a copy (a reprint never prints an unmarked second original, nor one-time text). */
export const asCopy = (receipt: Receipt): Receipt => ({ ...withoutOneTimeText(receipt), copy: true });

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;

/** Arabic needs shaping and right-to-left order, which thermal printers lack: such rows print as images. */
export const isRightToLeft = (text: string): boolean => ARABIC.test(text);

const textRow = (text: string, align: Align = 'left', bold = false, large = false): ReceiptRow => ({
  kind: 'text',
  text,
  align,
  bold,
  large,
  rtl: isRightToLeft(text),
});

/** Label on the left, amount on the right, on one line of `columns` characters (label cut if too long). */
export const spread = (left: string, right: string, columns: number): string => {
  const room = Math.max(1, columns - right.length - 1);
  const label = left.length > room ? left.slice(0, room) : left;
  return label + ' '.repeat(columns - label.length - right.length) + right;
};

export const layoutReceipt = (receipt: Receipt, columns: number): ReceiptRow[] => {
  const rows: ReceiptRow[] = [];
  if (receipt.demo) rows.push(textRow(DEMO_MARKER, 'center', true));
  if (receipt.copy) rows.push(textRow(copyMarker(receipt.language), 'center', true));
  for (const line of receipt.header) rows.push(textRow(line, 'center', true));
  rows.push(textRow('-'.repeat(columns)));
  for (const entry of receipt.entries) {
    switch (entry.kind) {
      case 'text':
        rows.push(textRow(entry.text, entry.align, entry.bold, entry.large));
        break;
      case 'item': {
        const label = entry.quantity && entry.quantity !== 1 ? `${entry.quantity} x ${entry.label}` : entry.label;
        rows.push(isRightToLeft(label) ? textRow(`${label}  ${entry.amount}`, 'right') : textRow(spread(label, entry.amount, columns)));
        break;
      }
      case 'total':
        rows.push(textRow(spread(entry.label, entry.amount, columns), 'left', true));
        break;
      case 'rule':
        rows.push(textRow('-'.repeat(columns)));
        break;
      case 'blank':
        rows.push(textRow(''));
        break;
      case 'barcode':
        rows.push({ kind: 'barcode', data: entry.data });
        break;
      case 'qr':
        // The code rides in the fragment: a tracking site never receives it, a scanner reads it.
        rows.push({ kind: 'qr', data: receipt.verification ? `${entry.data}#v=${verificationCode(receipt.verification.hash)}` : entry.data });
        break;
    }
  }
  if (receipt.verification) {
    if (!receipt.entries.some((entry) => entry.kind === 'qr')) rows.push({ kind: 'qr', data: verificationQr(receipt.verification) });
    rows.push(textRow(`# ${verificationCode(receipt.verification.hash)}`, 'center'));
  }
  for (const line of receipt.footer) rows.push(textRow(line, 'center'));
  if (receipt.copy) rows.push(textRow(copyMarker(receipt.language), 'center', true));
  if (receipt.demo) rows.push(textRow(DEMO_MARKER, 'center', true));
  rows.push({ kind: 'cut' });
  return rows;
};
