import { describe, expect, it, onTestFinished } from 'vitest';
import { branchDatabaseAt } from '../../support/schema-at';

describe('0022 savings lifecycle', () => {
  it('keeps the passbooks through the rebuild, adds the full status, the block and the closings, and goes back', async () => {
    const s = await branchDatabaseAt('0021-savings');
    onTestFinished(() => s.close());
    s.sqlite
      .prepare(
        `INSERT INTO savings_accounts (account_number, customer_id, holder_name, product_code, currency, status, updated_at)
         VALUES ('00000000195', 'c1', 'Fatouma Ali', 'livret-a', 'DJF', 'active', 'now')`,
      )
      .run();
    s.sqlite
      .prepare("INSERT INTO savings_passbooks (number, account_number, status, page, line, printed_through, issued_at, issued_by, lost_at, lost_by) VALUES (?, '00000000195', ?, ?, ?, ?, 'then', 'amina', ?, ?)")
      .run('PB-1', 'lost', 2, 3, 7, 'when', 'hassan');
    s.sqlite
      .prepare("INSERT INTO savings_passbooks (number, account_number, status, page, line, printed_through, issued_at, issued_by) VALUES ('PB-2', '00000000195', 'active', 3, 1, 15, 'now', 'amina')")
      .run();

    await s.migrateTo('0022-savings-lifecycle');
    const books = () => s.sqlite.prepare('SELECT number, status, page, line, printed_through, lost_by FROM savings_passbooks ORDER BY number').all();
    expect(books()).toEqual([
      { number: 'PB-1', status: 'lost', page: 2, line: 3, printed_through: 7, lost_by: 'hassan' },
      { number: 'PB-2', status: 'active', page: 3, line: 1, printed_through: 15, lost_by: null },
    ]);
    // A full book is kept beside its successor; still one book in use per account.
    s.sqlite.prepare("UPDATE savings_passbooks SET status = 'full', full_at = 'now', full_by = 'amina' WHERE number = 'PB-2'").run();
    const issue = s.sqlite.prepare("INSERT INTO savings_passbooks (number, account_number, status, issued_at, issued_by) VALUES (?, '00000000195', ?, 'now', 'amina')");
    issue.run('PB-3', 'active');
    expect(() => issue.run('PB-4', 'active')).toThrow(/UNIQUE/);
    expect(() => issue.run('PB-5', 'torn')).toThrow(/CHECK/);
    expect(() => s.sqlite.prepare("INSERT INTO savings_passbooks (number, account_number, status, issued_at, issued_by) VALUES ('PB-6', 'nobody', 'lost', 'now', 'x')").run()).toThrow(/FOREIGN KEY/);

    s.sqlite.prepare("UPDATE savings_accounts SET status = 'blocked', block_type = 'credit'").run();
    expect(() => s.sqlite.prepare("UPDATE savings_accounts SET block_type = 'some'").run()).toThrow(/CHECK/);
    const close = s.sqlite.prepare("INSERT INTO savings_closings (operation_id, account_number, hold_seconds, operator, approver, at) VALUES (?, ?, ?, 'amina', 'hassan', 'now')");
    close.run('op-1', '00000000195', 600);
    expect(() => close.run('op-1', '00000000195', 600)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => close.run('op-2', '00000000195', 0)).toThrow(/CHECK/);
    expect(() => close.run('op-3', 'nobody', 600)).toThrow(/FOREIGN KEY/);

    await s.migrateTo('0021-savings');
    // Back: the full book reads as lost, the older schema's only word for a book out of use.
    expect(books()).toEqual([
      { number: 'PB-1', status: 'lost', page: 2, line: 3, printed_through: 7, lost_by: 'hassan' },
      { number: 'PB-2', status: 'lost', page: 3, line: 1, printed_through: 15, lost_by: 'amina' },
      { number: 'PB-3', status: 'active', page: 1, line: 1, printed_through: 0, lost_by: null },
    ]);
    expect(s.sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'savings_closings'").pluck().get()).toBe(0);
    expect(s.sqlite.prepare("SELECT count(*) FROM pragma_table_info('savings_accounts') WHERE name = 'block_type'").pluck().get()).toBe(0);
  });
});
