import type { MoneyOrderPayoutResult } from '@shared/contract';
import type { MessageKey } from '../../i18n';

export interface PayoutWords {
  key: MessageKey;
  /** The amount leaving the drawer, and the fee given back with a cancellation. */
  params: { amount: string; fee: string };
  /** Head office's reason, worded as `cash.rule.money-order-<reason>` with the branch and the time it names. */
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
  // `amount` is what leaves the drawer (a cancellation's refunded fee included); `feeRefunded` says how much of it is the fee.
  const params = { amount: money(result.amount.minor), fee: money(result.feeRefunded.minor) };
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
          key: `cash.rule.money-order-${result.refusal ?? 'unknown'}`,
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
