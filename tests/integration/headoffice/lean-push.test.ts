import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuid7 } from '@shared/uuid7';
import { HeadOfficeApi, type EncodedPush, type PushBatch } from '../../../electron/services/headoffice/head-office-api';
import { HeadOfficeSavingsApi } from '../../../electron/services/headoffice/savings-api';
import { encodeLeanPush } from '../../../electron/services/headoffice/lean-push';
import { PUSH_COLUMNS } from '../../../electron/services/headoffice/migrations/0002-branch-functions';
import { LEAN_BATCH_PARAMS, LEAN_PUSH_SIGNATURE, LEAN_ROW_COLUMNS } from '../../../electron/services/headoffice/migrations/0013-lean-push';
import type { SqlConnection } from '../../../electron/services/headoffice/sql-runner';
import type { LedgerTransferTable } from '../../../electron/services/ledger/ledger.tables';
import { GENESIS_HASH, transferHash } from '../../../electron/services/ledger/transfer-hash';
import { ReplicationStore } from '../../../electron/services/replication/replication.repository';
import { openTestBranchLedger, type TestBranchLedger } from '../../support/branch-ledger';
import { startTestHeadOffice, type TestHeadOffice } from '../../support/head-office';
import { postgresServer } from '../../support/postgres';
import { expectConverged } from '../../support/replication-checks';
import { branchUrl, makeJob } from '../../support/replication-world';
import { allocateNumbers, publishProduct, SavingsBookings } from '../../support/savings-world';
import { FaultyProxy } from '../../support/tcp-proxy';
import { makeTempDir } from '../../support/temp-dir';

/**
 * The lean push (head-office migration 0013): no per-row hashes, each distinct value once,
 * UUIDs as 16 bytes. Head office rebuilds every row and its chain; what it holds must be
 * byte for byte what the branch booked, and every check of the column form still bites.
 */

const sentAt = () => new Date().toISOString();
const temp = makeTempDir('ho-lean-push-');

/** Text the encoder must not bend: array syntax, quotes, NULL as a word, empty, Arabic, an emoji, a UUID in capitals. */
const AWKWARD = ['a"b', 'back\\slash', 'line\nbreak', '{x,y}', 'NULL', '', 'عربي', '😀', ' spaced ', '0190A3C4-1B2C-7D3E-8F40-123456789ABC'];

/** A valid chain whose ids and texts go every way the encoder knows: `<op>/<k>`, bare UUIDs, anything else. */
function awkwardChain(count: number, first = 1, prev = GENESIS_HASH): LedgerTransferTable[] {
  const rows: LedgerTransferTable[] = [];
  let operation = uuid7();
  for (let i = 0; i < count; i += 1) {
    const seq = first + i;
    if (i % 3 === 0) operation = i % 9 === 0 ? `OP-${seq}` : uuid7();
    const text = AWKWARD[seq % AWKWARD.length]!;
    const id = i % 4 === 0 ? uuid7() : i % 4 === 1 ? `${operation}/${(i % 3) + 1}` : i % 4 === 2 ? `${operation}/0${i}` : `t-${seq}`;
    const row = {
      seq, id, operation_id: operation, debit_account_id: i % 2 ? `till-cash:${operation}` : 'safe:DJF', credit_account_id: `revenue:${text}`,
      amount: i === 5 ? 2 ** 40 + 7 : 100 + seq, currency: 'DJF', code: 'sale', flags: i % 3, pending_id: i % 5 === 0 ? `${operation}/1` : null,
      reference: text, unique_reference: seq % 2 ? `S${seq}` : null, reversal_of: i % 7 === 0 ? uuid7() : null, till_session_id: i % 2 ? uuid7() : null,
      operator: 'clerk', approver: seq % 4 ? null : 'boss', reason: seq % 5 ? null : text, at: `2025-01-01T10:${String(Math.floor(seq / 60)).padStart(2, '0')}:${String(seq % 60).padStart(2, '0')}.000+03:00`,
      prev_hash: prev, hash: '',
    };
    row.hash = transferHash(prev, row);
    prev = row.hash;
    rows.push(row);
  }
  return rows;
}

const columnsOf = (rows: LedgerTransferTable[]) => PUSH_COLUMNS.map(([name]) => rows.map((row) => row[name]));
/** The same connection without binary parameters: what the PGlite demo head office gets. */
const plainParameters = (connection: SqlConnection): SqlConnection => ({ query: (text, params) => connection.query(text, params), close: () => connection.close() });
/** A lean parameter by name, for tests that alter one on the way. */
const leanParam = (name: string) => [...LEAN_BATCH_PARAMS, ...LEAN_ROW_COLUMNS].findIndex(([n]) => n === name);

