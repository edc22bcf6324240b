import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadOfficeRegisterApi } from '../../../electron/services/headoffice/register-api';
import type { SqlConnection } from '../../../electron/services/headoffice/sql-runner';
import { startTestHeadOffice, type TestHeadOffice } from '../../support/head-office';

/** Head office's side of the register stream and the national lookup, on a real PostgreSQL. */
let ho: TestHeadOffice;
let asA: SqlConnection;
let asB: SqlConnection;
let apiA: HeadOfficeRegisterApi;
let apiB: HeadOfficeRegisterApi;

beforeAll(async () => {
  ho = await startTestHeadOffice();
  const a = await ho.addBranch('CA');
  const b = await ho.addBranch('CB');
  asA = await ho.connectAs(a.role);
  asB = await ho.connectAs(b.role);
  apiA = new HeadOfficeRegisterApi(asA, 'CA');
  apiB = new HeadOfficeRegisterApi(asB, 'CB');
}, 120_000);
afterAll(async () => {
  await ho?.close();
}, 60_000);

let ids = 0;
const customer = (over: Record<string, unknown> = {}) => ({
  id: `0198c0de-0000-7000-8000-${String(++ids).padStart(12, '0')}`,
  family_name: 'ALI',
  given_names: 'FATOUMA',
  birth_date: '1990-01-02',
  document_type: 'identity-card',
  document_number: `DJ${ids}`,
  document_country: 'DJI',
  document_expiry: null as string | null,
  phone: null as string | null,
  address: null as string | null,
  kyc_tier: null as string | null,
  origin_branch: 'CA',
  created_by: 'amina',
  created_at: '2026-03-01T10:00:00+03:00',
  updated_by: 'amina',
  updated_at: '2026-03-01T10:00:00+03:00',
  version: 1,
  ...over,
});
type Row = [number, string, string, string, string];
const columns = (rows: Row[]) => [0, 1, 2, 3, 4].map((c) => rows.map((r) => r[c]));
const rowOf = (seq: number, record: ReturnType<typeof customer>): Row => [seq, 'customer', record.id, JSON.stringify(record), record.updated_at];

describe('the register stream at head office', () => {
  it('takes records exactly once, in order: a resend adds nothing and gets the same answer; a batch that skips ahead is a gap', async () => {
    const one = customer();
    const two = customer({ phone: '77123456' });
    const batch = columns([rowOf(1, one), rowOf(2, two)]);
    expect(await apiA.push(batch)).toMatchObject({ status: 'ok', acked_seq: 2, inserted: 2, duplicates: 0 });
    // The reply was lost: the same batch again.
    expect(await apiA.push(batch)).toMatchObject({ status: 'ok', acked_seq: 2, inserted: 0, duplicates: 2 });
    expect(await apiA.push(columns([rowOf(4, customer())]))).toMatchObject({ status: 'gap', acked_seq: 2, expected_seq: 3, inserted: 0 });
    expect(await apiA.push(columns([rowOf(3, customer()), rowOf(5, customer())]))).toMatchObject({ status: 'malformed', acked_seq: 2 });
    const held = await ho.staff.query<{ seq: string }>("SELECT seq FROM ho.branch_records WHERE branch_code = 'CA' ORDER BY seq");
    expect(held.rows.map((r) => Number(r.seq))).toEqual([1, 2]);
    const national = await ho.staff.query<{ id: string; version: number }>('SELECT id, version FROM ho.customers ORDER BY id');
    expect(national.rows.map((r) => r.id)).toEqual([one.id, two.id]);
  });

  it('applies a newer version of a customer and keeps the older one only in the stream', async () => {
    const first = customer({ origin_branch: 'CB' });
    await apiB.push(columns([rowOf(1, first)]));
    const edited = { ...first, phone: '77000001', version: 2, updated_at: '2026-03-02T09:00:00+03:00' };
    expect(await apiB.push(columns([rowOf(2, edited)]))).toMatchObject({ status: 'ok', acked_seq: 2 });
    const { rows } = await ho.staff.query<{ phone: string; version: number; origin_branch: string }>('SELECT phone, version, origin_branch FROM ho.customers WHERE id = $1', [first.id]);
    expect(rows).toEqual([{ phone: '77000001', version: 2, origin_branch: 'CB' }]);
  });

  it('keeps a customer whose document another branch registered offline, aside for review, with an alarm', async () => {
    const atA = customer({ document_number: 'SAME123' });
    const atB = customer({ document_number: 'SAME123', origin_branch: 'CB', created_by: 'omar' });
    const cursorA = await ho.staff.query<{ acked_seq: string }>("SELECT acked_seq FROM ho.record_cursors WHERE branch_code = 'CA'");
    const cursorB = await ho.staff.query<{ acked_seq: string }>("SELECT acked_seq FROM ho.record_cursors WHERE branch_code = 'CB'");
    await apiA.push(columns([rowOf(Number(cursorA.rows[0]!.acked_seq) + 1, atA)]));
    expect(await apiB.push(columns([rowOf(Number(cursorB.rows[0]!.acked_seq) + 1, atB)]))).toMatchObject({ status: 'ok', inserted: 1 });
    const { rows } = await ho.staff.query<{ id: string; duplicate_of: string | null }>("SELECT id, duplicate_of FROM ho.customers WHERE document_number = 'SAME123' ORDER BY duplicate_of NULLS FIRST");
    expect(rows).toEqual([{ id: atA.id, duplicate_of: null }, { id: atB.id, duplicate_of: atA.id }]);
    const alarms = await ho.staff.query<{ branch_code: string; detail: string }>("SELECT branch_code, detail FROM ho.alarms WHERE kind = 'customer-document-conflict'");
    expect(alarms.rows).toHaveLength(1);
    expect(alarms.rows[0]!.branch_code).toBe('CB');
    expect(alarms.rows[0]!.detail).toContain(atA.id);
    expect(alarms.rows[0]!.detail).not.toContain('FATOUMA');
    // The national lookup finds the first; branch B's record is in its stream, not lost.
    expect((await apiB.lookup('omar', { document: { type: 'identity-card', number: 'SAME123', country: 'DJI' } })).map((c) => c.id)).toEqual([atA.id]);
    expect((await ho.staff.query("SELECT 1 FROM ho.branch_records WHERE branch_code = 'CB' AND record_id = $1", [atB.id])).rows).toHaveLength(1);
  });

  it('a resent sequence with other content keeps the first and raises an alarm', async () => {
    const answer = await apiA.push(columns([rowOf(1, customer())]));
    expect(answer).toMatchObject({ status: 'conflict', duplicates: 1, inserted: 0 });
    expect((await ho.staff.query("SELECT 1 FROM ho.alarms WHERE kind = 'register-record-conflict' AND branch_code = 'CA' AND seq = 1")).rows).toHaveLength(1);
  });
});

