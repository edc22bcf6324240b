import { describe, expect, it } from 'vitest';
import { amountProblem, formatMinor, minorUnitExponent, parseAmount } from '@shared/money';

describe('money', () => {
  it('knows the minor units of the branch currencies', () => {
    expect(minorUnitExponent('DJF')).toBe(0);
    expect(minorUnitExponent('XAF')).toBe(0);
    expect(minorUnitExponent('EUR')).toBe(2);
    expect(minorUnitExponent('USD')).toBe(2);
    expect(() => minorUnitExponent('ZZZ')).toThrow();
  });

  it('parses what a clerk types into integer minor units, without floats', () => {
    expect(parseAmount('1 500', 'DJF')).toEqual({ ok: true, money: { minor: 1500, currency: 'DJF' } });
    expect(parseAmount('12,50', 'EUR')).toEqual({ ok: true, money: { minor: 1250, currency: 'EUR' } });
    expect(parseAmount('0.1', 'EUR')).toEqual({ ok: true, money: { minor: 10, currency: 'EUR' } });
    expect(parseAmount('0.29', 'USD')).toEqual({ ok: true, money: { minor: 29, currency: 'USD' } });
    expect(parseAmount('10\u202f000', 'XAF')).toEqual({ ok: true, money: { minor: 10000, currency: 'XAF' } });
  });

  it('refuses wrong precision instead of rounding', () => {
    expect(parseAmount('10.5', 'DJF')).toEqual({ ok: false, problem: 'too-many-decimals' });
    expect(parseAmount('1.005', 'EUR')).toEqual({ ok: false, problem: 'too-many-decimals' });
  });

  it('refuses zero, negative, garbage, empty and huge amounts with a reason', () => {
    expect(parseAmount('0', 'DJF')).toEqual({ ok: false, problem: 'zero' });
    expect(parseAmount('0', 'DJF', { allowZero: true })).toEqual({ ok: true, money: { minor: 0, currency: 'DJF' } });
    expect(parseAmount('-5', 'DJF')).toEqual({ ok: false, problem: 'negative' });
    expect(parseAmount('1e3', 'DJF')).toEqual({ ok: false, problem: 'not-a-number' });
    expect(parseAmount('  ', 'DJF')).toEqual({ ok: false, problem: 'empty' });
    expect(parseAmount('99999999999999999', 'DJF')).toEqual({ ok: false, problem: 'too-large' });
    expect(parseAmount('5', 'ZZZ')).toEqual({ ok: false, problem: 'unknown-currency' });
  });

  it('judges integer amounts against the ceiling', () => {
    expect(amountProblem(100, 1000)).toBeNull();
    expect(amountProblem(0)).toBe('zero');
    expect(amountProblem(-1)).toBe('negative');
    expect(amountProblem(1001, 1000)).toBe('too-large');
    expect(amountProblem(1.5)).toBe('not-a-number');
  });

  it('formats minor units back', () => {
    expect(formatMinor(1234567, 'DJF')).toBe('1 234 567');
    expect(formatMinor(1250, 'EUR')).toBe('12.50');
    expect(formatMinor(5, 'EUR')).toBe('0.05');
    expect(formatMinor(-300, 'DJF')).toBe('-300');
  });
});
