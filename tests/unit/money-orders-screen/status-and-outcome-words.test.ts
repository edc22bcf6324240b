// Where an order stands and where a payout stands, as the window words them: who holds or paid the
// order and when, in each language; only a confirmed payout tells the clerk to hand cash over.
import { describe, expect, test } from 'vitest';
import { MONEY_ORDER_STATUSES, type MoneyOrderPayoutResult, type MoneyOrderView } from '@shared/contract';
import { statusWords } from '../../../renderer/src/features/money-orders/order-status';
import { payoutWords } from '../../../renderer/src/features/money-orders/payout-words';
import { ar } from '../../../renderer/src/i18n/ar';
import { en } from '../../../renderer/src/i18n/en';
import { fr } from '../../../renderer/src/i18n/fr';
import { translate } from '../../../renderer/src/i18n/translate';

const person = { name: 'Fatouma Ali', documentType: null, documentNumber: null, documentCountry: null };
const order = (status: MoneyOrderView['status'], more: Partial<MoneyOrderView> = {}): MoneyOrderView => ({
  source: 'head-office',
  number: '000001234520',
  spacedNumber: '0000 0123 4520',
  kind: 'domestic',
  issuingBranch: 'DJ-A',
  amount: { minor: 20_000, currency: 'DJF' },
  fee: { minor: 500, currency: 'DJF' },
  status,
  sender: person,
  payee: person,
  payeeDocumentRequired: false,
  issuedAt: '2026-12-01T08:00:00.000Z',
  expiresAt: '2027-03-01T08:00:00.000Z',
  lockedByBranch: null,
  paidBranch: null,
  paidAt: null,
  cancelledAt: null,
  reimbursedAt: null,
  transmitted: null,
  international: null,
  ...more,
});
const day = (iso: string) => iso.slice(0, 10);
const money = (minor: number) => `${minor} DJF`;

describe('an order’s status in words', () => {
  test('paid: where and when', () => {
    const words = statusWords(order('paid', { paidBranch: 'DJ-B', paidAt: '2026-12-02T10:00:00.000Z' }), day, '?');
    expect(translate(fr, words.key, words.params)).toBe('Payé à l’agence DJ-B le 2026-12-02.');
    expect(translate(en, words.key, words.params)).toBe('Paid at branch DJ-B on 2026-12-02.');
  });
  test('locked: the branch holding it; a branch head office did not name is said unknown', () => {
    expect(translate(fr, 'mo.status.locked', statusWords(order('locked', { lockedByBranch: 'DJ-B' }), day, '?').params)).toBe(
      'Bloqué par l’agence DJ-B le temps d’une opération (paiement, annulation ou remboursement).',
    );
    expect(statusWords(order('locked'), day, 'inconnue').params.branch).toBe('inconnue');
  });
  test('expired and available name the expiry; cancelled and reimbursed their time', () => {
    const expired = statusWords(order('expired'), day, '?');
    expect(translate(fr, expired.key, expired.params)).toBe('Expiré le 2027-03-01 : il ne se paie plus ; remboursable à l’expéditeur.');
    const reimbursed = statusWords(order('reimbursed', { reimbursedAt: '2027-03-05T09:00:00.000Z' }), day, '?');
    expect(translate(en, reimbursed.key, reimbursed.params)).toBe('Reimbursed to the sender on 2027-03-05.');
  });
  test.each(MONEY_ORDER_STATUSES)('%s has its sentence filled in every language (no placeholder left)', (status) => {
    const words = statusWords(order(status, { lockedByBranch: 'DJ-B', paidBranch: 'DJ-B', paidAt: '2026-12-02T10:00:00.000Z', cancelledAt: '2026-12-02T10:00:00.000Z', reimbursedAt: '2027-03-05T09:00:00.000Z' }), day, '?');
    for (const catalog of [fr, en, ar]) expect(translate(catalog, words.key, words.params, { locale: 'fr', rtl: false })).not.toMatch(/[{}]/);
  });
  test('in Arabic, the branch code keeps its order inside the sentence', () => {
    const words = statusWords(order('paid', { paidBranch: 'DJ-B', paidAt: '2026-12-02T10:00:00.000Z' }), day, '?');
    expect(translate(ar, words.key, words.params, { locale: 'ar', rtl: true })).toContain('\u2068DJ-B\u2069');
  });
});

