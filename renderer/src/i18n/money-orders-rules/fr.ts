/**
 * Money orders' words the services need on every screen: the ledger's operation kinds
 * (`ops.kind.<kind>`), the refusals (`cash.rule.<rule>`; head office's reasons for refusing a lock
 * are worded as `cash.rule.money-order-<reason>`), the ledger account, the fields an INVALID_INPUT
 * names, and the approvals. French source; en.ts and ar.ts are typed to exactly these keys. The
 * money-order screen's own sentences live with the screen.
 */
export const moneyOrdersRulesFr = {
  'field.purpose': 'Motif',
  'account.money-orders-payable': 'Mandats à payer',
  'ops.kind.money-order-issue': 'émission de mandat',
  'ops.kind.money-order-payment': 'paiement de mandat',
  'ops.kind.money-order-cancellation': 'annulation de mandat',
  'ops.kind.money-order-reimbursement': 'remboursement de mandat',
  'approval.action.moneyOrders.cancel': 'annuler un mandat et en rembourser l’expéditeur',
  'approval.action.moneyOrders.reimburse': 'rembourser un mandat échu à son expéditeur',
  'action.moneyOrders.cancel': 'annulation de mandat approuvée',
  'action.moneyOrders.reimburse': 'remboursement de mandat approuvé',
  'cash.rule.money-order-needs-head-office': 'Payer, annuler ou rembourser un mandat se fait avec le siège, et il ne répond pas : rien n’est versé. L’émission reste possible.',
  'cash.rule.money-order-unknown-offline': 'Siège injoignable et mandat jamais vu à l’agence : impossible de dire où il en est.',
  'cash.rule.money-order-number-invalid': 'Numéro de mandat invalide : 12 chiffres, vérifiez la clé.',
  'cash.rule.money-order-above-maximum': 'Montant au-delà du maximum d’un mandat ({maximum}).',
  'cash.rule.no-money-order-tariff': 'Le siège n’a pas publié de tarif des mandats lisible par l’agence : aucun mandat ne peut être émis.',
  'cash.rule.no-money-order-numbers': 'L’agence n’a plus de numéros de mandat : le siège doit lui en attribuer.',
  'cash.rule.payee-document-required': 'Pour ce montant, le bénéficiaire est désigné avec sa pièce d’identité.',
  'cash.rule.international-fields-required': 'Un mandat international demande le pays de destination, la devise du bénéficiaire et le motif.',
  'cash.rule.international-fields-domestic': 'Un mandat national n’a pas de champs internationaux.',
  'cash.rule.money-order-not-found': 'Le siège ne connaît aucun mandat sous ce numéro.',
  'cash.rule.money-order-being-paid': 'Ce mandat est en cours de paiement dans un autre bureau : rien n’est versé.',
  'cash.rule.money-order-paid': 'Ce mandat a déjà été payé : rien n’est versé.',
  'cash.rule.money-order-cancelled': 'Ce mandat a été annulé.',
  'cash.rule.money-order-reimbursed': 'Ce mandat a déjà été remboursé à son expéditeur.',
  'cash.rule.money-order-expired': 'Ce mandat est échu : il ne se paie plus et ne s’annule plus ; l’expéditeur peut se le faire rembourser.',
  'cash.rule.money-order-not-expired': 'Ce mandat n’est pas encore échu : l’expéditeur peut l’annuler, pas se le faire rembourser.',
  'cash.rule.money-order-wrong-secret': 'Code secret erroné : rien n’est versé.',
  'cash.rule.money-order-secret-attempts-exceeded': 'Trop de codes secrets erronés pour ce mandat : il est bloqué jusqu’à ce que le siège le débloque.',
  'cash.rule.money-order-wrong-document': 'Cette pièce d’identité n’est pas celle que le mandat désigne : rien n’est versé.',
  'cash.rule.money-order-not-payable-here': 'Ce mandat part à l’étranger : il ne se paie pas au guichet.',
  'cash.rule.money-order-operation-id-reused': 'Cette opération a déjà servi pour autre chose : recommencez la saisie.',
  'cash.rule.money-order-changed': 'Le mandat a changé au siège depuis sa consultation : rien n’est versé, consultez-le de nouveau.',
  'cash.rule.money-order-refund-rule-changed': 'La règle de remboursement des frais a changé au siège : rien n’est versé, recommencez.',
  'cash.rule.money-order-refused': 'Le siège a refusé l’opération.',
} as const;

export type MoneyOrdersRulesCatalog = Record<keyof typeof moneyOrdersRulesFr, string>;
