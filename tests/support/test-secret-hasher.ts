import { SecretHasher, type ScryptCost } from '../../electron/services/auth/secret-hash';

/**
 * scrypt at a cost tests can afford (16 KiB instead of 32 MiB per check): the
 * demo PINs are hashed and checked through exactly the same code, the stored
 * hash records this cost, and production keeps N=2^15, r=8 (proven in
 * tests/unit/secret-hash.test.ts). Not a security setting: tests only.
 */
export const TEST_SECRET_HASH_COST: Readonly<ScryptCost> = Object.freeze({ N: 2 ** 4, r: 8, p: 1 });

/** A fresh hasher per counter, so a test can count the checks its counter ran. */
export const testSecretHasher = (): SecretHasher => new SecretHasher(TEST_SECRET_HASH_COST);
