// Postal savings account numbers: a 9-digit serial from a range head office allocated to the
// opening branch, then two check digits of ISO 7064 MOD 97-10 (the IBAN scheme): serial 12345 → 00001234520.
//
// Why MOD 97-10 and not Luhn: clerks type these numbers from passbooks and customers read them
// over the phone. Luhn misses the 09 ↔ 90 transposition and twin errors (22 ↔ 55); MOD 97-10
// catches every single-digit error and every adjacent transposition, and ~99 % of the rest, for one
// more digit. It is also what banks already print (IBAN), and head office checks it in one line of
// SQL (`number::numeric % 97 = 1`). The arithmetic lives in `mod97.ts`, shared with money orders.

import { mod97CheckDigits } from './mod97';

/** Serials run from 1 to this (nine digits); 0 is never issued. */
export const SAVINGS_SERIAL_MAX = 999_999_999;
const PATTERN = /^(\d{9})(\d{2})$/;

export type SavingsNumberProblem = 'format' | 'check-digits';
export type SavingsNumberCheck =
  | { ok: true; accountNumber: string; serial: number }
  | { ok: false; problem: SavingsNumberProblem; expectedCheckDigits?: string };

const serialDigits = (serial: number): string => {
  if (!Number.isSafeInteger(serial) || serial < 1 || serial > SAVINGS_SERIAL_MAX) throw new Error(`savings serial out of range: ${serial}`);
  return String(serial).padStart(9, '0');
};

/** 98 − (serial × 100 mod 97), two digits: the whole number is then ≡ 1 (mod 97). */
export const savingsCheckDigits = (serial: number): string => mod97CheckDigits(serialDigits(serial));

/** The account number for a serial the branch was allocated. */
export const makeSavingsAccountNumber = (serial: number): string => `${serialDigits(serial)}${savingsCheckDigits(serial)}`;

/** Spaces and dashes as typed or printed are forgiven; a wrong digit is not. */
export const normalizeSavingsAccountNumber = (input: string): string => input.replace(/[\s-]/g, '');

export function checkSavingsAccountNumber(input: string): SavingsNumberCheck {
  const compact = normalizeSavingsAccountNumber(input);
  const match = PATTERN.exec(compact);
  if (!match) return { ok: false, problem: 'format' };
  const serial = Number(match[1]);
  if (serial < 1) return { ok: false, problem: 'format' };
  const expected = savingsCheckDigits(serial);
  if (expected !== match[2]) return { ok: false, problem: 'check-digits', expectedCheckDigits: expected };
  return { ok: true, accountNumber: compact, serial };
}

/** 000 012 345 47: how the number is printed on a passbook and read out. */
export const spacedSavingsAccountNumber = (accountNumber: string): string =>
  `${accountNumber.slice(0, 3)} ${accountNumber.slice(3, 6)} ${accountNumber.slice(6, 9)} ${accountNumber.slice(9)}`;
