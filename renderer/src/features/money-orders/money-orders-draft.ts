import type { SentOperation } from '../../hooks/use-resumed-operation';

/** The forms of the screen, each a function key away (none open: the orders issued here). */
export type MoneyOrderAction = 'issue' | 'international' | 'pay' | 'find' | 'cancel' | 'reimburse' | 'incoming';

/** Forms that move cash through the clerk's open till. */
export const CASH_ACTIONS: ReadonlySet<MoneyOrderAction> = new Set(['issue', 'international', 'pay', 'cancel', 'reimburse']);

/** What the clerk typed in the open form, by field name (amounts as typed, the number, the document…). */
export type OrderFields = Record<string, string>;

/**
 * What the host keeps of the money-order screen (drafts, screen `money-orders`): the form, what
 * was typed, the sender and payee picked from the register, and the operation sent. After a reload
 * the same id is sent again — an issue answers its first booking (without the secret, which is
 * shown once), a payment where it stands — never a new one. The secret a payee typed is never
 * kept here: it lives in the pay form only.
 */
export interface MoneyOrdersDraft {
  action: MoneyOrderAction | null;
  fields: OrderFields;
  senderId: string | null;
  payeeId: string | null;
  sent: SentOperation | null;
}

export const EMPTY_DRAFT: MoneyOrdersDraft = { action: null, fields: {}, senderId: null, payeeId: null, sent: null };

/** Something worth keeping: a form with typing in it, a party picked, or an operation on its way. */
export function draftHoldsWork(draft: MoneyOrdersDraft): boolean {
  if (draft.sent !== null) return true;
  if (draft.action === null || !CASH_ACTIONS.has(draft.action)) return false;
  return draft.senderId !== null || draft.payeeId !== null || Object.values(draft.fields).some((value) => value.trim() !== '');
}
