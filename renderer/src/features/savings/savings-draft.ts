import { useEffect, useState } from 'react';

/** The forms of an account, and opening one. */
export type SavingsAction = 'open' | 'deposit' | 'withdraw' | 'passbook' | 'statement' | 'lost';

/** What the clerk typed in the open form, by field name (amounts as typed, the document…). */
export type SavingsFields = Record<string, string>;

/** A booking that left the window: its id and the request it carried, kept until its answer is seen. */
export interface SentOperation {
  operationId: string;
  content: string;
}

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

/**
 * The form takes over an operation sent before a reload (the `sent` it opened with): its next
 * confirm reuses that id. Only at opening: an operation this form sends itself is its own to follow.
 */
export function useResumedOperation(sent: SentOperation | null, resume: (id: string, content: string) => void): void {
  const [opening] = useState(sent);
  useEffect(() => {
    if (opening) resume(opening.operationId, opening.content);
  }, [opening, resume]);
}
