/**
 * Money orders' words the services need on every screen: the ledger's operation kinds
 * (`ops.kind.<kind>`), the refusals (`cash.rule.<rule>`, head office's reasons included as
 * `cash.rule.money-order-<reason>`), the form fields an INVALID_INPUT names, and the approvals.
 * French source; en.ts and ar.ts are typed to exactly these keys. The money-order screen's own
 * sentences live with the screen.
 */
export const moneyOrdersRulesFr = {
  'field.purpose': 'Motif',
} as const;

export type MoneyOrdersRulesCatalog = Record<keyof typeof moneyOrdersRulesFr, string>;
