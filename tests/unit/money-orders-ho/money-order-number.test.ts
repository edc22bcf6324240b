import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mod97, mod97CheckDigits, mod97Valid } from '@shared/mod97';
import {
  MONEY_ORDER_SERIAL_MAX,
  checkMoneyOrderNumber,
  makeMoneyOrderNumber,
  moneyOrderCheckDigits,
  moneyOrderRangeSchema,
  normalizeMoneyOrderNumber,
  spacedMoneyOrderNumber,
} from '@shared/money-order-number';

describe('ISO 7064 MOD 97-10 (shared/mod97)', () => {
  it('agrees with BigInt arithmetic on long numbers, and validates an IBAN body', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,40}$/), (digits) => {
        expect(mod97(digits)).toBe(Number(BigInt(digits) % 97n));
        expect(BigInt(`${digits}${mod97CheckDigits(digits)}`) % 97n).toBe(1n);
      }),
    );
    // GB82 WEST 1234 5698 7654 32, rearranged and letters as numbers (the IBAN rule): ≡ 1.
    expect(mod97Valid('3214282912345698765432161182')).toBe(true);
    expect(mod97Valid('3214282912345698765432161183')).toBe(false);
    expect(mod97Valid('12a')).toBe(false);
    expect(() => mod97('')).toThrow(/decimal digits/);
  });
});

describe('money order numbers', () => {
  it('computes the check digits of a known serial', () => {
    // 0000012345 00 → 1234500 mod 97 = 78 → 98 − 78 = 20 (the same as the savings number of 12345).
    expect(moneyOrderCheckDigits(12_345)).toBe('20');
    expect(makeMoneyOrderNumber(12_345)).toBe('000001234520');
    expect(makeMoneyOrderNumber(1)).toBe('000000000195');
    expect(makeMoneyOrderNumber(MONEY_ORDER_SERIAL_MAX)).toHaveLength(12);
    expect(BigInt(makeMoneyOrderNumber(MONEY_ORDER_SERIAL_MAX)) % 97n).toBe(1n);
  });

  it('reads back what it makes, forgiving spaces and dashes, and refuses what is not a number', () => {
    expect(checkMoneyOrderNumber(' 0000 0123 4520 ')).toEqual({ ok: true, number: '000001234520', serial: 12_345 });
    expect(checkMoneyOrderNumber('0000-0123-4520')).toEqual({ ok: true, number: '000001234520', serial: 12_345 });
    expect(normalizeMoneyOrderNumber('0000 0123-4520')).toBe('000001234520');
    expect(spacedMoneyOrderNumber('123456789012')).toBe('1234 5678 9012');
    expect(checkMoneyOrderNumber('00000123452')).toEqual({ ok: false, problem: 'format' });
    expect(checkMoneyOrderNumber('0000012345200')).toEqual({ ok: false, problem: 'format' });
    expect(checkMoneyOrderNumber('000000000000')).toEqual({ ok: false, problem: 'format' });
    expect(checkMoneyOrderNumber('00000123452O')).toEqual({ ok: false, problem: 'format' });
    expect(checkMoneyOrderNumber('000001234521')).toEqual({ ok: false, problem: 'check-digits', expectedCheckDigits: '20' });
    // A savings account number (11 digits) is not a money order number.
    expect(checkMoneyOrderNumber('00001234520').ok).toBe(false);
  });

  it('refuses serials outside 1 … 9 999 999 999', () => {
    expect(() => makeMoneyOrderNumber(0)).toThrow(/out of range/);
    expect(() => makeMoneyOrderNumber(MONEY_ORDER_SERIAL_MAX + 1)).toThrow(/out of range/);
    expect(() => makeMoneyOrderNumber(1.5)).toThrow(/out of range/);
    expect(() => makeMoneyOrderNumber(-3)).toThrow(/out of range/);
  });

  const serial = fc.integer({ min: 1, max: MONEY_ORDER_SERIAL_MAX });

  it('catches every single-digit error', () => {
    fc.assert(
      fc.property(serial, fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 9 }), (s, position, delta) => {
        const number = makeMoneyOrderNumber(s);
        const digit = (Number(number[position]) + delta) % 10;
        const typo = number.slice(0, position) + digit + number.slice(position + 1);
        expect(checkMoneyOrderNumber(typo).ok).toBe(false);
      }),
    );
  });

  it('catches every swap of two different adjacent digits', () => {
    fc.assert(
      fc.property(serial, fc.integer({ min: 0, max: 10 }), (s, position) => {
        const number = makeMoneyOrderNumber(s);
        fc.pre(number[position] !== number[position + 1]);
        const swapped = number.slice(0, position) + number[position + 1] + number[position] + number.slice(position + 2);
        expect(checkMoneyOrderNumber(swapped).ok).toBe(false);
      }),
    );
  });

  it('checks every single-digit error and adjacent swap exhaustively on a few fixed serials', () => {
    for (const s of [1, 12_345, 9_090_909_090, MONEY_ORDER_SERIAL_MAX]) {
      const number = makeMoneyOrderNumber(s);
      for (let position = 0; position < 12; position += 1) {
        for (let digit = 0; digit < 10; digit += 1) {
          if (String(digit) === number[position]) continue;
          expect(checkMoneyOrderNumber(number.slice(0, position) + digit + number.slice(position + 1)).ok).toBe(false);
        }
        if (position < 11 && number[position] !== number[position + 1]) {
          expect(checkMoneyOrderNumber(number.slice(0, position) + number[position + 1] + number[position] + number.slice(position + 2)).ok).toBe(false);
        }
      }
    }
  });
});

describe('money order ranges (reference item `money-order-range`)', () => {
  it('accepts a range inside the serials, first ≤ last', () => {
    expect(moneyOrderRangeSchema.parse({ first_serial: 1, last_serial: 1 })).toEqual({ first_serial: 1, last_serial: 1 });
    expect(moneyOrderRangeSchema.parse({ first_serial: 1_000_001, last_serial: MONEY_ORDER_SERIAL_MAX }).last_serial).toBe(MONEY_ORDER_SERIAL_MAX);
  });

  it('refuses an empty, reversed or out-of-range range', () => {
    expect(moneyOrderRangeSchema.safeParse({ first_serial: 0, last_serial: 10 }).success).toBe(false);
    expect(moneyOrderRangeSchema.safeParse({ first_serial: 10, last_serial: 9 }).success).toBe(false);
    expect(moneyOrderRangeSchema.safeParse({ first_serial: 1, last_serial: MONEY_ORDER_SERIAL_MAX + 1 }).success).toBe(false);
    expect(moneyOrderRangeSchema.safeParse({ first_serial: 1.5, last_serial: 3 }).success).toBe(false);
    expect(moneyOrderRangeSchema.safeParse({ first_serial: 1 }).success).toBe(false);
  });
});
