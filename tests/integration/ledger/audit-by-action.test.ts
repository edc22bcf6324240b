import { describe, expect, it, onTestFinished } from 'vitest';
import { AuditLog } from '../../../electron/services/audit/audit-log';
import { auditPage } from '../../../electron/services/audit/audit.repository';
import { branchDatabaseAt, type SchemaAt } from '../../support/schema-at';

const clock = { now: () => new Date('2026-12-04T08:00:00Z') };

describe('migration 0014: the audit trail indexed by action, without the ledger', () => {
  async function trailBeforeTheMigration(): Promise<SchemaAt> {
    const opened = await branchDatabaseAt('0013-acceptance-cancelled');
    onTestFinished(() => opened.close());
    const audit = new AuditLog(opened.sqlite, clock);
    for (let i = 0; i < 50; i += 1) audit.record({ actor: 'amina', action: 'ledger.sale', subject: `op-${i}`, outcome: 'ok' });
    audit.record({ actor: 'hassan', action: 'approval.granted', subject: 'op-7', outcome: 'ok' });
    audit.record({ actor: 'amina', action: 'ledger.sale', subject: 'op-50', outcome: 'refused' });
    audit.record({ actor: 'ismail', action: 'devices.configure', subject: 'printer', outcome: 'ok' });
    return opened;
  }

  it('keeps every entry, swaps the index, and lists by action as before', async () => {
    const { sqlite, migrateTo } = await trailBeforeTheMigration();
    const audit = new AuditLog(sqlite, clock);
    const listings = () => [
      audit.list({ limit: 3 }),
      audit.list({ limit: 5, action: 'ledger.sale' }),
      audit.list({ limit: 5, action: 'approval.granted' }),
      audit.list({ limit: 5, action: 'devices.configure', beforeSeq: 53 }),
      audit.list({ limit: 5, action: 'approval.granted', beforeSeq: 51 }),
    ];
    const before = { rows: sqlite.prepare('SELECT * FROM audit_log ORDER BY seq').all(), listings: listings() };

    await migrateTo('latest');

    expect(sqlite.prepare('SELECT * FROM audit_log ORDER BY seq').all()).toEqual(before.rows);
    expect(listings()).toEqual(before.listings);
    expect(before.listings[2]!.map((entry) => entry.subject)).toEqual(['op-7']);
    expect(before.listings[4]).toEqual([]);
    const indexes = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log'").pluck().all();
    expect(indexes).toEqual(['audit_log_by_action']);
    // The partial index holds the rare actions only: a sale's audit entry never writes to it.
    const indexed = sqlite.prepare("SELECT action FROM audit_log INDEXED BY audit_log_by_action WHERE action NOT LIKE 'ledger.%' ORDER BY action").pluck().all();
    expect(indexed).toEqual(['approval.granted', 'devices.configure']);
  });

  it('gives the planner the partial index for rare actions, and walks back by number for the ledger', async () => {
    const { sqlite, migrateTo } = await trailBeforeTheMigration();
    await migrateTo('latest');
    const plan = (action: string | undefined) => {
      const page = auditPage({ limit: 10, action }).compile();
      return (sqlite.prepare(`EXPLAIN QUERY PLAN ${page.sql}`).all(...page.parameters) as Array<{ detail: string }>).map((row) => row.detail).join('\n');
    };
    expect(plan('approval.granted')).toMatch(/audit_log_by_action/);
    expect(plan('ledger.sale')).not.toMatch(/audit_log_by_action/);
    expect(plan(undefined)).not.toMatch(/audit_log_by_action/);
  });

  it('goes back down to the full index', async () => {
    const { sqlite, migrateTo } = await trailBeforeTheMigration();
    await migrateTo('latest');
    await migrateTo('0013-acceptance-cancelled');
    expect(sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log'").pluck().all()).toEqual(['audit_log_action']);
  });
});
