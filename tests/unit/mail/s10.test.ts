import { describe, expect, it } from 'vitest';
import { checkS10, makeS10, s10CheckDigit, spacedS10 } from '@shared/s10';

describe('S10 check digit', () => {
  it('matches published identifiers', () => {
    // UPU S10 example (DOMAIN.md) and the example of the S10 standard's public description.
    expect(s10CheckDigit('12345678')).toBe(5);
    expect(checkS10('RB123456785US')).toMatchObject({ ok: true, serviceIndicator: 'RB', serial: 12345678, country: 'US' });
    expect(checkS10('AA473124829GB')).toMatchObject({ ok: true, serial: 47312482 });
  });

  it('maps a remainder of 1 (c = 10) to 0 and of 0 (c = 11) to 5', () => {
    // 00000001 → S = 7, 7 mod 11 = 7 → 4; 00000010 → S = 9 → 2. Find serials by the rule, then check the mapping.
    // 00000050: S = 5×9 = 45, 45 mod 11 = 1 → c = 10 → 0.
    expect(s10CheckDigit('00000050')).toBe(0);
    // 00000000: S = 0 → c = 11 → 5.
    expect(s10CheckDigit('00000000')).toBe(5);
    expect(s10CheckDigit(0)).toBe(5);
    expect(makeS10('RR', 50, 'DJ')).toBe('RR000000500DJ');
  });

  it('refuses a wrong check digit and says which one was expected', () => {
    expect(checkS10('RB123456784US')).toEqual({ ok: false, problem: 'check-digit', expectedCheckDigit: 5 });
    expect(checkS10('RR000000505DJ')).toEqual({ ok: false, problem: 'check-digit', expectedCheckDigit: 0 });
  });

  it('refuses malformed and reserved identifiers; forgives spaces and lower case', () => {
    expect(checkS10('RB12345678US')).toMatchObject({ ok: false, problem: 'format' });
    expect(checkS10('R1123456785US')).toMatchObject({ ok: false, problem: 'format' });
    expect(checkS10('')).toMatchObject({ ok: false, problem: 'format' });
    expect(checkS10('JA123456785DJ')).toMatchObject({ ok: false, problem: 'reserved-indicator' });
    expect(checkS10('rb 123 456 785 us')).toMatchObject({ ok: true, s10: 'RB123456785US' });
    expect(() => makeS10('KA', 1, 'DJ')).toThrow(/service indicator/);
    expect(() => makeS10('RR', 100_000_000, 'DJ')).toThrow(/out of range/);
  });

  it('every identifier made from a serial validates', () => {
    for (const serial of [1, 9, 12345678, 99999999, 10000000, 4711]) expect(checkS10(makeS10('CP', serial, 'DJ')).ok).toBe(true);
    expect(spacedS10('RR123456785DJ')).toBe('RR 123 456 785 DJ');
  });
});
