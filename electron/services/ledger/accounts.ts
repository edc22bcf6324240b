/**
 * The branch's chart of accounts. Cash is an asset: debits bring cash in, credits
 * take it out, so a till or the safe may never be credited beyond what was debited
 * to it (`credits_must_not_exceed_debits`, TigerBeetle's flag for debit-normal
 * accounts). `debits_must_not_exceed_credits` is for what the post owes
 * (customer savings, money orders payable) when those domains arrive.
 */
export const ACCOUNT_FLAG = {
  debitsMustNotExceedCredits: 1,
  creditsMustNotExceedDebits: 2,
} as const;

export type AccountCode =
  | 'safe'
  | 'till-cash'
  | 'revenue'
  | 'paid-in'
  | 'paid-out'
  | 'over-short'
  | 'suspense'
  | 'head-office'
  | 'cod-payable'
  | 'savings-to-remit'
  | 'money-orders-payable';

export interface AccountSpec {
  id: string;
  code: AccountCode;
  currency: string;
  name: string;
  flags: number;
  tillSessionId: string | null;
}

const cash = ACCOUNT_FLAG.creditsMustNotExceedDebits;

export const accountFor = {
  safe: (currency: string): AccountSpec => ({ id: `safe:${currency}`, code: 'safe', currency, name: 'Safe', flags: cash, tillSessionId: null }),
  tillCash: (sessionId: string, tillId: string, currency: string): AccountSpec => ({
    id: `till-cash:${sessionId}`,
    code: 'till-cash',
    currency,
    name: `Till ${tillId} cash`,
    flags: cash,
    tillSessionId: sessionId,
  }),
  revenue: (productCode: string, currency: string): AccountSpec => ({
    id: `revenue:${productCode}:${currency}`,
    code: 'revenue',
    currency,
    name: `Revenue ${productCode}`,
    flags: 0,
    tillSessionId: null,
  }),
  paidIn: (reasonCode: string, currency: string): AccountSpec => ({
    id: `paid-in:${reasonCode}:${currency}`,
    code: 'paid-in',
    currency,
    name: `Paid in: ${reasonCode}`,
    flags: 0,
    tillSessionId: null,
  }),
  paidOut: (reasonCode: string, currency: string): AccountSpec => ({
    id: `paid-out:${reasonCode}:${currency}`,
    code: 'paid-out',
    currency,
    name: `Paid out: ${reasonCode}`,
    flags: 0,
    tillSessionId: null,
  }),
  overShort: (currency: string): AccountSpec => ({ id: `over-short:${currency}`, code: 'over-short', currency, name: 'Over/short', flags: 0, tillSessionId: null }),
  suspense: (currency: string): AccountSpec => ({ id: `suspense:${currency}`, code: 'suspense', currency, name: 'Suspense (disputed)', flags: 0, tillSessionId: null }),
  /** Cash collected on delivery for a marketplace, owed to it until head office settles. */
  codPayable: (marketplace: string, currency: string): AccountSpec => ({
    id: `cod-payable:${marketplace}:${currency}`,
    code: 'cod-payable',
    currency,
    name: `COD payable: ${marketplace}`,
    flags: 0,
    tillSessionId: null,
  }),
  /**
   * Savings cash the branch holds for head office: deposits credit it, withdrawals debit it. No
   * flag: a branch may pay out more than it took in (head office then owes the branch the difference).
   */
  savingsToRemit: (currency: string): AccountSpec => ({
    id: `savings-to-remit:${currency}`,
    code: 'savings-to-remit',
    currency,
    name: 'Savings to remit to head office',
    flags: 0,
    tillSessionId: null,
  }),
  /**
   * What the post owes money-order payees: issues credit it, payouts debit it. No flag: a branch
   * pays orders issued elsewhere, so its side may go below zero (settled through head office).
   */
  moneyOrdersPayable: (currency: string): AccountSpec => ({
    id: `money-orders-payable:${currency}`,
    code: 'money-orders-payable',
    currency,
    name: 'Money orders payable',
    flags: 0,
    tillSessionId: null,
  }),
  headOffice: (currency: string): AccountSpec => ({
    id: `head-office:${currency}`,
    code: 'head-office',
    currency,
    name: 'Head office cash remittances',
    flags: 0,
    tillSessionId: null,
  }),
};

export function flagNames(flags: number): Array<'debits_must_not_exceed_credits' | 'credits_must_not_exceed_debits'> {
  const names: Array<'debits_must_not_exceed_credits' | 'credits_must_not_exceed_debits'> = [];
  if (flags & ACCOUNT_FLAG.debitsMustNotExceedCredits) names.push('debits_must_not_exceed_credits');
  if (flags & ACCOUNT_FLAG.creditsMustNotExceedDebits) names.push('credits_must_not_exceed_debits');
  return names;
}
