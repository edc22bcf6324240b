import { describe, expect, it, onTestFinished } from 'vitest';
import { branchDatabaseAt } from '../../support/schema-at';

const ISSUED = `INSERT INTO money_orders (number, kind, source, issue_operation_id, issuing_branch, currency, amount, fee,
   sender_customer_id, sender_name, payee_name, payee_document_required, international, status, issued_at, issued_by, expires_at, register_seq, seen_at)
   VALUES (?, ?, 'issued-here', ?, 'DJ-DEMO', 'DJF', 10000, 500, 'c1', 'Fatouma Ali', 'Ahmed Omar', 0, ?, 'issued', 'now', 'amina', 'later', ?, 'now')`;

describe('0023 money orders', () => {
  it('keeps an order issued here fixed except where it stands, a copy from head office updatable, ranges bounded, and goes back', async () => {
    const s = await branchDatabaseAt('0022-savings-lifecycle');
    onTestFinished(() => s.close());
    // Savings rows written before stay as they were.
    s.sqlite
      .prepare("INSERT INTO savings_accounts (account_number, customer_id, holder_name, product_code, currency, status, updated_at) VALUES ('00000000195', 'c1', 'F', 'p', 'DJF', 'active', 'now')")
      .run();
    await s.migrateTo('0023-money-orders');

    const issue = s.sqlite.prepare(ISSUED);
    issue.run('000000000195', 'domestic', 'op-1', null, 1);
    // One order per number, per issuing operation, per register record.
    expect(() => issue.run('000000000195', 'domestic', 'op-2', null, 2)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => issue.run('000000000292', 'domestic', 'op-1', null, 2)).toThrow(/UNIQUE/);
    expect(() => issue.run('000000000292', 'domestic', 'op-2', null, 1)).toThrow(/UNIQUE/);
    // An international order carries its fields; a domestic one none.
    expect(() => issue.run('000000000292', 'international-outgoing', 'op-2', null, 2)).toThrow(/CHECK/);
    expect(() => issue.run('000000000292', 'domestic', 'op-2', '{"destinationCountry":"FR"}', 2)).toThrow(/CHECK/);
    issue.run('000000000292', 'international-outgoing', 'op-2', '{"destinationCountry":"FR"}', 2);
    expect(() => issue.run('12345', 'domestic', 'op-3', null, 3)).toThrow(/CHECK/);
    // Issued here without its operation or its register record is refused.
    expect(() =>
      s.sqlite
        .prepare(
          `INSERT INTO money_orders (number, kind, source, currency, amount, fee, sender_name, payee_name, payee_document_required, status, expires_at, seen_at)
           VALUES ('000000000389', 'domestic', 'issued-here', 'DJF', 1, 0, 's', 'p', 0, 'issued', 'later', 'now')`,
        )
        .run(),
    ).toThrow(/CHECK/);

    // Where it stands changes; what was issued does not, and it is never deleted.
    s.sqlite.prepare("UPDATE money_orders SET status = 'paid', paid_branch = 'DJ-B', paid_at = 'then', seen_at = 'later' WHERE number = '000000000195'").run();
    expect(() => s.sqlite.prepare("UPDATE money_orders SET amount = 1 WHERE number = '000000000195'").run()).toThrow(/fixed/);
    expect(() => s.sqlite.prepare("UPDATE money_orders SET payee_name = 'someone else' WHERE number = '000000000195'").run()).toThrow(/fixed/);
    expect(() => s.sqlite.prepare("UPDATE money_orders SET expires_at = 'never' WHERE number = '000000000195'").run()).toThrow(/fixed/);
    expect(() => s.sqlite.prepare("DELETE FROM money_orders WHERE number = '000000000195'").run()).toThrow(/never deleted/);
    expect(() => s.sqlite.prepare("UPDATE money_orders SET status = 'lost'").run()).toThrow(/CHECK/);

    // A copy from head office is head office's to change.
    s.sqlite
      .prepare(
        `INSERT INTO money_orders (number, kind, source, issuing_branch, currency, amount, fee, sender_name, payee_name, payee_document_required, status, expires_at, seen_at)
         VALUES ('000000000389', 'domestic', 'head-office', 'DJ-B', 'DJF', 7000, 300, 's', 'p', 1, 'available', 'later', 'now')`,
      )
      .run();
    s.sqlite.prepare("UPDATE money_orders SET amount = 7000, payee_name = 'P', status = 'locked' WHERE number = '000000000389'").run();
    s.sqlite.prepare("DELETE FROM money_orders WHERE number = '000000000389'").run();

    const range = s.sqlite.prepare("INSERT INTO money_order_number_ranges (id, first_serial, last_serial, next_serial, source, received_at) VALUES (?, ?, ?, ?, 'head-office', 'now')");
    range.run('r1', 1, 1000, 1);
    expect(() => range.run('r2', 0, 10, 0)).toThrow(/CHECK/);
    expect(() => range.run('r3', 1, 10_000_000_000, 1)).toThrow(/CHECK/);
    expect(() => s.sqlite.prepare("UPDATE money_order_number_ranges SET next_serial = 1002 WHERE id = 'r1'").run()).toThrow(/CHECK/);
    s.sqlite.prepare("UPDATE money_order_number_ranges SET next_serial = 1001 WHERE id = 'r1'").run();

    await s.migrateTo('0022-savings-lifecycle');
    expect(s.sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name LIKE 'money_order%'").pluck().get()).toBe(0);
    expect(s.sqlite.prepare('SELECT count(*) FROM savings_accounts').pluck().get()).toBe(1);
  });
});
