import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRANCH_TABLES, COORDINATOR_TABLES, REFERENCE_TABLES } from '../../../electron/services/headoffice/distribution';
import { SAVINGS_BRANCH_FUNCTIONS } from '../../../electron/services/headoffice/migrations/0012-savings';
import { MONEY_ORDER_BRANCH_FUNCTIONS } from '../../../electron/services/headoffice/migrations/0015-money-orders';
import { BRANCH_ARGUMENT_FUNCTIONS as BRANCH_ARGUMENT_FUNCTIONS_0010 } from '../../../electron/services/headoffice/migrations/0010-branch-as-argument';
import { CUSTOMER_REGISTER_FUNCTIONS } from '../../../electron/services/headoffice/migrations/0011-customer-register';
import { LEAN_PUSH_SIGNATURE } from '../../../electron/services/headoffice/migrations/0013-lean-push';
import type { SqlConnection } from '../../../electron/services/headoffice/sql-runner';
import { startTestHeadOffice, type TestHeadOffice } from '../../support/head-office';

/**
 * Citus cannot be installed here: the proof that head office can be distributed by
 * branch is its schema, checked live against the rules DISTRIBUTION.md relies on.
 */
const BRANCH_ARGUMENT_FUNCTIONS = [...BRANCH_ARGUMENT_FUNCTIONS_0010, ...CUSTOMER_REGISTER_FUNCTIONS, LEAN_PUSH_SIGNATURE];
let ho: TestHeadOffice;
let asA: SqlConnection;

beforeAll(async () => {
  ho = await startTestHeadOffice();
  const a = await ho.addBranch('DA');
  await ho.addBranch('DB');
  asA = await ho.connectAs(a.role);
}, 120_000);
afterAll(async () => {
  await ho?.close();
}, 60_000);

const tablesOfHo = async () =>
  (
    await ho.staff.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'ho' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
    )
  ).rows.map((r) => r.name);

describe('the head-office schema is ready to distribute by branch', () => {
  it('places every table: distributed by branch, reference, or kept on the coordinator', async () => {
    const placed = [...BRANCH_TABLES, ...REFERENCE_TABLES, ...COORDINATOR_TABLES].sort();
    expect(await tablesOfHo()).toEqual(placed);
  });

  it('keys every branch-owned table by branch_code first, and no unique key leaves it out', async () => {
    const keys = await ho.staff.query<{ table: string; kind: string; columns: string[] }>(
      `SELECT t.relname AS table, CASE WHEN i.indisprimary THEN 'primary' ELSE 'unique' END AS kind,
              array_agg(a.attname::text ORDER BY k.ord) AS columns
         FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
         CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
        WHERE n.nspname = 'ho' AND i.indisunique AND NOT t.relispartition AND t.relname = ANY($1)
        GROUP BY t.relname, i.indexrelid, i.indisprimary`,
      [[...BRANCH_TABLES]],
    );
    for (const table of BRANCH_TABLES) {
      const primary = keys.rows.find((k) => k.table === table && k.kind === 'primary');
      expect(primary?.columns[0], `${table}'s primary key`).toBe('branch_code');
    }
    for (const key of keys.rows) expect(key.columns, `a unique key of ${key.table}`).toContain('branch_code');
  });

  it('spreads ho.transfers over hash partitions of branch_code', async () => {
    const { rows } = await ho.staff.query<{ strategy: string; column: string; partitions: string }>(
      `SELECT p.partstrat AS strategy, a.attname AS column,
              (SELECT count(*) FROM pg_inherits i WHERE i.inhparent = p.partrelid) AS partitions
         FROM pg_partitioned_table p JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0]
        WHERE p.partrelid = 'ho.transfers'::regclass`,
    );
    expect(rows).toEqual([{ strategy: 'h', column: 'branch_code', partitions: '16' }]);
  });

  it('has every branch-argument function check the code against the caller before anything else', async () => {
    const { rows } = await ho.staff.query<{ signature: string; body: string }>(
      `SELECT p.oid::regprocedure::text AS signature, p.prosrc AS body FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'ho' AND has_function_privilege('ho_branch', p.oid, 'EXECUTE')
          AND p.proargnames[1] = 'p_branch'`,
    );
    expect(rows.map((r) => r.signature).sort()).toEqual([...BRANCH_ARGUMENT_FUNCTIONS, ...SAVINGS_BRANCH_FUNCTIONS, ...MONEY_ORDER_BRANCH_FUNCTIONS].map((s) => s.replace(/, /g, ',')).sort());
    for (const row of rows) expect(row.body.trim(), row.signature).toMatch(/^BEGIN\s+PERFORM ho\.caller_branch\(p_branch\);/);
  });

  it("refuses every branch-argument function called with another branch's code, and serves the caller's own", async () => {
    const calls: Array<[string, unknown[]]> = [
      ['SELECT ho.pull($1::text, 0, 10)', []],
      ['SELECT ho.link_state($1::text)', []],
      ['SELECT ho.transfers_after($1::text, 0, 10)', []],
      [`SELECT ho.compare_day_close($1::text, '{"business_date":"2026-01-01","last_seq":0,"last_hash":"${'0'.repeat(64)}","accounts":[]}'::jsonb)`, []],
      [`SELECT ho.push_tracking($1::text, ${Array.from({ length: 9 }, (_, i) => (i === 0 ? "'{}'::bigint[]" : "'{}'::text[]")).join(', ')})`, []],
      ['SELECT ho.pull_tracking($1::text, 0, 10)', []],
      [`SELECT ho.push_records($1::text, '{}'::bigint[], '{}'::text[], '{}'::text[], '{}'::text[], '{}'::text[])`, []],
      [`SELECT ho.customer_lookup($1::text, 'amina', 'passport', 'X1', 'DJI')`, []],
      [`SELECT ho.customer_lookup_by_phone($1::text, 'amina', '77000000')`, []],
      [`SELECT ho.push_lean($1::text, NULL, NULL, NULL, NULL, NULL, '{}'::text[], '{}'::uuid[], ${Array.from({ length: 17 }, (_, i) => (i === 4 ? "'{}'::bigint[]" : "'{}'::integer[]")).join(', ')})`, []],
    ];
    expect(calls.length).toBe(BRANCH_ARGUMENT_FUNCTIONS.length);
    for (const [text] of calls) {
      await expect(asA.query(text, ['DB']), text).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(/speaks for branch DA, not for branch DB/) });
      await expect(asA.query(text, ['DA']), text).resolves.toBeTruthy();
    }
    // Head-office staff speak for no branch: the branch forms are not theirs either.
    await expect(ho.staff.query('SELECT ho.link_state($1::text)', ['DA'])).rejects.toMatchObject({ code: '42501' });
  });
});
