import type { InsuranceRule } from './tariff-document';

/** Premium per started step of declared value, never below the minimum. */
export function insurancePremium(rule: InsuranceRule, declaredValueMinor: number): number {
  if (declaredValueMinor <= 0) return 0;
  const steps = Math.ceil(declaredValueMinor / rule.stepValueMinor);
  return Math.max(rule.minimumPremiumMinor, steps * rule.premiumPerStepMinor);
}
