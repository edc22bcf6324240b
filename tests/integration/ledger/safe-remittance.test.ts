// The safe at the supervisor's desk: a head-office remittance is received once (same slip number
// refused in words, by the service and by the ledger's UNIQUE reference), and a float the safe
// cannot cover says how much is there and how much is asked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuid7 } from '@shared/uuid7';
import { startCounter, type CounterFixture } from '../../support/counter-fixture';

const djf = (minor: number) => ({ minor, currency: 'DJF' });
let fixture: CounterFixture;
let hassan: string;

beforeAll(async () => {
  fixture = await startCounter();
  hassan = await fixture.signIn('hassan', '5678');
});
afterAll(async () => {
  await fixture?.close();
});

describe('safe remittances and floats', () => {
  it('refuses a float the safe cannot cover, saying what is available and what was asked', async () => {
    const response = await fixture.call('till.open', { operationId: uuid7(), tillId: 'G1', clerk: 'amina', float: djf(20_000) }, hassan);
    expect(response.ok).toBe(false);
    if (response.ok) return;
    expect(response.error).toMatchObject({ code: 'RULE_BROKEN', details: { rule: 'insufficient-funds', available: 0, asked: 20_000 } });
    expect(await fixture.ok('till.list', { status: 'all', limit: 10 }, hassan)).toEqual([]);
  });

  it('refuses a second safe receipt under the same remittance reference, and books nothing more', async () => {
    await fixture.ok('safe.receiveCash', { operationId: uuid7(), amount: djf(15_000), reference: 'BRD-0002' }, hassan);
    const second = await fixture.call('safe.receiveCash', { operationId: uuid7(), amount: djf(15_000), reference: 'BRD-0002' }, hassan);
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.error).toMatchObject({ code: 'CONFLICT', details: { rule: 'duplicate-remittance', reference: 'BRD-0002' } });
    expect((await fixture.ok('safe.status', {}, hassan)).balance).toEqual(djf(15_000));
    // A retry of the SAME intent (same operation id) is not a second remittance: it answers the first.
    const operationId = uuid7();
    await fixture.ok('safe.receiveCash', { operationId, amount: djf(5_000), reference: 'BRD-0003' }, hassan);
    expect(await fixture.ok('safe.receiveCash', { operationId, amount: djf(5_000), reference: 'BRD-0003' }, hassan)).toMatchObject({ replayed: true });
  });

  it('now says how much is missing when the float is larger than the safe', async () => {
    const response = await fixture.call('till.open', { operationId: uuid7(), tillId: 'G1', clerk: 'amina', float: djf(50_000) }, hassan);
    expect(!response.ok && response.error.details).toMatchObject({ rule: 'insufficient-funds', available: 20_000, asked: 50_000 });
  });
});
