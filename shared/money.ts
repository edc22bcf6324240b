// Money is an integer count of minor units plus its ISO 4217 currency, everywhere:
// floats cannot hold 0.1 exactly and a till that drifts by one franc is a till someone
// gets blamed for. Parsing works on the typed characters, never through Number('12.5').

/** ISO 4217 minor-unit exponents of the currencies a branch may trade in. */
export const MINOR_UNIT_EXPONENTS: Readonly<Record<string, number>> = {
  DJF: 0,
  XAF: 0,
  XOF: 0,
  KMF: 0,
  GNF: 0,
  RWF: 0,
  JPY: 0,
  EUR: 2,
  USD: 2,
  GBP: 2,
  CHF: 2,
  MAD: 2,
  ETB: 2,
  KES: 2,
  CNY: 2,
  TND: 3,
  KWD: 3,
  BHD: 3,
};

export interface Money {
  /** Integer minor units (francs for DJF, cents for EUR). */
  minor: number;
  currency: string;
}

export function isKnownCurrency(currency: string): boolean {
  return Object.hasOwn(MINOR_UNIT_EXPONENTS, currency);
}

export function minorUnitExponent(currency: string): number {
  const exponent = MINOR_UNIT_EXPONENTS[currency];
  if (exponent === undefined) throw new Error(`unknown currency ${currency}`);
  return exponent;
}

export type AmountProblem = 'empty' | 'not-a-number' | 'too-many-decimals' | 'zero' | 'negative' | 'too-large' | 'unknown-currency';

export type ParsedAmount = { ok: true; money: Money } | { ok: false; problem: AmountProblem };

/**
 * Reads what a clerk typed ("1 500", "12,50", "12.5") into minor units. Spaces
 * (also the narrow no-break space French formatting uses) group thousands; a
 * comma or a point separates decimals. More decimals than the currency has is
 * refused, not rounded: "10.5" DJF is a typing mistake, not 10 or 11 francs.
 */
export function parseAmount(text: string, currency: string, options: { allowZero?: boolean } = {}): ParsedAmount {
  if (!isKnownCurrency(currency)) return { ok: false, problem: 'unknown-currency' };
  const exponent = minorUnitExponent(currency);
  const compact = text.replace(/[\s\u00a0\u202f']/g, '');
  if (compact === '') return { ok: false, problem: 'empty' };
  if (compact.startsWith('-')) return { ok: false, problem: 'negative' };
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(compact);
  if (!match) return { ok: false, problem: 'not-a-number' };
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) return { ok: false, problem: 'too-many-decimals' };
  const digits = (whole + fraction.padEnd(exponent, '0')).replace(/^0+(?=\d)/, '');
  if (digits.length > 15) return { ok: false, problem: 'too-large' };
  const minor = Number(digits);
  if (!Number.isSafeInteger(minor)) return { ok: false, problem: 'too-large' };
  if (minor === 0 && !options.allowZero) return { ok: false, problem: 'zero' };
  return { ok: true, money: { minor, currency } };
}

/** Why an integer amount cannot be booked, or null when it can. */
export function amountProblem(minor: number, ceiling?: number): AmountProblem | null {
  if (!Number.isSafeInteger(minor)) return 'not-a-number';
  if (minor === 0) return 'zero';
  if (minor < 0) return 'negative';
  if (ceiling !== undefined && minor > ceiling) return 'too-large';
  return null;
}

/**
 * Minor units as a plain decimal string ("1500", "12.50"), grouping thousands with
 * `group`. Locale-aware display belongs to the renderer; receipts and reports use this.
 */
export function formatMinor(minor: number, currency: string, group = ' '): string {
  const exponent = minorUnitExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = Math.abs(minor).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent).replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const fraction = exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : '';
  return `${sign}${whole}${fraction}`;
}

export const formatMoney = (money: Money, group = ' '): string => `${formatMinor(money.minor, money.currency, group)} ${money.currency}`;
