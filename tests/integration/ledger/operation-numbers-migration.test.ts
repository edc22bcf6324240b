import { describe, expect, it, onTestFinished } from 'vitest';
import { formatOperationNumber, takeOperationNumber } from '../../../electron/services/till/operation-number';
import { branchDatabaseAt } from '../../support/schema-at';

describe('migration 0018: operation numbers for receipts', () => {
  it('keeps the booked operations, starts the numbers at 1 and keeps them as issued', async () => {
    const opened = await branchDatabaseAt('0014-audit-by-action');
    onTestFinished(() => opened.close());
    const { sqlite, migrateTo } = opened;
    const insert = sqlite.prepare(
      `INSERT INTO ledger_operations (id, kind, fingerprint, till_session_id, operator, approver, reason, reverses_operation_id, first_seq, transfer_count, amount, result, at)
       VALUES (?, 'sale', 'f', NULL, 'amina', NULL, NULL, NULL, NULL, 0, 0, '{}', '2026-12-04T08:00:00')`,
    );
    for (const id of ['op-1', 'op-2']) insert.run(id);
    const before = sqlite.prepare('SELECT * FROM ledger_operations ORDER BY id').all();

    await migrateTo('latest');

    expect(sqlite.prepare('SELECT * FROM ledger_operations ORDER BY id').all()).toEqual(before);
    const numbers = sqlite.transaction(() => ['op-3', 'op-4'].map((id) => takeOperationNumber(sqlite, 'DJ-DEMO', id, '2026-12-04T09:00:00')))();
    expect(numbers).toEqual(['DJ-DEMO-000001', 'DJ-DEMO-000002']);
    // A rolled-back operation gives its number back: the series stays gap-free.
    expect(() =>
      sqlite.transaction(() => {
        takeOperationNumber(sqlite, 'DJ-DEMO', 'op-refused', '2026-12-04T09:01:00');
        throw new Error('refused');
      })(),
    ).toThrow('refused');
    expect(sqlite.transaction(() => takeOperationNumber(sqlite, 'DJ-DEMO', 'op-5', '2026-12-04T09:02:00'))()).toBe('DJ-DEMO-000003');
    expect(() => takeOperationNumber(sqlite, 'DJ-DEMO', 'op-6', '2026-12-04T09:03:00')).toThrow(/inside the operation/);
    expect(() => sqlite.prepare("UPDATE operation_numbers SET operation_id = 'other' WHERE number = 1").run()).toThrow(/kept as issued/);
    expect(() => sqlite.prepare('DELETE FROM operation_numbers').run()).toThrow(/kept as issued/);
    expect(formatOperationNumber('CG-BZV-01', 1_234_567)).toBe('CG-BZV-01-1234567');
  });
});
