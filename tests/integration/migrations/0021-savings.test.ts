import { describe, expect, it, onTestFinished } from 'vitest';
import { migrations } from '../../../electron/services/db/migrations';
import { branchDatabaseAt } from '../../support/schema-at';

const names = Object.keys(migrations);
const before = names[names.indexOf('0021-savings') - 1]!;

describe('0021 savings', () => {
  it('keeps one passbook in use per account, lost ones as evidence, and goes back', async () => {
    const s = await branchDatabaseAt(before);
    onTestFinished(() => s.close());
    await s.migrateTo('0021-savings');
    s.sqlite
      .prepare(
        `INSERT INTO savings_accounts (account_number, customer_id, holder_name, product_code, currency, status, updated_at)
         VALUES ('DJ0000012', 'c1', 'Fatouma Ali', 'LIVRET-DJF', 'DJF', 'active', 'now')`,
      )
      .run();
    const issue = s.sqlite.prepare("INSERT INTO savings_passbooks (number, account_number, status, issued_at, issued_by) VALUES (?, 'DJ0000012', ?, 'now', 'amina')");
    issue.run('PB-1', 'active');
    expect(() => issue.run('PB-2', 'active')).toThrow(/UNIQUE/);
    s.sqlite.prepare("UPDATE savings_passbooks SET status = 'lost' WHERE number = 'PB-1'").run();
    issue.run('PB-2', 'active');
    expect(() => issue.run('PB-3', 'stolen')).toThrow(/CHECK/);
    // STRICT: a balance is a whole number of minor units or nothing.
    expect(() => s.sqlite.prepare("UPDATE savings_accounts SET balance = 'a lot'").run()).toThrow(/INTEGER/);
    await s.migrateTo(before);
    expect(s.sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name LIKE 'savings_%'").pluck().get()).toBe(0);
  });
});
