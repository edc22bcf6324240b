import { describe, expect, it } from 'vitest';
import { hashSecret, verifySecret } from '../../electron/services/auth/secret-hash';

// Each scrypt check costs 32 MiB and 0.1–1.3 s, more on a busy machine: a timeout far past
// vitest's default 5 s, so a loaded CI box never fails a correct hash.
describe('secret hashing (scrypt)', { timeout: 60_000 }, () => {
  it('verifies the right secret and refuses a wrong one', async () => {
    const stored = await hashSecret('1234');
    expect(await verifySecret('1234', stored)).toBe(true);
    expect(await verifySecret('1235', stored)).toBe(false);
  });

  it('salts: the same PIN never gives the same hash, and the PIN is not in it', async () => {
    const [a, b] = await Promise.all([hashSecret('1234'), hashSecret('1234')]);
    expect(a).not.toBe(b);
    expect(a).not.toContain('1234');
    expect(a.startsWith('scrypt$32768$8$1$')).toBe(true);
  });

  it('refuses a malformed stored hash instead of throwing', async () => {
    expect(await verifySecret('1234', 'plain:1234')).toBe(false);
    expect(await verifySecret('1234', 'scrypt$$$$')).toBe(false);
  });
});
