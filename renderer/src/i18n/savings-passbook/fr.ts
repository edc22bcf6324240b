/**
 * Passbooks and statements (savings), French source. Spread into fr.ts; en.ts and ar.ts spread
 * their own, typed to exactly these keys. Outcomes of the printer itself are `passbook.outcome.*`
 * in the main catalog; these are the savings module's.
 */
export const savingsPassbookFr = {
  'passbook.outcome.up-to-date': 'Rien de nouveau à imprimer : le livret est à jour.',
  'passbook.outcome.mini-statement': 'Pas d’imprimante de livrets à ce guichet : un relevé est imprimé sur l’imprimante de tickets. Les lignes seront reportées sur le livret au prochain passage.',
  'passbook.issued': 'Nouveau livret n° {number} : inscrivez ce numéro sur la couverture.',
  'passbook.remaining': '{count, plural, one {# ligne reste à imprimer} other {# lignes restent à imprimer}}.',
  'passbook.waitingDeposits':
    '{count, plural, one {# versement sera imprimé} other {# versements seront imprimés}} dès que le siège {count, plural, one {l’aura crédité} other {les aura crédités}}.',
  'passbook.replaced': 'Livret {lost} bloqué. Nouveau livret n° {number} : il commence par le report du solde.',
  'passbook.reprinted': '{count, plural, one {# ligne réimprimée} other {# lignes réimprimées}} à {count, plural, one {sa place} other {leur place}}.',
  'passbook.line.deposit': 'Versement',
  'passbook.line.withdrawal': 'Retrait',
  'passbook.line.interest': 'Intérêts',
  'passbook.line.brought-forward': 'Report du solde',
  'passbook.line.creditedOn': 'crédité le {date}',
  'cash.rule.passbook-needs-head-office': 'Le livret n’est mis à jour qu’avec le siège (ses lignes font foi) : liaison coupée, réessayez quand elle revient.',
  'cash.rule.statement-needs-head-office': 'Le relevé vient du siège : liaison coupée, réessayez quand elle revient.',
  'cash.rule.passbook-lost': 'Ce livret a été déclaré perdu : il est bloqué. Ne l’imprimez pas, gardez-le et prévenez le chef d’agence.',
  'cash.rule.passbook-unknown': 'Livret inconnu à ce guichet : vérifiez le numéro.',
  'cash.rule.passbook-other-account': 'Ce livret appartient à un autre compte.',
  'cash.rule.passbook-printing': 'Un livret de ce compte est déjà en cours d’impression.',
  'cash.rule.passbook-layout-changed': 'La mise en page de l’imprimante de livrets a changé depuis l’impression de ce livret : appelez le technicien.',
  'cash.rule.passbook-line-not-printed': 'Rien n’est encore imprimé à cette ligne du livret.',
  'cash.rule.no-passbook': 'Ce compte n’a pas de livret à ce guichet.',
  'cash.rule.no-passbook-printer': 'Pas d’imprimante de livrets à ce guichet.',
  'ops.kind.savings-passbook-replaced': 'livret perdu remplacé',
  'action.savings.passbook.reprint': 'livret réimprimé',
  'action.savings.passbook.lostPresented': 'livret perdu présenté',
  'action.savings.passbook.cursorKept': 'livret bloqué pendant l’impression',
} as const;

export type SavingsPassbookCatalog = Record<keyof typeof savingsPassbookFr, string>;
