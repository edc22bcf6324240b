/**
 * The savings account's life at the window (dormant, blocked, closing, full passbook), French
 * source. Spread into fr.ts; en.ts and ar.ts spread their own, typed to exactly these keys.
 * Refusals, head office's reasons included, are `cash.rule.<rule>` as everywhere (the words for
 * the account statuses and head office's own reasons are the savings screen's, in ../savings/).
 */
export const savingsLifecycleFr = {
  'cash.rule.account-closing': 'Ce compte est en cours de clôture : son solde est réservé pour le paiement de clôture.',
  'cash.rule.account-blocked-for-credits': 'Le siège a bloqué ce compte pour les versements : aucun versement n’est accepté. Le client s’adresse au siège.',
  'cash.rule.account-blocked-for-debits': 'Le siège a bloqué ce compte pour les retraits : aucun retrait ni clôture. Le client s’adresse au siège.',
  'cash.rule.account-not-dormant': 'Ce compte n’est pas dormant : rien à réactiver.',
  'cash.rule.reactivation-needs-head-office': 'La réactivation se fait au siège : la liaison est coupée, réessayez à son retour.',
  'cash.rule.closing-needs-head-office': 'La clôture d’un compte se fait avec le siège : la liaison est coupée, réessayez à son retour.',
  'cash.rule.passbook-not-full': 'Ce livret a encore {room, plural, one {# ligne libre} other {# lignes libres}} : il n’est pas renouvelé.',
  'cash.rule.passbook-renewed': 'Ce livret est plein et a été renouvelé : imprimez dans le nouveau livret.',
  'cash.rule.nothing-to-pay': 'Rien à payer : le compte a été clôturé sans solde.',
  'cash.rule.closing-amount-changed': 'Le siège a répondu un autre montant : rien n’a été payé, recommencez la clôture.',
  'approval.action.savings.close': 'clôturer un compte d’épargne et en payer le solde',
  'approval.action.savings.reactivate': 'réactiver un compte d’épargne dormant',
  'action.savings.close': 'clôture de compte épargne approuvée',
  'action.savings.reactivate': 'réactivation de compte épargne approuvée',
  'savings.block.debit': 'Bloqué pour les retraits',
  'savings.block.credit': 'Bloqué pour les versements',
  'savings.block.all': 'Bloqué pour les versements et les retraits',
  'savings.closingUnderWay': 'Clôture en cours',
  'savings.closing.outcome.paid': 'Payé {amount} (solde {balance} + intérêts {interest}). Le compte est clôturé.',
  'savings.closing.outcome.to-pay': 'Le siège a confirmé : remettez {amount} au client (liste « En attente »).',
  'savings.closing.outcome.closed': 'Compte clôturé : rien à payer.',
  'savings.closing.outcome.refused': 'Clôture refusée par le siège.',
  'savings.closing.outcome.waiting': 'Le siège n’a pas répondu : rien n’est payé. Appuyez de nouveau sur Clôturer pour la même opération.',
  'savings.closing.outcome.cancelled': 'Clôture annulée : rien n’est payé, le compte reste ouvert.',
  'savings.closing.outcome.expired': 'La réservation du siège a expiré : rien n’est payé, le compte reste ouvert.',
  'savings.reactivated': 'Compte réactivé par le siège (autorisé par {approver}).',
  'savings.alreadyActive': 'Le compte était déjà actif : rien n’a changé.',
  'savings.deposit.keptAside': 'Liaison coupée : si le siège a bloqué ou clôturé ce compte entre-temps, le versement sera gardé de côté au siège, jamais perdu.',
  'passbook.renewed': 'Livret {full} plein : le client le garde. Nouveau livret n° {number}, qui commence par le report du solde.',
  'ops.kind.savings-closing': 'clôture de compte épargne',
  'ops.kind.savings-passbook-renewed': 'livret plein renouvelé',
  'action.savings.account.reactivated': 'compte épargne réactivé',
} as const;

export type SavingsLifecycleCatalog = Record<keyof typeof savingsLifecycleFr, string>;
