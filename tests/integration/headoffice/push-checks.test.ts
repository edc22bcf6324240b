import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadOfficeApi } from '../../../electron/services/headoffice/head-office-api';
import type { SqlConnection } from '../../../electron/services/headoffice/sql-runner';
import type { LedgerTransferTable } from '../../../electron/services/ledger/ledger.tables';
import { GENESIS_HASH, transferHash } from '../../../electron/services/ledger/transfer-hash';
import { startTestHeadOffice, type TestHeadOffice } from '../../support/head-office';

/**
 * What the one-pass push (head-office migration 0004) checks besides what push.test.ts
 * covers: the chain inside a batch, sequence order, the shape of the columns, and that
 * values arrive byte for byte over both encodings (binary arrays on node-postgres,
 * plain arrays elsewhere).
 */

const sentAt = () => new Date().toISOString();

/** Tricky text for both encodings: quotes, escapes, controls, array syntax, the word NULL, Arabic, an emoji. */
const AWKWARD = ['a"b', 'back\\slash', 'line\nbreak\r\ttab', '\u0001\u001f', '{x,y}', 'NULL', '', 'عربي', '😀 U+1F600', ' lead and trail '];

/** A chain of valid transfers from `first`, hung from `prev`, every free text field awkward. */
function chain(count: number, first = 1, prev = GENESIS_HASH): LedgerTransferTable[] {
  const rows: LedgerTransferTable[] = [];
  for (let i = 0; i < count; i += 1) {
    const seq = first + i;
    const text = AWKWARD[seq % AWKWARD.length]!;
    const row = {
      seq, id: `t-${seq}`, operation_id: `op-${seq}`, debit_account_id: 'safe:DJF', credit_account_id: `revenue:${text}`,
      amount: 100 + seq, currency: 'DJF', code: 'sale', flags: seq % 3 === 0 ? 1 : 0, pending_id: null,
      reference: text, unique_reference: seq % 2 ? `S${seq}` : null, reversal_of: null, till_session_id: null,
      operator: 'clerk', approver: seq % 4 ? null : 'boss', reason: seq % 5 ? null : text, at: `2025-01-01T10:${String(seq % 60).padStart(2, '0')}:00.000+03:00`,
      prev_hash: prev, hash: '',
    };
    row.hash = transferHash(prev, row);
    prev = row.hash;
    rows.push(row);
  }
  return rows;
}

/** The same connection without binary parameters: the push sends plain arrays, as to PGlite. */
const plainArrays = (connection: SqlConnection): SqlConnection => ({ query: (text, params) => connection.query(text, params), close: () => connection.close() });

describe('head office push checks (one pass, binary wire)', () => {
  let ho: TestHeadOffice;

  beforeAll(async () => {
    ho = await startTestHeadOffice();
  }, 120_000);
  afterAll(async () => {
    await ho?.close();
  }, 120_000);

  const apiFor = async (code: string, binary = true): Promise<HeadOfficeApi> => {
    const { role } = await ho.addBranch(code);
    const connection = await ho.connectAs(role);
    expect(connection.binaryParameters).toBe(true);
    return new HeadOfficeApi(binary ? connection : plainArrays(connection));
  };
  const held = async (code: string) =>
    (await ho.staff.query<LedgerTransferTable & { seq: string; amount: string }>(
      `SELECT seq, id, operation_id, debit_account_id, credit_account_id, amount, currency, code, flags, pending_id, reference,
              unique_reference, reversal_of, till_session_id, operator, approver, reason, at, prev_hash, hash
         FROM ho.transfers WHERE branch_code = $1 ORDER BY seq`,
      [code],
    )).rows.map((r) => ({ ...r, seq: Number(r.seq), amount: Number(r.amount) }));

  it('keeps every value byte for byte over binary arrays and over plain arrays alike', async () => {
    const rows = chain(40);
    for (const [code, binary] of [['WIREBIN', true], ['WIRETXT', false]] as const) {
      const api = await apiFor(code, binary);
      expect(await api.push({ sent_at: sentAt(), transfers: rows.slice(0, 25) })).toMatchObject({ status: 'ok', acked_seq: 25, inserted: 25 });
      expect(await api.push({ sent_at: sentAt(), transfers: rows.slice(20) })).toMatchObject({ status: 'ok', acked_seq: 40, inserted: 15, duplicates: 5 });
      expect(await held(code)).toEqual(rows);
    }
  });

  it('refuses a row re-hashed inside the batch: the next row no longer hangs from it', async () => {
    const api = await apiFor('INCHAIN');
    const rows = chain(10);
    const forged = { ...rows[4]!, amount: rows[4]!.amount + 1000 };
    forged.hash = transferHash(forged.prev_hash, forged);
    const answer = await api.push({ sent_at: sentAt(), transfers: rows.map((r, i) => (i === 4 ? forged : r)) });
    expect(answer).toMatchObject({ status: 'tampered', acked_seq: 0, detail: expect.stringMatching(/seq 6/) });
    const state = await api.linkState();
    expect(state.alarms[0]).toMatchObject({ kind: 'tampered-batch', seq: 6 });
    expect(await held('INCHAIN')).toEqual([]);
  });

  it('refuses a batch out of sequence order, or with a repeated row, keeping nothing', async () => {
    const api = await apiFor('ORDER');
    const rows = chain(6);
    const swapped = [rows[0]!, rows[2]!, rows[1]!, ...rows.slice(3)];
    expect(await api.push({ sent_at: sentAt(), transfers: swapped })).toMatchObject({ status: 'malformed', acked_seq: 0 });
    expect(await api.push({ sent_at: sentAt(), transfers: [...rows, rows[5]!] })).toMatchObject({ status: 'malformed', acked_seq: 0 });
    expect(await held('ORDER')).toEqual([]);
    expect(await api.push({ sent_at: sentAt(), transfers: rows })).toMatchObject({ status: 'ok', acked_seq: 6 });
  });

  it('refuses columns of unequal length as malformed, and answers an empty batch with the cursor', async () => {
    const api = await apiFor('SHAPE');
    const rows = chain(3);
    const full = api.encodePush({ transfers: rows });
    const short = api.encodePush({ transfers: rows.slice(0, 2) });
    const mixed = { ...full, params: [...full.params.slice(0, 19), short.params[19]] };
    expect(await api.push({ sent_at: sentAt(), transfers: rows }, mixed)).toMatchObject({ status: 'malformed', acked_seq: 0 });
    expect(await api.push({ sent_at: sentAt(), transfers: [] })).toMatchObject({ status: 'ok', acked_seq: 0, inserted: 0 });
    expect(await held('SHAPE')).toEqual([]);
  });

  it('runs ho.push on generic plans, where p_x[i] is one step (a custom plan makes it quadratic)', async () => {
    const { rows } = await ho.staff.query<{ config: string[] }>("SELECT proconfig AS config FROM pg_proc WHERE oid = 'ho.push'::regproc");
    expect(rows[0]!.config).toContain('plan_cache_mode=force_generic_plan');
  });
});
