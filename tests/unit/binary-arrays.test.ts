import { describe, expect, it } from 'vitest';
import { binaryArray } from '../../electron/services/headoffice/binary-arrays';

// The layout PostgreSQL's array_recv reads; tests/integration/headoffice/push-checks.test.ts
// proves the values themselves arrive byte for byte.
describe('binary arrays for the push', () => {
  it('writes one dimension from 1, the element type, a null flag, and each value length-first', () => {
    const buffer = binaryArray('text', ['é', null]);
    expect([...Array(5)].map((_, i) => buffer.readInt32BE(i * 4))).toEqual([1, 1, 25, 2, 1]);
    expect(buffer.readInt32BE(20)).toBe(2); // 'é' is two UTF-8 bytes
    expect(buffer.subarray(24, 26).toString('utf8')).toBe('é');
    expect(buffer.readInt32BE(26)).toBe(-1);
    expect(buffer.length).toBe(30);
  });

  it('writes bigint and integer elements at their width', () => {
    const big = binaryArray('bigint', [2 ** 40 + 3]);
    expect([big.readUInt32BE(8), big.readInt32BE(20), big.readBigInt64BE(24)]).toEqual([20, 8, 2n ** 40n + 3n]);
    const small = binaryArray('integer', [-2]);
    expect([small.readUInt32BE(8), small.readInt32BE(20), small.readInt32BE(24)]).toEqual([23, 4, -2]);
  });

  it('writes a UUID as its 16 bytes, and refuses any other spelling (it would not print back the same)', () => {
    const buffer = binaryArray('uuid', ['0190a3c4-1b2c-7d3e-8f40-123456789abc']);
    expect([buffer.readUInt32BE(8), buffer.readInt32BE(20)]).toEqual([2950, 16]);
    expect(buffer.subarray(24).toString('hex')).toBe('0190a3c41b2c7d3e8f40123456789abc');
    expect(() => binaryArray('uuid', ['0190A3C4-1B2C-7D3E-8F40-123456789ABC'])).toThrow(/UUID/);
    expect(() => binaryArray('uuid', ['0190a3c41b2c7d3e8f40123456789abc'])).toThrow(/UUID/);
  });

  it('sends an empty list without dimensions, as PostgreSQL does', () => {
    expect([...binaryArray('bigint', [])]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 20]);
  });

  it('refuses a fraction or an integer out of range instead of rounding it', () => {
    expect(() => binaryArray('bigint', [1.5])).toThrow(/integer/);
    expect(() => binaryArray('integer', [2 ** 31])).toThrow(/integer/);
    expect(() => binaryArray('text', [{}])).toThrow(/text/);
  });
});
