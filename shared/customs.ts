// Customs declarations for international items (UPU CN22 / CN23). Which form applies and which
// fields are mandatory are decided here, in one place both the window and the service use: the
// clerk sees the missing fields before the customer leaves, and the service refuses the same ones.

export const CUSTOMS_CATEGORIES = ['gift', 'documents', 'commercial-sample', 'returned-goods', 'sale-of-goods', 'other'] as const;
export type CustomsCategory = (typeof CUSTOMS_CATEGORIES)[number];

/** Commercial items need the HS tariff number and the country of origin on every line. */
export const COMMERCIAL_CATEGORIES: readonly CustomsCategory[] = ['sale-of-goods', 'commercial-sample', 'returned-goods'];

export interface CustomsLineDraft {
  description?: string | null;
  quantity?: number | null;
  netWeightGrams?: number | null;
  valueMinor?: number | null;
  hsCode?: string | null;
  originCountry?: string | null;
}

export interface CustomsDraft {
  category?: CustomsCategory | null;
  /** Required when the category is `other`: what the contents are. */
  explanation?: string | null;
  lines: CustomsLineDraft[];
}

export type CustomsForm = 'CN22' | 'CN23';

/** CN22 up to the threshold (300 SDR in the branch currency, from configuration), CN23 above. */
export const customsFormFor = (declaredValueMinor: number, cn22MaxValueMinor: number): CustomsForm =>
  declaredValueMinor <= cn22MaxValueMinor ? 'CN22' : 'CN23';

export const customsValueOf = (draft: CustomsDraft): number =>
  draft.lines.reduce((sum, line) => sum + (line.valueMinor && line.valueMinor > 0 ? line.valueMinor : 0), 0);

const HS_CODE = /^\d{6,10}$/;
const COUNTRY = /^[A-Z]{2}$/;
const filled = (text: string | null | undefined): boolean => typeof text === 'string' && text.trim().length > 0;
const wholeAtLeast = (value: number | null | undefined, min: number): boolean => typeof value === 'number' && Number.isSafeInteger(value) && value >= min;

/** Paths of every missing or malformed mandatory field (`category`, `lines.0.hsCode`…); empty when complete. */
export function missingCustomsFields(draft: CustomsDraft): string[] {
  const missing: string[] = [];
  if (!draft.category) missing.push('category');
  if (draft.category === 'other' && !filled(draft.explanation)) missing.push('explanation');
  if (draft.lines.length === 0) missing.push('lines');
  const commercial = draft.category ? COMMERCIAL_CATEGORIES.includes(draft.category) : false;
  draft.lines.forEach((line, i) => {
    if (!filled(line.description)) missing.push(`lines.${i}.description`);
    if (!wholeAtLeast(line.quantity, 1)) missing.push(`lines.${i}.quantity`);
    if (!wholeAtLeast(line.netWeightGrams, 1)) missing.push(`lines.${i}.netWeightGrams`);
    if (!wholeAtLeast(line.valueMinor, 0)) missing.push(`lines.${i}.valueMinor`);
    if (commercial && !(typeof line.hsCode === 'string' && HS_CODE.test(line.hsCode))) missing.push(`lines.${i}.hsCode`);
    if (commercial && !(typeof line.originCountry === 'string' && COUNTRY.test(line.originCountry))) missing.push(`lines.${i}.originCountry`);
  });
  return missing;
}
