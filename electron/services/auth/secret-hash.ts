import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * PINs and passwords are stored as scrypt hashes: memory-hard, so a stolen
 * branch database cannot be brute-forced cheaply even for 4-digit PINs at
 * scale. Parameters travel in the stored string (`scrypt$N$r$p$salt$key`), so
 * a hash is always checked at the cost it was made with and the cost can be
 * raised later without making old hashes unverifiable.
 */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** N=2^15, r=8 → 32 MiB and 100 ms–1.3 s per check on a counter PC. */
export const PRODUCTION_SECRET_HASH_COST: Readonly<ScryptCost> = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });

// A stored hash naming a far higher cost is refused rather than computed: a
// tampered row must not make one sign-in allocate gigabytes.
const CEILING: ScryptCost = { N: 2 ** 20, r: 16, p: 4 };
const KEY_LENGTH = 32;

const derive = (secret: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFKC'), salt, KEY_LENGTH, { ...cost, maxmem: 128 * cost.N * cost.r * 2 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });

const parseCost = (n: string, r: string, p: string): ScryptCost | null => {
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const sane = Object.values(cost).every((value) => Number.isSafeInteger(value) && value > 0);
  if (!sane || cost.N > CEILING.N || cost.r > CEILING.r || cost.p > CEILING.p) return null;
  return cost;
};

/**
 * Makes and checks secret hashes at one cost. The counter holds one; tests
 * pass a cheap one (`createCounter({ secretHasher })`) and read how many
 * checks really ran, which is what the lockout promises to bound.
 */
export class SecretHasher {
  private verifications = 0;
  private running = 0;
  private peak = 0;

  constructor(readonly cost: Readonly<ScryptCost> = PRODUCTION_SECRET_HASH_COST) {}

  /** How many scrypt checks this hasher has started. */
  get checksStarted(): number {
    return this.verifications;
  }

  /** The most checks that ever ran at once: what the throttle bounds. */
  get mostAtOnce(): number {
    return this.peak;
  }

  async hash(secret: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await derive(secret, salt, this.cost);
    return ['scrypt', this.cost.N, this.cost.r, this.cost.p, salt.toString('base64'), key.toString('base64')].join('$');
  }

  /** Checks at the cost recorded in `stored`, whatever this hasher's own cost. */
  async verify(secret: string, stored: string): Promise<boolean> {
    const [scheme, n, r, p, salt, key] = stored.split('$');
    if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
    const cost = parseCost(n, r, p);
    if (!cost) return false;
    this.verifications += 1;
    this.running += 1;
    this.peak = Math.max(this.peak, this.running);
    try {
      const expected = Buffer.from(key, 'base64');
      const actual = await derive(secret, Buffer.from(salt, 'base64'), cost);
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    } finally {
      this.running -= 1;
    }
  }
}

const productionHasher = new SecretHasher();

export const hashSecret = (secret: string): Promise<string> => productionHasher.hash(secret);

export const verifySecret = (secret: string, stored: string): Promise<boolean> => productionHasher.verify(secret, stored);
