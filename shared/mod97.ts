// ISO 7064 MOD 97-10, the check-digit scheme of IBANs, used for every number a clerk types from
// paper and head office checks in SQL (`number::numeric % 97 = 1`): savings accounts and money
// orders. One home so both numbers are checked by the same arithmetic.
//
// It catches every single-digit error and every swap of two adjacent digits, and about 99 % of
// the rest, for two digits appended to the serial.

const DIGITS = /^\d+$/;

/** The remainder mod 97 of a decimal string of any length, read a few digits at a time so no step leaves safe integers. */
export function mod97(digits: string): number {
  if (!DIGITS.test(digits)) throw new Error(`mod97 wants decimal digits, got ${JSON.stringify(digits)}`);
  let remainder = 0;
  for (let start = 0; start < digits.length; start += 7) {
    const chunk = digits.slice(start, start + 7);
    remainder = Number(`${remainder}${chunk}`) % 97;
  }
  return remainder;
}

/** The two check digits to append to `digits`: 98 − (digits × 100 mod 97), so the whole is ≡ 1 (mod 97). */
export const mod97CheckDigits = (digits: string): string => String(98 - mod97(`${digits}00`)).padStart(2, '0');

/** Whether `digits` (serial followed by its two check digits) is ≡ 1 (mod 97). */
export const mod97Valid = (digits: string): boolean => DIGITS.test(digits) && mod97(digits) === 1;
