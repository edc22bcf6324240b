// What a scale told us, in the counter's words. Only a `stable` reading may price an item.

export type ScaleStatus = 'stable' | 'unstable' | 'overweight' | 'under-zero' | 'not-ready';

/**
 * Why a reading is not usable, as a code: the window says it in the clerk's language
 * (the catalog's `weight.reason.*`); `detail` keeps the scale's own text for the technician.
 */
export type ScaleReason = 'no-reply' | 'no-weight' | 'lift-and-reweigh' | 'below-minimum' | 'out-of-range' | 'busy' | 'scale-error';

export interface ScaleReading {
  status: ScaleStatus;
  /** Weight in grams, rounded; null when the scale gave no usable number. */
  grams: number | null;
  /** Why the reading is not usable (scale error text, timeout…), for the clerk and the technician. */
  detail?: string;
  reason?: ScaleReason;
}

const GRAMS_PER_UNIT: Record<string, number> = { kg: 1000, g: 1, lb: 453.59237, oz: 28.349523125 };

/** Converts a number with its unit as the scale printed it; unknown units give null. */
export const toGrams = (value: number, unit: string): number | null => {
  const factor = GRAMS_PER_UNIT[unit.trim().toLowerCase()];
  return factor === undefined || !Number.isFinite(value) ? null : Math.round(value * factor);
};
