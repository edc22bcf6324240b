import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { passbooksRepository } from '../../../electron/services/savings/passbooks.repository';
import { savingsAccountsRepository } from '../../../electron/services/savings/savings-accounts.repository';
import { startCounter, type CounterFixture } from '../../support/counter-fixture';

/** Passbook numbers on the branch's real, migrated database: branch code and a sequence, never reused. */
let fixture: CounterFixture;
let sqlite: Database.Database;

beforeAll(async () => {
  fixture = await startCounter();
  sqlite = new Database(fixture.counter.databaseFile);
  savingsAccountsRepository(sqlite).save({
    account_number: '00000000197', customer_id: 'c', holder_name: 'H', product_code: 'p', currency: 'DJF',
    status: 'active', balance: 0, available: 0, as_of: null, opened_at: null, updated_at: '2026-01-01',
  });
});
afterAll(async () => {
  sqlite?.close();
  await fixture?.close();
});

it('follows the branch series past six digits, ignores other series, and is taken only inside a transaction', () => {
  const passbooks = passbooksRepository(sqlite);
  const accounts = savingsAccountsRepository(sqlite);
  const issue = (branch: string) =>
    sqlite.transaction(() => {
      const number = passbooks.nextNumber(branch);
      accounts.issuePassbook({ number, accountNumber: '00000000197', at: '2026-01-01', by: 'amina', printedThrough: 0 });
      accounts.markLost({ number, at: '2026-01-01', by: 'amina' });
      return number;
    })();
  expect(() => passbooks.nextNumber('DJ-DEMO')).toThrow(/inside the transaction/);
  expect(issue('DJ-DEMO')).toBe('DJ-DEMO-L000001');
  expect(issue('DJ-DEMO')).toBe('DJ-DEMO-L000002');
  // Numbers from another code that LIKE would have matched (`_` is a wildcard, case ignored).
  sqlite.prepare("INSERT INTO savings_passbooks (number, account_number, status, issued_at, issued_by) VALUES ('DJ_X-L000500', '00000000197', 'lost', 'x', 'x'), ('dj-demo-L000900', '00000000197', 'lost', 'x', 'x')").run();
  expect(issue('DJAX')).toBe('DJAX-L000001');
  expect(issue('DJ-DEMO')).toBe('DJ-DEMO-L000003');
  sqlite.prepare("INSERT INTO savings_passbooks (number, account_number, status, issued_at, issued_by) VALUES ('DJ-DEMO-L999999', '00000000197', 'lost', 'x', 'x')").run();
  expect(issue('DJ-DEMO')).toBe('DJ-DEMO-L1000000');
  expect(issue('DJ-DEMO')).toBe('DJ-DEMO-L1000001');
  // The book a replacement follows is the latest lost one.
  expect(passbooks.lastLost('00000000197')?.number).toBe('DJ-DEMO-L1000001');
});
