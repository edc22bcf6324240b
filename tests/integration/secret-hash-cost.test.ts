import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startCounter, type CounterFixture } from '../support/counter-fixture';
import { TEST_SECRET_HASH_COST } from '../support/test-secret-hasher';

/** The test cost is a fixture choice only: a counter configured by nobody hashes at production cost. */
describe('the cost PINs are hashed at', () => {
  let fixture: CounterFixture;
  afterEach(() => fixture.close());

  const storedHashes = () => {
    const sqlite = new Database(fixture.counter.databaseFile, { readonly: true });
    try {
      return (sqlite.prepare('SELECT secret_hash FROM users').all() as Array<{ secret_hash: string }>).map((row) => row.secret_hash);
    } finally {
      sqlite.close();
    }
  };

  it('is N=2^15, r=8 when createCounter is given no hasher', async () => {
    fixture = await startCounter({ secretHasher: undefined });
    const hashes = storedHashes();
    expect(hashes.length).toBeGreaterThan(0);
    expect(hashes.every((hash) => hash.startsWith('scrypt$32768$8$1$'))).toBe(true);
    expect(await fixture.signIn('amina', '1234')).toBeTypeOf('string');
  });

  it('is the cheap test cost in the test fixtures', async () => {
    fixture = await startCounter();
    expect(storedHashes().every((hash) => hash.startsWith(`scrypt$${TEST_SECRET_HASH_COST.N}$${TEST_SECRET_HASH_COST.r}$1$`))).toBe(true);
  });
});
