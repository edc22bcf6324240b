// The fallback without a passbook printer: the last lines and the balance on the receipt printer.
import { describe, expect, it } from 'vitest';
import type { BranchProfile } from '@shared/contract';
import { layoutReceipt } from '@shared/receipt';
import { passbookMiniStatement } from '../../../electron/services/devices/passbook-mini-statement';
import type { PassbookLine } from '../../../electron/services/devices/protocols/passbook/passbook-line';

const branch: BranchProfile = { code: 'DJ-001', name: 'Djibouti Centre', country: 'DJ', currency: 'DJF', language: 'fr', demo: false };
const djf = (minor: number) => ({ minor, currency: 'DJF' });
const line = (n: number, credit: boolean): PassbookLine => ({
  date: `2026-05-${String(n).padStart(2, '0')}`,
  label: credit ? `Dépôt ${n}` : `Retrait ${n}`,
  debit: credit ? null : djf(500 * n),
  credit: credit ? djf(1000 * n) : null,
  balance: djf(100_000 + n),
});

/** Label left, amount right on a 48-column line. */
const row = (left: string, right: string) => left + ' '.repeat(48 - left.length - right.length) + right;

describe('passbook mini statement', () => {
  it('prints the last lines, signed, and the balance, in the branch language', () => {
    const lines = Array.from({ length: 12 }, (_, k) => line(k + 1, k % 3 !== 2));
    const receipt = passbookMiniStatement({ accountNumber: 'S100000017', lines, balance: djf(1_234_500), at: '2026-05-20T09:15:00.000Z' }, { branch, operator: 'amina', count: 5 });
    const text = layoutReceipt(receipt, 48).flatMap((row) => (row.kind === 'text' ? [row.text] : []));
    expect(text).toContain('RELEVÉ DE LIVRET');
    expect(text).toContain('Livret N° S100000017');
    expect(text).toContain('2026-05-20 09:15  Guichetier: amina');
    // Lines 8 to 12: line 9 and 12 are withdrawals.
    expect(text.filter((row) => /^\d\d\/05\/26 /.test(row))).toEqual([
      row('08/05/26 Dépôt 8', '+8 000 DJF'),
      row('09/05/26 Retrait 9', '-4 500 DJF'),
      row('10/05/26 Dépôt 10', '+10 000 DJF'),
      row('11/05/26 Dépôt 11', '+11 000 DJF'),
      row('12/05/26 Retrait 12', '-6 000 DJF'),
    ]);
    expect(text.some((row) => row.startsWith('SOLDE') && row.endsWith('1 234 500 DJF'))).toBe(true);
    expect(receipt.footer).toEqual(['À reporter sur votre livret au prochain passage']);
  });

  it('says so when there is nothing to show, in Arabic too', () => {
    const receipt = passbookMiniStatement({ accountNumber: 'S1', lines: [], balance: djf(0), at: '2026-05-20T09:15:00.000Z' }, { branch: { ...branch, language: 'ar' }, operator: 'omar' });
    expect(receipt.language).toBe('ar');
    expect(receipt.entries).toContainEqual({ kind: 'text', text: 'لا توجد عمليات' });
    expect(receipt.entries).toContainEqual({ kind: 'total', label: 'الرصيد', amount: '0 DJF' });
  });
});
