import type { MoneyOrdersRulesCatalog } from './fr';

export const moneyOrdersRulesEn: MoneyOrdersRulesCatalog = {
  'field.purpose': 'Purpose',
};
