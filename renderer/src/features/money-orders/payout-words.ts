import type { MoneyOrderPayoutResult } from '@shared/contract';
import type { MessageKey } from '../../i18n';

export interface PayoutWords {
  key: MessageKey;
  /** The amount leaving the drawer, and the fee given back with a cancellation. */
  params: { amount: string; fee: string };
  /**
   * Head office's reason: `being paid at branch X`, `already paid at X on …` in the screen's own
   * words when head office named the branch (and the time); else the service's `cash.rule.money-order-<reason>`.
   */
  reason: { key: string; params: { branch: string; time: string } } | null;
  color: 'green' | 'orange' | 'red';
}

const PAID: Record<MoneyOrderPayoutResult['purpose'], MessageKey> = { pay: 'mo.pay.paid', cancel: 'mo.cancel.paid', reimburse: 'mo.reimburse.paid' };
const REFUSED: Record<MoneyOrderPayoutResult['purpose'], MessageKey> = { pay: 'mo.pay.refused', cancel: 'mo.cancel.refused', reimburse: 'mo.reimburse.refused' };

/**
 * Where a payment, cancellation or reimbursement stands, in words: hand over only what head office
 * confirmed (`paid`, `to-pay`); anything else says plainly that nothing is paid.
 */
export function payoutWords(result: MoneyOrderPayoutResult, money: (minor: number) => string, dateTime: (iso: string) => string, unknownBranch: string): PayoutWords {
  // What leaves the drawer: the order's amount, and the fee when a cancellation gives it back.
  const params = { amount: money(result.amount.minor + result.feeRefunded.minor), fee: money(result.feeRefunded.minor) };
  const none = { params, reason: null };
  switch (result.outcome) {
    case 'paid':
      return { ...none, key: PAID[result.purpose], color: 'green' };
    case 'to-pay':
      return { ...none, key: result.purpose === 'pay' ? 'mo.pay.toPay' : PAID[result.purpose], color: 'green' };
    case 'refused':
      return {
        params,
        key: REFUSED[result.purpose],
        color: 'red',
        reason: {
          key: reasonKey(result),
          params: { branch: result.refusalBranch ?? unknownBranch, time: result.refusalAt ? dateTime(result.refusalAt) : '—' },
        },
      };
    case 'waiting':
      return { ...none, key: 'mo.outcome.waiting', color: 'orange' };
    case 'cancelled':
      return { ...none, key: 'mo.outcome.cancelled', color: 'red' };
    case 'expired':
      return { ...none, key: 'mo.outcome.expired', color: 'red' };
  }
}

/** The screen's sentence naming where (and when) for `being-paid` and `paid`; the service's rule words otherwise. */
function reasonKey(result: MoneyOrderPayoutResult): string {
  if (result.refusal === 'being-paid' && result.refusalBranch) return 'mo.refusal.being-paid';
  if (result.refusal === 'paid' && result.refusalBranch && result.refusalAt) return 'mo.refusal.paid';
  return `cash.rule.money-order-${result.refusal ?? 'refused'}`;
}
