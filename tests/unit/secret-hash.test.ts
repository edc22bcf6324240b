import { describe, expect, it } from 'vitest';
import { hashSecret, PRODUCTION_SECRET_HASH_COST, SecretHasher, verifySecret } from '../../electron/services/auth/secret-hash';
import { TEST_SECRET_HASH_COST } from '../support/test-secret-hasher';

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

  it('production keeps N=2^15, r=8, p=1 unless a cost is given', () => {
    expect(PRODUCTION_SECRET_HASH_COST).toEqual({ N: 32768, r: 8, p: 1 });
    expect(new SecretHasher().cost).toEqual({ N: 32768, r: 8, p: 1 });
  });

  it('checks every hash at the cost it records: test-cost and production hashes verify with either hasher', async () => {
    const cheap = new SecretHasher(TEST_SECRET_HASH_COST);
    const production = new SecretHasher();
    const cheapHash = await cheap.hash('1234');
    expect(cheapHash.startsWith(`scrypt$${TEST_SECRET_HASH_COST.N}$${TEST_SECRET_HASH_COST.r}$1$`)).toBe(true);
    // An old hash, made at production cost before costs were configurable, stays verifiable.
    const productionHash = await hashSecret('5678');
    expect(await cheap.verify('5678', productionHash)).toBe(true);
    expect(await cheap.verify('5679', productionHash)).toBe(false);
    expect(await production.verify('1234', cheapHash)).toBe(true);
    expect(cheap.checksStarted).toBe(2);
    expect(production.checksStarted).toBe(1);
  });

  it('refuses, without computing it, a stored hash that names an absurd cost', async () => {
    const hasher = new SecretHasher(TEST_SECRET_HASH_COST);
    const [, , , , salt, key] = (await hasher.hash('1234')).split('$');
    expect(await hasher.verify('1234', `scrypt$${2 ** 30}$8$1$${salt}$${key}`)).toBe(false);
    expect(await hasher.verify('1234', `scrypt$16$8$-1$${salt}$${key}`)).toBe(false);
    expect(hasher.checksStarted).toBe(0);
  });
});
