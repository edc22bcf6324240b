export interface Dimensions {
  lengthMm: number;
  widthMm: number;
  heightMm: number;
}

/**
 * Volumetric weight in grams: L×W×H in cm³ ÷ divisor gives kg, which in millimetres and
 * grams is simply L×W×H (mm³) ÷ divisor. Rounded up: a started gram counts.
 */
export const volumetricGrams = (d: Dimensions, divisor: number): number => Math.ceil((d.lengthMm * d.widthMm * d.heightMm) / divisor);

/** Longest side and length + girth, the two limits a parcel service sets. */
export function measure(d: Dimensions): { longestMm: number; lengthPlusGirthMm: number } {
  const [longest, a, b] = [d.lengthMm, d.widthMm, d.heightMm].sort((x, y) => y - x) as [number, number, number];
  return { longestMm: longest, lengthPlusGirthMm: longest + 2 * (a + b) };
}