describe('the lean push', () => {
  let ho: TestHeadOffice;

  beforeAll(async () => {
    ho = await startTestHeadOffice();
  }, 120_000);
  afterAll(async () => {
    await ho?.close();
    temp.remove();
  }, 120_000);

  const branchApi = async (code: string, binary = true) => {
    const { role } = await ho.addBranch(code);
    const connection = await ho.connectAs(role);
    const session = new HeadOfficeApi(binary ? connection : plainParameters(connection));
    expect(await session.offersLeanPush()).toBe(true);
    return { connection, api: new HeadOfficeApi(binary ? connection : plainParameters(connection), code, 'lean') };
  };
  const held = async (code: string) =>
    (await ho.staff.query<LedgerTransferTable & { seq: string; amount: string }>(
      `SELECT ${PUSH_COLUMNS.map(([name]) => name).join(', ')} FROM ho.transfers WHERE branch_code = $1 ORDER BY seq`,
      [code],
    )).rows.map((r) => ({ ...r, seq: Number(r.seq), amount: Number(r.amount) }));
  const alarms = async (code: string) =>
    (await ho.staff.query<{ kind: string; seq: string }>('SELECT kind, seq FROM ho.alarms WHERE branch_code = $1 ORDER BY id', [code])).rows;

  it('keeps every value and hash byte for byte, over node-postgres and over plain parameters alike', async () => {
    const rows = awkwardChain(60);
    for (const [code, binary] of [['LEANBIN', true], ['LEANTXT', false]] as const) {
      const { api } = await branchApi(code, binary);
      expect(await api.push({ sent_at: sentAt(), columns: columnsOf(rows.slice(0, 35)) })).toMatchObject({ status: 'ok', acked_seq: 35, inserted: 35 });
      // A resend overlapping what head office holds (a lost reply): the held rows count as duplicates.
      expect(await api.push({ sent_at: sentAt(), columns: columnsOf(rows.slice(30)) })).toMatchObject({ status: 'ok', acked_seq: 60, inserted: 25, duplicates: 5 });
      expect(await api.push({ sent_at: sentAt(), columns: columnsOf(rows.slice(30)) })).toMatchObject({ status: 'ok', acked_seq: 60, inserted: 0, duplicates: 30 });
      expect(await held(code)).toEqual(rows);
      expect(await alarms(code)).toEqual([]);
    }
  });

  it('sends no per-row hash and each distinct UUID once, as 16 bytes', () => {
    const rows = awkwardChain(30);
    const params = encodeLeanPush(columnsOf(rows), false);
    const wire = JSON.stringify(params);
    for (const row of rows.slice(0, -1)) expect(wire).not.toContain(row.hash);
    expect(params.slice(1, 3)).toEqual([GENESIS_HASH, rows[29]!.hash]);
    const uuids = params[leanParam('uuids')] as string[];
    expect(new Set(uuids).size).toBe(uuids.length);
    // An id made as `<op>/<k>` is not in the batch at all: -k stands for it.
    const derived = rows.filter((r) => r.id.startsWith(`${r.operation_id}/`) && /^[1-9]\d*$/.test(r.id.slice(r.operation_id.length + 1)));
    const ids = (params[leanParam('id')] as string).slice(1, -1).split(',').map(Number);
    expect(derived.length).toBeGreaterThan(0);
    expect(ids.filter((k) => k < 0)).toEqual(derived.map((r) => -Number(r.id.split('/')[1])));
  });

  it('refuses a batch whose rows were altered on the way: tampered, an alarm, nothing kept', async () => {
    const { api } = await branchApi('LEANTAMP');
    const rows = awkwardChain(12);
    const encoded = api.encodePush({ columns: columnsOf(rows) });
    const amounts = encoded.params[leanParam('amount')] as string;
    const altered: EncodedPush = { ...encoded, params: encoded.params.map((p, i) => (i === leanParam('amount') ? amounts.replace(/^\{\d+/, '{999999') : p)) };
    expect(await api.push({ sent_at: sentAt(), columns: [] }, altered)).toMatchObject({ status: 'tampered', acked_seq: 0, detail: expect.stringMatching(/seq 12/) });
    // Another last hash than the rows give: the same.
    const lastHash: EncodedPush = { ...encoded, params: encoded.params.map((p, i) => (i === leanParam('last_hash') ? 'f'.repeat(64) : p)) };
    expect(await api.push({ sent_at: sentAt(), columns: [] }, lastHash)).toMatchObject({ status: 'tampered', acked_seq: 0 });
    expect((await alarms('LEANTAMP')).map((a) => [a.kind, Number(a.seq)])).toEqual([['tampered-batch', 12], ['tampered-batch', 12]]);
    expect(await held('LEANTAMP')).toEqual([]);
    expect(await api.push({ sent_at: sentAt(), columns: columnsOf(rows) })).toMatchObject({ status: 'ok', acked_seq: 12 });
  });

  it('refuses columns of unequal length or a missing hash as malformed, and answers an empty batch with the cursor', async () => {
    const { api } = await branchApi('LEANSHAPE');
    const rows = awkwardChain(4);
    const full = api.encodePush({ columns: columnsOf(rows) });
    const short = api.encodePush({ columns: columnsOf(rows.slice(0, 3)) });
    const mixed: EncodedPush = { ...full, params: full.params.map((p, i) => (i === leanParam('at') ? short.params[i] : p)) };
    expect(await api.push({ sent_at: sentAt(), columns: [] }, mixed)).toMatchObject({ status: 'malformed', acked_seq: 0 });
    const unhung: EncodedPush = { ...full, params: full.params.map((p, i) => (i === leanParam('prev_hash') ? null : p)) };
    expect(await api.push({ sent_at: sentAt(), columns: [] }, unhung)).toMatchObject({ status: 'malformed', acked_seq: 0 });
    expect(await api.push({ sent_at: sentAt(), columns: columnsOf([]) })).toMatchObject({ status: 'ok', acked_seq: 0, inserted: 0 });
    expect(() => api.encodePush({ columns: columnsOf([rows[0]!, rows[2]!]) })).toThrow(/consecutive/);
    expect(await held('LEANSHAPE')).toEqual([]);
  });

  it('answers a gap, a diverged chain and a same-seq-different-hash row as the column form does', async () => {
    const { api } = await branchApi('LEANCHAIN');
    const rows = awkwardChain(20);
    expect(await api.push({ sent_at: sentAt(), columns: columnsOf(rows.slice(0, 10)) })).toMatchObject({ status: 'ok', acked_seq: 10 });
    expect(await api.push({ sent_at: sentAt(), columns: columnsOf(rows.slice(12)) })).toMatchObject({ status: 'gap', acked_seq: 10, expected_seq: 11 });
    // Hung from a chain head office does not hold.
    const elsewhere = awkwardChain(5, 11, 'a'.repeat(64));
    expect(await api.push({ sent_at: sentAt(), columns: columnsOf(elsewhere) })).toMatchObject({ status: 'diverged', acked_seq: 10 });
    // Rows 4..6 offered again with another content: quarantined, alarmed, originals kept.
    const rehashed = rows.slice(3, 6).map((r) => ({ ...r, amount: r.amount + 1 }));
    let prev = rows[2]!.hash;
    for (const r of rehashed) {
      r.prev_hash = prev;
      r.hash = transferHash(prev, r);
      prev = r.hash;
    }
    expect(await api.push({ sent_at: sentAt(), columns: columnsOf(rehashed) })).toMatchObject({ status: 'conflict', acked_seq: 10 });
    const quarantined = await ho.staff.query<{ seq: string; kept_hash: string; offered_hash: string }>(
      "SELECT seq, kept_hash, offered_hash FROM ho.quarantine WHERE branch_code = 'LEANCHAIN' ORDER BY seq",
    );
    expect(quarantined.rows.map((q) => [Number(q.seq), q.kept_hash, q.offered_hash])).toEqual(rehashed.map((r, i) => [r.seq, rows[3 + i]!.hash, r.hash]));
    expect((await alarms('LEANCHAIN')).map((a) => [a.kind, Number(a.seq)])).toEqual([
      ['diverged-chain', 11],
      ['same-seq-different-hash', 4],
      ['same-seq-different-hash', 5],
      ['same-seq-different-hash', 6],
    ]);
    expect(await held('LEANCHAIN')).toEqual(rows.slice(0, 10));
  });

  it("is refused with another branch's code, and to head-office staff", async () => {
    const { connection } = await branchApi('LEANA');
    await ho.addBranch('LEANB');
    const rows = awkwardChain(2);
    const forB = new HeadOfficeApi(connection, 'LEANB', 'lean');
    await expect(forB.push({ sent_at: sentAt(), columns: columnsOf(rows) })).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(/speaks for branch LEANA, not for branch LEANB/) });
    await expect(new HeadOfficeApi(ho.staff, 'LEANA', 'lean').push({ sent_at: sentAt(), columns: columnsOf(rows) })).rejects.toMatchObject({ code: '42501' });
    expect(await held('LEANB')).toEqual([]);
  });

  describe('with a registered journal key (a real branch ledger)', () => {
    let branch: TestBranchLedger;
    beforeAll(async () => {
      branch = await openTestBranchLedger(temp.dir);
    });
    afterAll(async () => {
      await branch?.close();
    });

    it('takes a signed batch, and refuses an unsigned or forged one with the same alarms as the column form', async () => {
      const { api } = await branchApi('LEANSIG');
      const store = new ReplicationStore(branch.opened.sqlite);
      expect(await api.registerJournalKey(store.journalPublicKey()!)).toMatchObject({ status: 'registered' });
      branch.sell(20);
      const first = store.unsentColumns(0, 10);
      const batch = (signature: string | null): PushBatch => ({ sent_at: sentAt(), signature, columns: first.columns });
      expect(await api.push(batch(null))).toMatchObject({ status: 'unsigned', acked_seq: 0 });
      const other = store.unsentColumns(10, 10).signature;
      expect(await api.push(batch(other))).toMatchObject({ status: 'forged', acked_seq: 0 });
      expect(await api.push(batch(first.signature))).toMatchObject({ status: 'ok', acked_seq: 10, inserted: 10 });
      expect(await api.journalSignature(10)).toBe(first.signature);
      const rest = store.unsentColumns(10, 100);
      expect(await api.push({ sent_at: sentAt(), signature: rest.signature, columns: rest.columns })).toMatchObject({ status: 'ok', acked_seq: 20 });
      expect(await held('LEANSIG')).toEqual(branch.transfers());
      expect((await alarms('LEANSIG')).map((a) => a.kind)).toEqual(['unsigned-batch', 'forged-batch']);
    });
  });

  it("books a savings deposit pushed lean: the rows go into ho.transfers and its savings trigger fires once", async () => {
    const { api, connection } = await branchApi('LEANSAV');
    const ledger = await openTestBranchLedger(temp.dir, undefined, 'savings.sqlite');
    try {
      await publishProduct(ho.staff);
      const [number] = await allocateNumbers(ho.staff, 'LEANSAV', 1);
      const opened = await new HeadOfficeSavingsApi(connection, 'LEANSAV').open({
        operationId: uuid7(), accountNumber: number!, customerId: uuid7(), productCode: 'livret-a', kycTier: 'basic', openedAt: sentAt(),
      });
      expect(opened.outcome).toBe('opened');
      new SavingsBookings(ledger).deposit(number!, 25_000);
      const batch = { sent_at: sentAt(), columns: columnsOf(ledger.transfers()) };
      expect(await api.push(batch)).toMatchObject({ status: 'ok', inserted: 1 });
      // Resent (a lost reply): held already, credited once.
      expect(await api.push(batch)).toMatchObject({ status: 'ok', inserted: 0, duplicates: 1 });
      const account = await new HeadOfficeSavingsApi(connection, 'LEANSAV').account(number!);
      expect(account).toMatchObject({ found: true, account: { balance: 25_000, status: 'active', lines: 1 } });
    } finally {
      await ledger.close();
    }
  });

  describe('the replication job', () => {
    let branch: TestBranchLedger;
    let proxy: FaultyProxy;
    beforeAll(async () => {
      branch = await openTestBranchLedger(temp.dir, undefined, 'job.sqlite');
      const server = await postgresServer();
      proxy = new FaultyProxy(server.host, server.port);
      await proxy.start();
    });
    afterAll(async () => {
      await proxy?.stop();
      await branch?.close();
    });

    it('pushes lean once head office offers it, every column to a head office that does not, and converges either way', async () => {
      const { role } = await ho.addBranch('LEANJOB');
      /** Bytes up per transfer for one exchange that sends `count` new sales, on a fresh session. */
      const sendSales = async (count: number) => {
        const job = makeJob({ sqlite: branch.opened.sqlite, url: branchUrl(ho.database.urlAs, role, proxy.port), batchSize: 10_000 });
        await job.syncNow(); // the link check, the key, the pulls: not the push's bytes
        branch.sell(count);
        const before = proxy.carried.up;
        const status = await job.syncNow();
        await job.stop();
        expect(status).toMatchObject({ unsynced: 0, lastError: null });
        return (proxy.carried.up - before) / count;
      };
      const lean = await sendSales(500);
      expect(lean).toBeLessThan(200);

      // A head office without the lean door (as before migration 0013) for this role.
      await ho.staff.query(`REVOKE EXECUTE ON FUNCTION ${LEAN_PUSH_SIGNATURE} FROM ho_branch`);
      let columns = 0;
      try {
        columns = await sendSales(500);
        expect(columns).toBeGreaterThan(300);
      } finally {
        await ho.staff.query(`GRANT EXECUTE ON FUNCTION ${LEAN_PUSH_SIGNATURE} TO ho_branch`);
      }
      await expectConverged(ho.staff, 'LEANJOB', branch.opened.sqlite);
      console.log(JSON.stringify({ bytesUpPerTransfer: { lean: Math.round(lean), columns: Math.round(columns) } }));
    });
  });
});
