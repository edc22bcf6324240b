import type { TariffDocument } from './tariff-document';

/**
 * The version in force on a day (YYYY-MM-DD, the branch's local date): the latest
 * `effectiveFrom` not after the day whose `effectiveUntil` (if any) has not passed.
 */
export function tariffInForce(versions: readonly TariffDocument[], day: string): TariffDocument | null {
  let best: TariffDocument | null = null;
  for (const version of versions) {
    if (version.effectiveFrom > day) continue;
    if (version.effectiveUntil !== null && version.effectiveUntil < day) continue;
    if (!best || version.effectiveFrom > best.effectiveFrom) best = version;
  }
  return best;
}
