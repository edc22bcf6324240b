import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadOfficeApi } from '../../../electron/services/headoffice/head-office-api';
import type { SqlConnection } from '../../../electron/services/headoffice/sql-runner';
import { openTestBranchLedger, type TestBranchLedger } from '../../support/branch-ledger';
import { startTestHeadOffice, type TestHeadOffice } from '../../support/head-office';
import { makeTempDir } from '../../support/temp-dir';

/** Two branch roles on one head office: each may only execute the functions, and only for itself. */
describe('branch roles and row-level security', () => {
  let ho: TestHeadOffice;
  let a: SqlConnection;
  let b: SqlConnection;
  let ledgerA: TestBranchLedger;
  const temp = makeTempDir('ho-roles-');

  beforeAll(async () => {
    ho = await startTestHeadOffice();
    const roleA = (await ho.addBranch('A1', [{ serviceIndicator: 'RR', size: 100 }])).role;
    const roleB = (await ho.addBranch('B1', [{ serviceIndicator: 'RR', size: 100 }])).role;
    a = await ho.connectAs(roleA);
    b = await ho.connectAs(roleB);
    ledgerA = await openTestBranchLedger(temp.dir);
    ledgerA.sell(5);
    await new HeadOfficeApi(a).push({ sent_at: new Date().toISOString(), transfers: ledgerA.transfers() });
    await ho.staff.query("SELECT ho.publish_item('pickup-parcel', 'CP123456785DJ', 'A1', '{\"addressee\":\"A only\"}', 'test')");
  }, 120_000);
  afterAll(async () => {
    await ledgerA?.close();
    await ho?.close();
    temp.remove();
  }, 120_000);

  it.each([
    ['SELECT * FROM ho.transfers'],
    ['SELECT * FROM ho.branches'],
    ['SELECT * FROM ho.reference_items'],
    ["INSERT INTO ho.alarms (branch_code, kind, detail) VALUES ('A1', 'clock-skew', 'x')"],
    ['UPDATE ho.transfers SET amount = 1'],
    ['DELETE FROM ho.transfers'],
    ['UPDATE ho.branch_cursors SET acked_seq = 0'],
    ['TRUNCATE ho.transfers'],
  ])('refuses branch B the statement %s', async (statement) => {
    await expect(b.query(statement)).rejects.toThrow(/permission denied/);
  });

  it('refuses the staff-only functions to a branch role', async () => {
    await expect(b.query("SELECT ho.publish_item('tariff', 'x', NULL, '{}', 'b')")).rejects.toThrow(/permission denied/);
    await expect(b.query("SELECT ho.allocate_s10_range('B1', 'RR', 10)")).rejects.toThrow(/permission denied/);
    await expect(b.query("SELECT ho.account_totals('A1', 100)")).rejects.toThrow(/permission denied/);
    await expect(b.query("SELECT ho.register_branch('Z', 'z', 'z', NULL, NULL)")).rejects.toThrow(/permission denied/);
  });

  it('gives branch B only its own rows through the functions', async () => {
    const apiB = new HeadOfficeApi(b);
    expect(await apiB.transfersAfter(0)).toEqual([]);
    expect((await apiB.linkState()).acked_seq).toBe(0);
    const pulled = await apiB.pull(0);
    expect(pulled.items.map((i) => i.kind)).toEqual(['s10-range']);
    expect(pulled.items[0]!.body).toMatchObject({ service_indicator: 'RR', first_serial: 101, last_serial: 200 });
    const apiA = new HeadOfficeApi(a);
    expect((await apiA.transfersAfter(0)).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect((await apiA.pull(0)).items.map((i) => i.kind)).toEqual(['s10-range', 'pickup-parcel']);
  });

  it("files branch A's rows sent by branch B under B, where they cannot hang from B's chain", async () => {
    const answer = await new HeadOfficeApi(b).push({ sent_at: new Date().toISOString(), transfers: ledgerA.transfers().slice(1) });
    expect(answer.status).toBe('gap');
    const { rows } = await ho.staff.query<{ branch_code: string; n: string }>('SELECT branch_code, count(*) AS n FROM ho.transfers GROUP BY 1');
    expect(rows).toEqual([{ branch_code: 'A1', n: '5' }]);
  });

  it("keeps row-level security on even inside the functions' owner (FORCE), for a branch session", async () => {
    // As ho_owner with B's session, A's rows are invisible: a faulty function could not leak them.
    const { rows } = await ho.staff.query<{ forced: boolean }>(
      "SELECT relforcerowsecurity AS forced FROM pg_class WHERE oid = 'ho.transfers'::regclass",
    );
    expect(rows[0]!.forced).toBe(true);
    const owner = await ho.staff.query<{ owner: string; super: boolean }>(
      "SELECT r.rolname AS owner, r.rolsuper AS super FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE c.oid = 'ho.transfers'::regclass",
    );
    expect(owner.rows[0]).toEqual({ owner: 'ho_owner', super: false });
  });

  it('leaks nothing even after a mistaken grant: row-level security filters by the session branch', async () => {
    await ho.staff.query('GRANT SELECT ON ho.transfers TO ho_branch');
    try {
      const seenByB = await b.query<{ n: string }>('SELECT count(*) AS n FROM ho.transfers');
      expect(seenByB.rows[0]!.n).toBe('0');
      const seenByA = await a.query<{ n: string }>('SELECT count(*) AS n FROM ho.transfers');
      expect(seenByA.rows[0]!.n).toBe('5');
    } finally {
      await ho.staff.query('REVOKE SELECT ON ho.transfers FROM ho_branch');
    }
  });

  it('pins the search_path of every SECURITY DEFINER function', async () => {
    const { rows } = await ho.staff.query<{ name: string; config: string[] | null }>(
      `SELECT p.proname AS name, p.proconfig AS config FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'ho' AND p.prosecdef`,
    );
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) expect(row.config ?? [], row.name).toContain('search_path=pg_catalog, pg_temp');
  });
});
