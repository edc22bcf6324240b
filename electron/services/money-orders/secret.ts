import { randomBytes, randomInt, scrypt } from 'node:crypto';

/**
 * The order's secret (MONEY-ORDERS-SPEC.md, "Secret"): 8 random digits printed on the sender's
 * receipt only; head office keeps `scrypt(secret, salt)`. The same derivation makes the paying
 * branch's proof from what the payee typed, with the salt head office's lookup gives. scrypt with
 * N = 16384 makes each guess cost ~16 MB and tens of milliseconds, and head office refuses after 5
 * wrong proofs: 10^8 secrets cannot be walked through.
 */
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

/** 8 digits, leading zeros kept: every one of the 10^8 is as likely. */
export const makeSecret = (): string => String(randomInt(0, 100_000_000)).padStart(8, '0');

export const makeSalt = (): string => randomBytes(16).toString('hex');

/**
 * hex(scrypt(secret, salt, 32)): the hash kept at issue, and the proof sent to pay. The salt goes in
 * as its hex text, as head office's staff tools and tests derive it too (one derivation everywhere).
 */
export function secretHash(secret: string, salt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, 32, SCRYPT, (error, key) => (error ? reject(error) : resolve(key.toString('hex'))));
  });
}
