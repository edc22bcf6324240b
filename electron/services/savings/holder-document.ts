import { ContractError, type ParsedInput } from '@shared/contract';
import { customerById } from '../customers/customers.repository';
import type { SavingsContext } from './savings-context';
import type { SavingsAccountRow } from './savings.tables';

/** Spaces and case do not make a document different (a number typed from the card or read from its MRZ). */
const normalised = (number: string) => number.replace(/[\s-]/g, '').toUpperCase();

/**
 * Money leaves an account only for its holder: the document shown at the window must be the one
 * the customer register holds for the account's customer. A mismatch is refused and audited
 * (without the number: no personal data in the audit details).
 */
export function checkHolderDocument(ctx: SavingsContext, account: SavingsAccountRow, shown: ParsedInput<'savings.withdraw'>['document']): void {
  const holder = customerById(ctx.till.sqlite, account.customer_id);
  if (!holder) {
    throw new ContractError('RULE_BROKEN', 'the account holder is not in this branch’s customer register: look the customer up first', {
      rule: 'holder-not-known',
      accountNumber: account.account_number,
    });
  }
  if (holder.document_type !== shown.type || normalised(holder.document_number) !== normalised(shown.number)) {
    throw new ContractError('RULE_BROKEN', 'this identity document is not the account holder’s', { rule: 'not-the-holder', accountNumber: account.account_number });
  }
}
