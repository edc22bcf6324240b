import { z } from 'zod';
import { EVERY_PARTY_FIELD, MAIL_PARTY_FIELDS } from '../mail-item-rules';

// A tariff as head office publishes it (and as the SAMPLE in resources/ is written): every
// price, limit and rule is data, so a new tariff never needs a new build.

const Label = z.object({ fr: z.string(), en: z.string(), ar: z.string() });
const Country = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2');
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Minor = z.number().int().nonnegative();

export const TariffZone = z.object({ code: z.string().min(1), name: Label, countries: z.array(Country) });

/** Declared-value insurance: a premium per started step of value, with a minimum and a ceiling. */
export const InsuranceRule = z.object({
  stepValueMinor: z.number().int().positive(),
  premiumPerStepMinor: Minor,
  minimumPremiumMinor: Minor,
  maxDeclaredValueMinor: z.number().int().positive(),
});

/** Fixed amount or basis points of the postage; optional ones are chosen at the window (avis de réception…). */
export const Surcharge = z.object({
  code: z.string().min(1),
  name: Label,
  fixedMinor: Minor.optional(),
  basisPoints: z.number().int().nonnegative().optional(),
  optional: z.boolean(),
});

export const TariffService = z.object({
  code: z.string().min(1),
  name: Label,
  /** S10 service indicator of tracked items (RR, CP, EE…); null for untracked letters. */
  s10Indicator: z.string().regex(/^[A-Z]{2}$/).nullable(),
  maxWeightGrams: z.number().int().positive(),
  /** Longest side, and length + girth (2×(w+h)) as UPU limits parcels. */
  maxLengthMm: z.number().int().positive(),
  maxLengthPlusGirthMm: z.number().int().positive().nullable(),
  /** Priced on the greater of actual and volumetric weight. */
  volumetric: z.boolean(),
  insurance: InsuranceRule.nullable(),
  /** Insured service: the declared value is mandatory. */
  declaredValueRequired: z.boolean(),
  surcharges: z.array(Surcharge),
  /** Label lines the clerk must fill (an ordinary letter: none); a tariff without the list requires them all. */
  requiredFields: z.array(z.enum(MAIL_PARTY_FIELDS)).default([...EVERY_PARTY_FIELD]),
});

/** One row of the price grid: items up to and including `upToGrams` pay `priceMinor`. */
export const TariffBand = z.object({
  service: z.string(),
  zone: z.string(),
  upToGrams: z.number().int().positive(),
  priceMinor: Minor,
});

export const TariffDocument = z.object({
  sample: z.boolean().optional(),
  note: z.string().optional(),
  version: z.string().min(1),
  effectiveFrom: Day,
  /** Last day in force; null: until a newer version takes over. */
  effectiveUntil: Day.nullable(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  /** Amounts the tariff computes (insurance, percentages) are rounded to this step of minor units. */
  rounding: z.object({ stepMinor: z.number().int().positive(), mode: z.enum(['up', 'nearest', 'down']) }),
  homeCountry: Country,
  domesticZone: z.string(),
  /** cm³ per kg: volumetric grams = length × width × height in mm ÷ divisor. */
  volumetricDivisor: z.number().int().positive(),
  zones: z.array(TariffZone),
  services: z.array(TariffService),
  bands: z.array(TariffBand),
  customs: z.object({
    /** Declared value above which CN23 replaces CN22 (300 SDR converted by head office). */
    cn22MaxValueMinor: z.number().int().positive(),
  }),
});
export type TariffDocument = z.infer<typeof TariffDocument>;
export type TariffService = z.infer<typeof TariffService>;
export type TariffZone = z.infer<typeof TariffZone>;
export type InsuranceRule = z.infer<typeof InsuranceRule>;
export type Surcharge = z.infer<typeof Surcharge>;
