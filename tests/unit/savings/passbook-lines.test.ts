import { describe, expect, it } from 'vitest';
import { passbookLineProblem } from '../../../electron/services/devices/protocols/passbook/passbook-line';
import type { SavingsLine } from '../../../electron/services/headoffice/savings-api';
import { broughtForwardLine, passbookLineOf, toPrinter } from '../../../electron/services/savings/passbook-lines';

const line = (fields: Partial<SavingsLine>): SavingsLine => ({
  line_no: 7,
  kind: 'deposit',
  amount: 2_500,
  balance_after: 12_500,
  value_date: '2026-10-05',
  booked_at: '2026-10-05T08:00:00.000+00:00',
  branch: 'DJ-DEMO',
  operation_id: null,
  period_end: null,
  ...fields,
});

describe('head office lines as the passbook prints them', () => {
  it('puts a deposit in the credit column and a withdrawal in the debit column, with the balance after', () => {
    expect(passbookLineOf(line({}), 'DJF', 'fr')).toEqual({
      lineNo: 7,
      kind: 'deposit',
      date: '2026-10-05',
      label: 'Versement',
      debit: null,
      credit: { minor: 2_500, currency: 'DJF' },
      balance: { minor: 12_500, currency: 'DJF' },
      creditedOn: null,
    });
    expect(passbookLineOf(line({ kind: 'withdrawal', balance_after: 10_000 }), 'DJF', 'en')).toMatchObject({
      label: 'Withdrawal',
      debit: { minor: 2_500, currency: 'DJF' },
      credit: null,
      balance: { minor: 10_000, currency: 'DJF' },
    });
  });

  it('says on the line when a deposit taken while the link was down reached the account', () => {
    const late = passbookLineOf(line({ booked_at: '2026-10-07T06:30:00.000+00:00' }), 'DJF', 'fr');
    expect(late).toMatchObject({ label: 'Versement cred. 07/10', creditedOn: '2026-10-07', date: '2026-10-05' });
    expect(passbookLineOf(line({ booked_at: '2026-10-07T06:30:00Z' }), 'DJF', 'en').label).toBe('Deposit cred. 07/10');
  });

  it('names interest by the end of its period', () => {
    expect(passbookLineOf(line({ kind: 'interest', period_end: '2026-09-30', amount: 37 }), 'DJF', 'fr')).toMatchObject({ label: 'Interets au 30/09', credit: { minor: 37, currency: 'DJF' } });
  });

  it('prints Latin words for an Arabic-speaking branch: the printer has no Arabic', () => {
    expect(passbookLineOf(line({}), 'DJF', 'ar').label).toBe('Versement');
    expect(broughtForwardLine(6_000, 'DJF', '2026-10-05', 'ar')?.label).toBe('Report solde');
  });

  it('carries a balance forward in the credit column, and nothing when there is nothing to carry', () => {
    expect(broughtForwardLine(6_000, 'DJF', '2026-10-05', 'en')).toEqual({
      lineNo: null,
      kind: 'brought-forward',
      date: '2026-10-05',
      label: 'Brought forward',
      debit: null,
      credit: { minor: 6_000, currency: 'DJF' },
      balance: { minor: 6_000, currency: 'DJF' },
      creditedOn: null,
    });
    expect(broughtForwardLine(0, 'DJF', '2026-10-05', 'fr')).toBeNull();
  });

  it('gives the printer lines it accepts, with labels that fit the 22-character column', () => {
    const all = [
      passbookLineOf(line({ booked_at: '2026-12-31T23:00:00Z' }), 'DJF', 'fr'),
      passbookLineOf(line({ booked_at: '2026-12-31T23:00:00Z' }), 'DJF', 'en'),
      passbookLineOf(line({ kind: 'withdrawal' }), 'DJF', 'fr'),
      passbookLineOf(line({ kind: 'interest', period_end: '2026-12-31' }), 'DJF', 'en'),
      broughtForwardLine(1, 'DJF', '2026-01-01', 'en')!,
    ];
    for (const view of all) {
      expect(passbookLineProblem(toPrinter(view))).toBeNull();
      expect(view.label.length).toBeLessThanOrEqual(22);
      expect(view.label).toMatch(/^[\x20-\x7e]+$/);
    }
  });
});
