import { ContractError, type CustomsInput } from '@shared/contract';
import { customsFormFor, customsValueOf, missingCustomsFields, type CustomsForm } from '@shared/customs';

export interface CheckedCustoms {
  form: CustomsForm;
  value: number;
  declaration: CustomsInput;
}

/** Missing mandatory fields of one item, as paths from the request root (items.0.customs.lines.1.hsCode). */
export function customsProblems(index: number, customs: CustomsInput | null | undefined): string[] {
  const prefix = `items.${index}.customs`;
  if (!customs) return [prefix];
  return missingCustomsFields(customs).map((path) => `${prefix}.${path}`);
}

export function checkedCustoms(customs: CustomsInput, cn22MaxValueMinor: number): CheckedCustoms {
  const value = customsValueOf(customs);
  return { form: customsFormFor(value, cn22MaxValueMinor), value, declaration: customs };
}

/** Every missing field of every item at once: the clerk fixes them in one go, not one per refusal. */
export const customsIncomplete = (missing: string[]): ContractError =>
  new ContractError('RULE_BROKEN', 'customs declaration incomplete: fill the fields shown', { rule: 'customs-incomplete', missing });
