import type { MoneyOrderView } from '@shared/contract';
import type { MessageKey } from '../../i18n';

type StatusKey = `mo.status.${MoneyOrderView['status']}`;

export interface StatusWords {
  key: StatusKey & MessageKey;
  params: { branch: string; time: string; expires: string };
  color: string;
}

/**
 * Where an order stands, as the clerk tells the customer: who holds it or paid it, and when. `time`
 * is the moment of the status (paid, cancelled, reimbursed); `unknown` stands for a branch head
 * office did not name.
 */
export function statusWords(view: MoneyOrderView, dateTime: (iso: string) => string, unknown: string): StatusWords {
  const at = (iso: string | null) => (iso ? dateTime(iso) : '—');
  const time = (() => {
    switch (view.status) {
      case 'paid':
        return at(view.paidAt);
      case 'cancelled':
        return at(view.cancelledAt);
      case 'reimbursed':
        return at(view.reimbursedAt);
      case 'issued':
      case 'available':
      case 'transmitted':
      case 'locked':
      case 'expired':
        // Their sentence names the expiry, or nothing timed.
        return '';
    }
  })();
  const branch = view.status === 'locked' ? view.lockedByBranch : view.status === 'paid' ? view.paidBranch : null;
  return {
    key: `mo.status.${view.status}`,
    params: { branch: branch ?? unknown, time, expires: dateTime(view.expiresAt) },
    color: STATUS_COLORS[view.status],
  };
}

const STATUS_COLORS: Record<MoneyOrderView['status'], string> = {
  issued: 'orange',
  available: 'green',
  transmitted: 'blue',
  locked: 'orange',
  paid: 'gray',
  cancelled: 'gray',
  expired: 'red',
  reimbursed: 'gray',
};
