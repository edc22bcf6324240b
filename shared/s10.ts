// UPU S10 item identifiers: two-letter service indicator, 8-digit serial, check digit,
// ISO 3166-1 alpha-2 code of the issuing post (RR123456785DJ). A wrong check digit means a
// mistyped or misread number: refused at once, never looked up or booked.

const WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;
const S10_PATTERN = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/;
/** First letters UPU reserves: never issued by a post's own ranges. */
const RESERVED_FIRST_LETTERS = ['J', 'K', 'S', 'T', 'W'];

export type S10Problem = 'format' | 'check-digit' | 'reserved-indicator';

export type S10Check =
  | { ok: true; s10: string; serviceIndicator: string; serial: number; country: string }
  | { ok: false; problem: S10Problem; expectedCheckDigit?: number };

/** The check digit of an 8-digit serial: c = 11 − (Σ wᵢdᵢ mod 11); 10 → 0, 11 → 5. */
export function s10CheckDigit(serial: string | number): number {
  const digits = typeof serial === 'number' ? serialDigits(serial) : serial;
  if (!/^\d{8}$/.test(digits)) throw new Error(`an S10 serial has 8 digits: ${digits}`);
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += WEIGHTS[i]! * (digits.charCodeAt(i) - 48);
  const c = 11 - (sum % 11);
  if (c === 10) return 0;
  if (c === 11) return 5;
  return c;
}

const serialDigits = (serial: number): string => {
  if (!Number.isSafeInteger(serial) || serial < 0 || serial > 99_999_999) throw new Error(`S10 serial out of range: ${serial}`);
  return String(serial).padStart(8, '0');
};

export const isReservedIndicator = (indicator: string): boolean => RESERVED_FIRST_LETTERS.includes(indicator.charAt(0));

/** The full identifier for a serial the branch was allocated. */
export function makeS10(serviceIndicator: string, serial: number, country: string): string {
  if (!/^[A-Z]{2}$/.test(serviceIndicator) || isReservedIndicator(serviceIndicator)) throw new Error(`not a usable service indicator: ${serviceIndicator}`);
  if (!/^[A-Z]{2}$/.test(country)) throw new Error(`not an ISO country code: ${country}`);
  const digits = serialDigits(serial);
  return `${serviceIndicator}${digits}${s10CheckDigit(digits)}${country}`;
}

/** Reads what was scanned or typed: spaces and lower case are forgiven, a wrong digit is not. */
export function checkS10(input: string): S10Check {
  const compact = normalizeS10(input);
  const match = S10_PATTERN.exec(compact);
  if (!match) return { ok: false, problem: 'format' };
  const [, indicator, serial, check, country] = match as unknown as [string, string, string, string, string];
  const expected = s10CheckDigit(serial);
  if (expected !== Number(check)) return { ok: false, problem: 'check-digit', expectedCheckDigit: expected };
  if (isReservedIndicator(indicator)) return { ok: false, problem: 'reserved-indicator' };
  return { ok: true, s10: compact, serviceIndicator: indicator, serial: Number(serial), country };
}

export const normalizeS10 = (input: string): string => input.replace(/[\s-]/g, '').toUpperCase();

/** RR 123 456 785 DJ: how the number is read out and written on forms. */
export const spacedS10 = (s10: string): string =>
  `${s10.slice(0, 2)} ${s10.slice(2, 5)} ${s10.slice(5, 8)} ${s10.slice(8, 11)} ${s10.slice(11)}`;
