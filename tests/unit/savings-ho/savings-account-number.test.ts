import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSavingsAccountNumber, makeSavingsAccountNumber, savingsCheckDigits, spacedSavingsAccountNumber } from '@shared/savings-account-number';

describe('savings account numbers (ISO 7064 MOD 97-10)', () => {
  it('computes the check digits of a known serial', () => {
    // 000012345 00 → 1234500 mod 97 = 78 → 98 − 78 = 20.
    expect(savingsCheckDigits(12_345)).toBe('20');
    expect(makeSavingsAccountNumber(12_345)).toBe('00001234520');
    expect(BigInt(makeSavingsAccountNumber(12_345)) % 97n).toBe(1n);
    expect(makeSavingsAccountNumber(1)).toBe('00000000195');
  });

  it('reads back what it makes, forgiving spaces, and refuses what is not a number', () => {
    expect(checkSavingsAccountNumber(' 000 012 345 20 ')).toEqual({ ok: true, accountNumber: '00001234520', serial: 12_345 });
    expect(spacedSavingsAccountNumber('00001234520')).toBe('000 012 345 20');
    expect(checkSavingsAccountNumber('0000123452')).toEqual({ ok: false, problem: 'format' });
    expect(checkSavingsAccountNumber('00000000000')).toEqual({ ok: false, problem: 'format' });
    expect(checkSavingsAccountNumber('00001234521')).toEqual({ ok: false, problem: 'check-digits', expectedCheckDigits: '20' });
    expect(() => makeSavingsAccountNumber(0)).toThrow(/out of range/);
    expect(() => makeSavingsAccountNumber(1_000_000_000)).toThrow(/out of range/);
  });

  const serial = fc.integer({ min: 1, max: 999_999_999 });

  it('catches every single-digit error', () => {
    fc.assert(
      fc.property(serial, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 9 }), (s, position, delta) => {
        const number = makeSavingsAccountNumber(s);
        const digit = (Number(number[position]) + delta) % 10;
        const typo = number.slice(0, position) + digit + number.slice(position + 1);
        expect(checkSavingsAccountNumber(typo).ok).toBe(false);
      }),
    );
  });

  it('catches every swap of two different adjacent digits (Luhn misses 09 ↔ 90)', () => {
    fc.assert(
      fc.property(serial, fc.integer({ min: 0, max: 9 }), (s, position) => {
        const number = makeSavingsAccountNumber(s);
        fc.pre(number[position] !== number[position + 1]);
        const swapped = number.slice(0, position) + number[position + 1] + number[position] + number.slice(position + 2);
        expect(checkSavingsAccountNumber(swapped).ok).toBe(false);
      }),
    );
  });
});