describe('the national register is read only through the audited lookup', () => {
  it("refuses a branch role any direct access to customers, lookups or another branch's records", async () => {
    for (const statement of [
      'SELECT * FROM ho.customers',
      "UPDATE ho.customers SET phone = '1'",
      'SELECT * FROM ho.customer_lookups',
      "SELECT * FROM ho.branch_records WHERE branch_code = 'CA'",
      "INSERT INTO ho.branch_records (branch_code, seq, kind, record_id, payload, at) VALUES ('CA', 99, 'customer', 'x', '{}', 'now')",
      "SELECT ho.push_records_for('CA', '{}'::bigint[], '{}'::text[], '{}'::text[], '{}'::text[], '{}'::text[])",
      "SELECT ho.apply_customer_record('CA', 1, 'x', '{}'::jsonb)",
    ]) {
      await expect(asB.query(statement), statement).rejects.toThrow(/permission denied/);
    }
  });

  it("refuses a lookup or a push in another branch's name", async () => {
    await expect(asB.query("SELECT ho.customer_lookup('CA', 'omar', 'identity-card', 'DJ1', 'DJI')")).rejects.toMatchObject({ code: '42501' });
    await expect(asB.query("SELECT ho.customer_lookup_by_phone('CA', 'omar', '77123456')")).rejects.toMatchObject({ code: '42501' });
    await expect(new HeadOfficeRegisterApi(asB, 'CA').push(columns([]))).rejects.toMatchObject({ code: '42501' });
  });

  it('writes every lookup with branch, operator and the ids it returned, found or not', async () => {
    const before = Number((await ho.staff.query<{ n: string }>('SELECT count(*) AS n FROM ho.customer_lookups')).rows[0]!.n);
    const found = await apiB.lookup('omar', { phone: '77123456' });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ phone: '77123456', origin_branch: 'CA', family_name: 'ALI' });
    expect(await apiB.lookup('omar', { document: { type: 'passport', number: 'NOPE', country: 'DJI' } })).toEqual([]);
    const { rows } = await ho.staff.query<{ branch_code: string; operator: string; looked_up_by: string; found: string[] }>(
      'SELECT branch_code, operator, looked_up_by, found FROM ho.customer_lookups ORDER BY id OFFSET $1',
      [before],
    );
    expect(rows).toEqual([
      { branch_code: 'CB', operator: 'omar', looked_up_by: 'phone', found: [found[0]!.id] },
      { branch_code: 'CB', operator: 'omar', looked_up_by: 'document', found: [] },
    ]);
    await expect(asB.query("SELECT ho.customer_lookup_by_phone('CB', '', '77123456')")).rejects.toThrow(/names the operator/);
    await expect(ho.staff.query('DELETE FROM ho.customer_lookups')).rejects.toThrow(/refused/);
  });

  it('publishes KYC tiers through the reference pull', async () => {
    await ho.staff.query(`SELECT ho.publish_item('kyc-tier', 'basic', NULL, '{"rank":1,"name":{"fr":"Base","en":"Basic","ar":"أساسي"},"currency":"DJF","limits":{"balance":200000}}'::jsonb, 'hq')`);
    const { rows } = await asA.query<{ answer: { items: Array<{ kind: string; key: string }> } }>('SELECT ho.pull($1::text, 0, 100) AS answer', ['CA']);
    expect(rows[0]!.answer.items.filter((i) => i.kind === 'kyc-tier').map((i) => i.key)).toEqual(['basic']);
  });
});
