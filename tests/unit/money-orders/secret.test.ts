import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeSalt, makeSecret, secretHash } from '../../../electron/services/money-orders/secret';

describe('money order secret', () => {
  it('is 8 digits, leading zeros kept, and the salt 16 bytes in hex', () => {
    for (let i = 0; i < 200; i += 1) expect(makeSecret()).toMatch(/^\d{8}$/);
    expect(makeSalt()).toMatch(/^[0-9a-f]{32}$/);
  });

  it('hashes as the spec says: scrypt of the digits with the salt as its hex text, N=16384 r=8 p=1, 32 bytes in hex', async () => {
    const salt = '00112233445566778899aabbccddeeff';
    const expected = scryptSync('01234567', salt, 32, { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }).toString('hex');
    expect(await secretHash('01234567', salt)).toBe(expected);
    // The proof a paying branch sends is the same derivation: it matches only the right secret and salt.
    expect(await secretHash('01234568', salt)).not.toBe(expected);
    expect(await secretHash('01234567', 'ff112233445566778899aabbccddeeff')).not.toBe(expected);
  });
});
