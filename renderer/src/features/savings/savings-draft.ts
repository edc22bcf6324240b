import type { SentOperation } from '../../hooks/use-resumed-operation';

// Shared with the money-order screen: one home for "the same id again after a reload".
export { useResumedOperation, type SentOperation } from '../../hooks/use-resumed-operation';

/** The forms of an account, and opening one. */
export type SavingsAction = 'open' | 'deposit' | 'withdraw' | 'passbook' | 'statement' | 'lost';

/** What the clerk typed in the open form, by field name (amounts as typed, the document…). */
export type SavingsFields = Record<string, string>;

/**
 * What the host keeps of the savings screen (drafts, screen `savings`): the customer and account
 * on screen, the form and what was typed, and the operation sent. After a reload the same id is
 * sent again — a deposit answers its first booking, a withdrawal where it stands — never a new one.
 */
export interface SavingsDraft {
  customerId: string | null;
  accountNumber: string | null;
  action: SavingsAction | null;
  fields: SavingsFields;
  sent: SentOperation | null;
}

export const EMPTY_DRAFT: SavingsDraft = { customerId: null, accountNumber: null, action: null, fields: {}, sent: null };
