import type { MoneyOrdersRulesCatalog } from './fr';

export const moneyOrdersRulesAr: MoneyOrdersRulesCatalog = {
  'field.purpose': 'الغرض',
};
