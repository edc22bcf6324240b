// The demo branch's safe opens with the sample balance, booked once as an ordinary attributed
// safe receipt, so a trainee's first float is accepted; a restart books nothing again.
import { describe, expect, it } from 'vitest';
import { uuid7 } from '@shared/uuid7';
import sample from '../../resources/samples/demo-safe.json' with { type: 'json' };
import { startCounter } from '../support/counter-fixture';
import { makeTempDir } from '../support/temp-dir';

describe('demo opening safe', () => {
  it('is booked once as a safe receipt with its reference, operator and reason; the first float is given', async () => {
    const temp = makeTempDir('counter-demo-safe-');
    const dataDir = temp.dir;
    const first = await startCounter({ demoOpeningSafe: true, dataDir });
    try {
      const hassan = await first.signIn('hassan', '5678');
      expect((await first.ok('safe.status', {}, hassan)).balance).toEqual({ minor: sample.amountMinor, currency: 'DJF' });
      const journal = await first.ok('journal.query', { limit: 10 }, hassan);
      expect(journal).toHaveLength(1);
      expect(journal[0]).toMatchObject({ code: 'safe-receive', reference: sample.reference, operator: sample.receivedBy, reason: sample.reason });
      const opened = await first.call('till.open', { operationId: uuid7(), tillId: 'G1', clerk: 'amina', float: { minor: 20_000, currency: 'DJF' } }, hassan);
      expect(opened.ok).toBe(true);
    } finally {
      await first.close();
    }
    const again = await startCounter({ demoOpeningSafe: true, dataDir });
    try {
      const hassan = await again.signIn('hassan', '5678');
      expect((await again.ok('safe.status', {}, hassan)).balance.minor).toBe(sample.amountMinor);
      expect((await again.ok('journal.query', { limit: 10 }, hassan)).filter((entry) => entry.reference === sample.reference)).toHaveLength(1);
    } finally {
      await again.close();
      temp.remove();
    }
  });
});
