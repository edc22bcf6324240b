import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadOfficeApi } from '../../../electron/services/headoffice/head-office-api';
import { transferHash } from '../../../electron/services/ledger/transfer-hash';
import { openTestBranchLedger, type TestBranchLedger } from '../../support/branch-ledger';
import { startTestHeadOffice, type TestHeadOffice } from '../../support/head-office';
import { makeTempDir } from '../../support/temp-dir';

const sentAt = () => new Date().toISOString();

describe('head office push on real PostgreSQL', () => {
  let ho: TestHeadOffice;
  let branch: TestBranchLedger;
  let api: HeadOfficeApi;
  const temp = makeTempDir('ho-push-');

  beforeAll(async () => {
    ho = await startTestHeadOffice();
    const added = await ho.addBranch('DJ001', [{ serviceIndicator: 'RR', size: 1000 }]);
    api = new HeadOfficeApi(await ho.connectAs(added.role));
    branch = await openTestBranchLedger(temp.dir);
    branch.sell(20);
  }, 120_000);
  afterAll(async () => {
    await branch?.close();
    await ho?.close();
    temp.remove();
  }, 120_000);

  it('recomputes the branch hash byte for byte, escapes included', async () => {
    const row = {
      seq: 1, id: 'op/1', operation_id: 'op', debit_account_id: 'a', credit_account_id: 'b', amount: 5, currency: 'DJF', code: 'x',
      flags: 0, pending_id: null, reference: 'é"\\\n\t\u0001/ع', unique_reference: null, reversal_of: null, till_session_id: null,
      operator: 'o', approver: null, reason: 'line\r\nbreak', at: '2025-01-01T10:00:00.000+03:00',
    };
    const prev = '0'.repeat(64);
    const { rows } = await ho.staff.query<{ hash: string }>(
      'SELECT ho.transfer_hash(r) AS hash FROM jsonb_populate_record(NULL::ho.transfer_row, $1::jsonb) r',
      [JSON.stringify({ ...row, prev_hash: prev, hash: '' })],
    );
    expect(rows[0]!.hash).toBe(transferHash(prev, row));
  });

  it('accepts a batch that continues the chain and answers the acked seq and hash', async () => {
    const rows = branch.transfers();
    const answer = await api.push({ sent_at: sentAt(), transfers: rows.slice(0, 10) });
    expect(answer).toMatchObject({ status: 'ok', acked_seq: 10, acked_hash: rows[9]!.hash, inserted: 10, duplicates: 0 });
  });

  it('answers a resend with the same reply and inserts nothing', async () => {
    const rows = branch.transfers();
    const again = await api.push({ sent_at: sentAt(), transfers: rows.slice(0, 10) });
    expect(again).toMatchObject({ status: 'ok', acked_seq: 10, inserted: 0, duplicates: 10 });
    const overlap = await api.push({ sent_at: sentAt(), transfers: rows.slice(5, 15) });
    expect(overlap).toMatchObject({ status: 'ok', acked_seq: 15, inserted: 5, duplicates: 5 });
    // A stale batch wholly below the cursor (found by the replication simulation).
    const stale = await api.push({ sent_at: sentAt(), transfers: rows.slice(2, 6) });
    expect(stale).toMatchObject({ status: 'ok', acked_seq: 15, inserted: 0, duplicates: 4 });
  });

  it('refuses a batch that skips ahead with the seq it expects, keeping nothing of it', async () => {
    const rows = branch.transfers();
    const answer = await api.push({ sent_at: sentAt(), transfers: rows.slice(16, 20) });
    expect(answer).toMatchObject({ status: 'gap', acked_seq: 15, expected_seq: 16 });
    const { rows: held } = await ho.staff.query<{ n: string }>('SELECT count(*) AS n FROM ho.transfers');
    expect(Number(held[0]!.n)).toBe(15);
  });

  it('refuses a tampered row whole and raises an alarm', async () => {
    const rows = branch.transfers().slice(15, 20);
    const tampered = rows.map((r, i) => (i === 2 ? { ...r, amount: r.amount + 1000 } : r));
    const answer = await api.push({ sent_at: sentAt(), transfers: tampered });
    expect(answer).toMatchObject({ status: 'tampered', acked_seq: 15 });
    const state = await api.linkState();
    expect(state.acked_seq).toBe(15);
    expect(state.alarms[0]).toMatchObject({ kind: 'tampered-batch', seq: 18 });
  });

  it('refuses a re-hashed forgery that does not hang from the chain head office holds', async () => {
    const [first, ...rest] = branch.transfers().slice(15, 20);
    const forged = { ...first!, prev_hash: 'f'.repeat(64) };
    forged.hash = transferHash(forged.prev_hash, forged);
    let prev = forged.hash;
    const chain = [forged, ...rest.map((r) => {
      const row = { ...r, prev_hash: prev };
      row.hash = transferHash(prev, row);
      prev = row.hash;
      return row;
    })];
    const answer = await api.push({ sent_at: sentAt(), transfers: chain });
    expect(answer).toMatchObject({ status: 'diverged', acked_seq: 15 });
  });

  it('quarantines a same-seq different-hash row, keeps the original and raises an alarm', async () => {
    const rows = branch.transfers();
    const original = rows[4]!;
    const other = { ...original, amount: original.amount + 1 };
    other.hash = transferHash(other.prev_hash, other);
    const answer = await api.push({ sent_at: sentAt(), transfers: [other] });
    expect(answer).toMatchObject({ status: 'conflict', acked_seq: 15 });
    const { rows: kept } = await ho.staff.query<{ hash: string; amount: string }>('SELECT hash, amount FROM ho.transfers WHERE seq = 5');
    expect(kept[0]).toMatchObject({ hash: original.hash, amount: String(original.amount) });
    const { rows: quarantined } = await ho.staff.query<{ seq: string; offered_hash: string; kept_hash: string }>(
      'SELECT seq, offered_hash, kept_hash FROM ho.quarantine',
    );
    expect(quarantined).toEqual([{ seq: '5', offered_hash: other.hash, kept_hash: original.hash }]);
    const state = await api.linkState();
    expect(state.quarantined).toBe(1);
    expect(state.alarms.map((a) => a.kind)).toContain('same-seq-different-hash');
  });

  it('refuses UPDATE and DELETE of held transfers even for head-office staff', async () => {
    await expect(ho.staff.query('UPDATE ho.transfers SET amount = 1 WHERE seq = 1')).rejects.toThrow(/refused/);
    await expect(ho.staff.query('DELETE FROM ho.transfers WHERE seq = 1')).rejects.toThrow(/refused/);
  });

  it('compares a day close: match, then a mismatch shown with the differing accounts', async () => {
    const rows = branch.transfers();
    await api.push({ sent_at: sentAt(), transfers: rows.slice(15, 20) });
    const totals = new Map<string, { d: number; c: number }>();
    for (const r of rows) {
      totals.set(r.debit_account_id, { d: (totals.get(r.debit_account_id)?.d ?? 0) + r.amount, c: totals.get(r.debit_account_id)?.c ?? 0 });
      totals.set(r.credit_account_id, { d: totals.get(r.credit_account_id)?.d ?? 0, c: (totals.get(r.credit_account_id)?.c ?? 0) + r.amount });
    }
    const accounts = [...totals].map(([account_id, t]) => ({ account_id, debits_posted: t.d, credits_posted: t.c }));
    const summary = { business_date: '2025-01-01', last_seq: 20, last_hash: rows[19]!.hash, accounts };
    expect(await api.compareDayClose(summary)).toMatchObject({ outcome: 'match', differences: [], hash_matches: true });
    const wrong = { ...summary, accounts: accounts.map((a, i) => (i === 0 ? { ...a, debits_posted: a.debits_posted + 100 } : a)) };
    const answer = await api.compareDayClose(wrong);
    expect(answer.outcome).toBe('mismatch');
    expect(answer.differences).toHaveLength(1);
    expect(answer.differences[0]).toMatchObject({ account_id: accounts[0]!.account_id, branch_debits: accounts[0]!.debits_posted + 100 });
    const ahead = await api.compareDayClose({ ...summary, last_seq: 25 });
    expect(ahead.outcome).toBe('behind');
  });
});