const payout = (outcome: MoneyOrderPayoutResult['outcome'], more: Partial<MoneyOrderPayoutResult> = {}): MoneyOrderPayoutResult => ({
  operationId: '0190f000-0000-7000-8000-000000000000',
  number: '000001234520',
  purpose: 'pay',
  outcome,
  amount: { minor: 20_000, currency: 'DJF' },
  feeRefunded: { minor: 0, currency: 'DJF' },
  refusal: null,
  refusalBranch: null,
  refusalAt: null,
  approver: null,
  replayed: false,
  ...more,
});

describe('a payout’s outcome in words', () => {
  test('paid: hand the amount over', () => {
    const words = payoutWords(payout('paid'), money, day, '?');
    expect(words.color).toBe('green');
    expect(translate(fr, words.key, { ...words.params, reason: '' })).toBe('Le siège a réservé ce mandat pour l’agence : remettez 20000 DJF au bénéficiaire.');
  });
  test('a cancellation that refunds the fee hands back the amount and the fee', () => {
    const words = payoutWords(payout('paid', { purpose: 'cancel', amount: { minor: 20_000, currency: 'DJF' }, feeRefunded: { minor: 500, currency: 'DJF' } }), money, day, '?');
    expect(translate(en, words.key, { ...words.params, reason: '' })).toBe('Order cancelled: give 20500 DJF back to the sender.');
    expect(words.params.fee).toBe('500 DJF');
  });
  test('refused as already paid or being paid: where and when, in the screen’s words', () => {
    const paid = payoutWords(payout('refused', { refusal: 'paid', refusalBranch: 'DJ-B', refusalAt: '2026-12-02T10:00:00.000Z' }), money, day, '?');
    expect(paid.color).toBe('red');
    expect(paid.key).toBe('mo.pay.refused');
    expect(paid.reason).toEqual({ key: 'mo.refusal.paid', params: { branch: 'DJ-B', time: '2026-12-02' } });
    expect(translate(fr, 'mo.refusal.paid', paid.reason!.params)).toBe('Ce mandat a déjà été payé à l’agence DJ-B le 2026-12-02 : rien n’est versé.');
    const locked = payoutWords(payout('refused', { refusal: 'being-paid', refusalBranch: 'DJ-C' }), money, day, '?');
    expect(translate(en, 'mo.refusal.being-paid', locked.reason!.params)).toBe('This order is being paid at branch DJ-C: nothing is paid.');
  });
  test('any other refusal (or a paid one head office did not place): the service’s rule words', () => {
    expect(payoutWords(payout('refused', { refusal: 'wrong-secret' }), money, day, '?').reason?.key).toBe('cash.rule.money-order-wrong-secret');
    expect(payoutWords(payout('refused', { refusal: 'paid' }), money, day, '?').reason?.key).toBe('cash.rule.money-order-paid');
    expect(payoutWords(payout('refused'), money, day, '?').reason?.key).toBe('cash.rule.money-order-refused');
  });
  test('waiting, cancelled, expired: nothing is handed over', () => {
    expect(payoutWords(payout('waiting'), money, day, '?')).toMatchObject({ key: 'mo.outcome.waiting', color: 'orange' });
    for (const outcome of ['cancelled', 'expired'] as const) expect(payoutWords(payout(outcome), money, day, '?').color).toBe('red');
    expect(translate(fr, 'mo.outcome.waiting')).toContain('ne remettez pas d’espèces');
  });
});
