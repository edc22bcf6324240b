// Money order numbers: a 10-digit serial from a range head office allocated to the issuing branch,
// then two check digits of ISO 7064 MOD 97-10 (the savings scheme, `mod97.ts`): serial 12345 →
// 000001234520, printed `0000 0123 4520`.
//
// Why a check digit at all: the payee reads the number from a receipt or over the phone and the
// clerk types it; a typo must be refused at the counter, never looked up at head office (where it
// could be a real order of someone else). MOD 97-10 catches every single-digit error and every swap
// of two adjacent digits.

import { z } from 'zod';
import { mod97CheckDigits } from './mod97';

/** Serials run from 1 to this (ten digits); 0 is never issued. */
export const MONEY_ORDER_SERIAL_MAX = 9_999_999_999;
const PATTERN = /^(\d{10})(\d{2})$/;

export type MoneyOrderNumberProblem = 'format' | 'check-digits';
export type MoneyOrderNumberCheck =
  | { ok: true; number: string; serial: number }
  | { ok: false; problem: MoneyOrderNumberProblem; expectedCheckDigits?: string };

const isSerial = (serial: number): boolean => Number.isSafeInteger(serial) && serial >= 1 && serial <= MONEY_ORDER_SERIAL_MAX;

const serialDigits = (serial: number): string => {
  if (!isSerial(serial)) throw new Error(`money order serial out of range: ${serial}`);
  return String(serial).padStart(10, '0');
};

/** 98 − (serial × 100 mod 97), two digits: the whole number is then ≡ 1 (mod 97). */
export const moneyOrderCheckDigits = (serial: number): string => mod97CheckDigits(serialDigits(serial));

/** The order number for a serial the branch was allocated. */
export const makeMoneyOrderNumber = (serial: number): string => `${serialDigits(serial)}${moneyOrderCheckDigits(serial)}`;

/** Spaces and dashes as typed or printed are forgiven; a wrong digit is not. */
export const normalizeMoneyOrderNumber = (input: string): string => input.replace(/[\s-]/g, '');

export function checkMoneyOrderNumber(input: string): MoneyOrderNumberCheck {
  const compact = normalizeMoneyOrderNumber(input);
  const match = PATTERN.exec(compact);
  if (!match) return { ok: false, problem: 'format' };
  const serial = Number(match[1]);
  if (serial < 1) return { ok: false, problem: 'format' };
  const expected = moneyOrderCheckDigits(serial);
  if (expected !== match[2]) return { ok: false, problem: 'check-digits', expectedCheckDigits: expected };
  return { ok: true, number: compact, serial };
}

/** 1234 5678 9012: how the number is printed on the voucher and the sender's receipt. */
export const spacedMoneyOrderNumber = (number: string): string => `${number.slice(0, 4)} ${number.slice(4, 8)} ${number.slice(8)}`;

/**
 * A range of serials head office allocated to one branch (reference item kind `money-order-range`,
 * body `{ first_serial, last_serial }`): both ends inside 1 … MONEY_ORDER_SERIAL_MAX, first ≤ last.
 */
export const moneyOrderRangeSchema = z
  .object({
    first_serial: z.number().int().refine(isSerial, 'first_serial out of range'),
    last_serial: z.number().int().refine(isSerial, 'last_serial out of range'),
  })
  .refine((range) => range.first_serial <= range.last_serial, 'first_serial after last_serial');
export type MoneyOrderRange = z.infer<typeof moneyOrderRangeSchema>;
