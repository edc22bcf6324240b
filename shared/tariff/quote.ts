import { insurancePremium } from './insurance';
import { roundToStep } from './rounding';
import type { TariffDocument } from './tariff-document';
import { bandFor, indexTariff } from './tariff-index';
import { measure, volumetricGrams, type Dimensions } from './volumetric';

export interface QuoteRequest {
  service: string;
  /** ISO country of destination; the branch's own country is the domestic zone. */
  destinationCountry: string;
  weightGrams: number;
  dimensions?: Dimensions | null;
  declaredValueMinor?: number | null;
  /** Optional surcharges chosen at the window (codes from the service). */
  options?: readonly string[];
}

export type QuoteRefusal =
  | 'unknown-service'
  | 'unserved-destination'
  | 'weight-not-positive'
  | 'overweight'
  | 'oversize'
  | 'declared-value-required'
  | 'insurance-not-offered'
  | 'declared-value-too-high'
  | 'unknown-option';

export interface Quote {
  ok: true;
  tariffVersion: string;
  currency: string;
  service: string;
  zone: string;
  actualGrams: number;
  volumetricGrams: number | null;
  /** What the price was read for: the greater of actual and volumetric weight where the service says so. */
  chargeableGrams: number;
  bandUpToGrams: number;
  postageMinor: number;
  insuranceMinor: number;
  surcharges: Array<{ code: string; amountMinor: number }>;
  totalMinor: number;
}

export interface QuoteRefused {
  ok: false;
  reason: QuoteRefusal;
  /** The limit that was crossed, for the clerk's message (max grams, max mm, zones served…). */
  limit?: number | string[];
}

export type QuoteResult = Quote | QuoteRefused;

const refuse = (reason: QuoteRefusal, limit?: number | string[]): QuoteRefused => (limit === undefined ? { ok: false, reason } : { ok: false, reason, limit });

/** Prices one item. Pure: the same tariff and request always give the same answer. */
export function quoteItem(tariff: TariffDocument, request: QuoteRequest): QuoteResult {
  const index = indexTariff(tariff);
  const service = index.service(request.service);
  if (!service) return refuse('unknown-service');
  const zone = index.zoneOf(request.destinationCountry);
  const grid = zone === undefined ? undefined : index.grid(service.code, zone);
  if (zone === undefined || !grid) return refuse('unserved-destination', index.zonesServed(service.code));
  if (!Number.isSafeInteger(request.weightGrams) || request.weightGrams <= 0) return refuse('weight-not-positive');
  if (request.weightGrams > service.maxWeightGrams) return refuse('overweight', service.maxWeightGrams);

  let volumetric: number | null = null;
  if (request.dimensions) {
    const size = measure(request.dimensions);
    if (size.longestMm > service.maxLengthMm) return refuse('oversize', service.maxLengthMm);
    if (service.maxLengthPlusGirthMm !== null && size.lengthPlusGirthMm > service.maxLengthPlusGirthMm) {
      return refuse('oversize', service.maxLengthPlusGirthMm);
    }
    if (service.volumetric) volumetric = volumetricGrams(request.dimensions, tariff.volumetricDivisor);
  }
  const chargeable = Math.max(request.weightGrams, volumetric ?? 0);
  const band = bandFor(grid, chargeable);
  // Volumetric weight may pass the last band although the scale did not: still too big to carry.
  if (band < 0) return refuse('overweight', grid.upTo[grid.upTo.length - 1]!);

  const declared = request.declaredValueMinor ?? 0;
  if (service.declaredValueRequired && declared <= 0) return refuse('declared-value-required');
  if (declared > 0 && !service.insurance) return refuse('insurance-not-offered');
  if (service.insurance && declared > service.insurance.maxDeclaredValueMinor) return refuse('declared-value-too-high', service.insurance.maxDeclaredValueMinor);

  const round = (amount: number) => roundToStep(amount, tariff.rounding.stepMinor, tariff.rounding.mode);
  const postage = grid.price[band]!;
  const insurance = service.insurance && declared > 0 ? round(insurancePremium(service.insurance, declared)) : 0;
  const chosen = new Set(request.options ?? []);
  for (const option of chosen) {
    if (!service.surcharges.some((s) => s.optional && s.code === option)) return refuse('unknown-option');
  }
  const surcharges = service.surcharges
    .filter((s) => !s.optional || chosen.has(s.code))
    .map((s) => ({ code: s.code, amountMinor: round((s.fixedMinor ?? 0) + ((s.basisPoints ?? 0) * postage) / 10_000) }));
  const total = postage + insurance + surcharges.reduce((sum, s) => sum + s.amountMinor, 0);
  return {
    ok: true,
    tariffVersion: tariff.version,
    currency: tariff.currency,
    service: service.code,
    zone,
    actualGrams: request.weightGrams,
    volumetricGrams: volumetric,
    chargeableGrams: chargeable,
    bandUpToGrams: grid.upTo[band]!,
    postageMinor: postage,
    insuranceMinor: insurance,
    surcharges,
    totalMinor: total,
  };
}
