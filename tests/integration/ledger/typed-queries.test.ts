import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuid7 } from '@shared/uuid7';
import { openJournalKey } from '../../../electron/services/ledger/journal-key';
import { checkJournalAtStart } from '../../../electron/services/ledger/startup-check';
import { verifyLedger } from '../../../electron/services/ledger/verify-ledger';
import { UnprotectedFileSecretStore } from '../../../electron/services/replication/secret-store';
import { cancelPending, confirmReceipt, openTill } from '../../../electron/services/till/till-open';
import { openPending } from '../../../electron/services/till/till-sessions.repository';
import { moveSafeCash } from '../../../electron/services/safe/safe';
import { clerk, djf, HASSAN, openLedgerHarness, type LedgerHarness } from '../../reliability/ledger-harness';
import { makeTempDir } from '../../support/temp-dir';
import { startCounter, type Caller, type TestCounter } from './counter-session';

// The reads and writes that moved from hand-written SQL to Kysely (issue 13) where the new form could
// have answered differently: filters that are now added only when given, a join that replaced a
// lookup per line, a key id no longer left to SQLite's rowid, a receipt number read back with RETURNING.

describe('the ledger and till reads written with Kysely, through the contract', () => {
  let t: TestCounter;
  let hassan: Caller;
  let amina: Caller;
  let sessionG1: string;
  let sessionG2: string;
  let saleId: string;

  beforeAll(async () => {
    t = await startCounter();
    hassan = await t.as('hassan');
    amina = await t.as('amina');
    await hassan.call('safe.receiveCash', { operationId: uuid7(), amount: djf(1_000_000), reference: 'HO-0001' });
    const g1 = await hassan.call('till.open', { operationId: uuid7(), tillId: 'G1', clerk: 'amina', float: djf(50_000) });
    sessionG1 = g1.sessionId;
    await amina.call('till.confirmReceipt', { operationId: uuid7(), pendingTransferId: g1.pending[0]!.transferId });
    const g2 = await hassan.call('till.open', { operationId: uuid7(), tillId: 'G2', clerk: 'omar', float: djf(20_000) });
    sessionG2 = g2.sessionId;
    // Omar's float never arrives: cancelling it closes his till.
    await hassan.call('till.cancelPending', { operationId: uuid7(), pendingTransferId: g2.pending[0]!.transferId, reason: 'float not sent' });
    saleId = uuid7();
    await amina.call('sale.complete', {
      operationId: saleId,
      sessionId: sessionG1,
      lines: [{ productCode: 'STAMP-LOCAL', quantity: 2 }, { productCode: 'ENVELOPE-A4', quantity: 1 }],
      tendered: djf(1_000),
    });
    await amina.call('till.paidOut', { operationId: uuid7(), sessionId: sessionG1, amount: djf(300), reasonCode: 'CLEANING' });
  });
  afterAll(() => t.close());

  it('lists tills by status: live, closed, or all of them', async () => {
    const ids = async (status?: 'live' | 'closed' | 'all') => (await hassan.call('till.list', status ? { status } : {})).map((s) => s.sessionId).sort();
    expect(await ids('live')).toEqual([sessionG1]);
    expect(await ids('closed')).toEqual([sessionG2]);
    expect(await ids('all')).toEqual([sessionG1, sessionG2].sort());
  });

  it('names the account on the other side of the till for each line of an operation', async () => {
    const operations = await amina.call('till.operations', { sessionId: sessionG1, limit: 10 });
    const sale = operations.find((o) => o.operationId === saleId)!;
    expect(sale.lines.map((line) => [line.account.id, line.account.code, line.amount.minor])).toEqual([
      ['revenue:STAMP-LOCAL:DJF', 'revenue', expect.any(Number)],
      ['revenue:ENVELOPE-A4:DJF', 'revenue', expect.any(Number)],
    ]);
    const paidOut = operations.find((o) => o.kind === 'paid-out')!;
    expect(paidOut.lines).toEqual([{ account: { id: 'paid-out:CLEANING:DJF', name: 'Paid out: CLEANING', code: 'paid-out' }, reference: 'CLEANING', amount: djf(300) }]);
    // The float's confirmation: the safe is on the other side.
    expect(operations.find((o) => o.kind === 'pending-post')!.lines[0]!.account.id).toBe('safe:DJF');
    // Newest first.
    expect(operations.map((o) => o.at)).toEqual([...operations.map((o) => o.at)].sort().reverse());
  });

  it('filters the journal by till, clerk, code, reference and page, and finds the corrections', async () => {
    const journal = (query: Record<string, unknown>) => hassan.call('journal.query', query);
    const all = await journal({});
    expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((a, b) => b - a));
    expect((await journal({ tillId: 'G2' })).map((e) => e.code).sort()).toEqual(['float', 'float']);
    expect((await journal({ tillId: 'G1', code: 'sale' })).map((e) => e.operationId)).toEqual([saleId, saleId]);
    expect((await journal({ code: 'paid-out' })).map((e) => e.reference)).toEqual(['CLEANING']);
    expect((await journal({ reference: 'HO-0001' })).map((e) => e.code)).toEqual(['safe-receive']);
    expect((await journal({ clerk: 'amina' })).every((e) => e.operator === 'amina')).toBe(true);
    expect(await journal({ clerk: 'nobody' })).toEqual([]);
    // The cancelled float is a void of a reservation: a correction with its reason.
    const corrections = await journal({ correctionsOnly: true });
    expect(corrections.map((e) => [e.phase, e.correction?.why])).toEqual([['void-pending', 'float not sent']]);
    const page = await journal({ limit: 2 });
    const next = await journal({ limit: 2, beforeSeq: page[1]!.seq });
    expect(next.map((e) => e.seq)).toEqual(all.slice(2, 4).map((e) => e.seq));
  });

  it('lists the accounts of one code, or all of them, by code then id', async () => {
    const revenue = await hassan.call('ledger.accounts', { code: 'revenue' });
    expect(revenue.map((a) => a.id)).toEqual(['revenue:ENVELOPE-A4:DJF', 'revenue:STAMP-LOCAL:DJF']);
    const all = await hassan.call('ledger.accounts', {});
    expect(all.map((a) => `${a.code} ${a.id}`)).toEqual([...all.map((a) => `${a.code} ${a.id}`)].sort());
    expect(all.length).toBeGreaterThan(revenue.length);
  });

  it('numbers receipts one after another', async () => {
    const numbers = [];
    for (let i = 0; i < 3; i += 1) {
      const sale = await amina.call('sale.complete', { operationId: uuid7(), sessionId: sessionG1, lines: [{ productCode: 'STAMP-LOCAL', quantity: 1 }], tendered: djf(100) });
      numbers.push(Number(sale.operationNumber?.split('-').at(-1)));
    }
    expect(numbers[1]! - numbers[0]!).toBe(1);
    expect(numbers[2]! - numbers[1]!).toBe(1);
  });
});

describe('the journal key, made again when the secret store is lost', () => {
  const temp = makeTempDir('typed-keys-');
  let h: LedgerHarness;

  beforeAll(async () => {
    h = await openLedgerHarness(join(temp.dir, 'branch.sqlite'));
  });
  afterAll(async () => {
    await h.close();
    temp.remove();
  });

  it('reads open reservations with or without a session to narrow them', () => {
    const t = h.tills;
    const sqlite = h.opened.sqlite;
    moveSafeCash(t, HASSAN, 'received', { operationId: uuid7(), amount: djf(100_000) });
    const opened = openTill(t, HASSAN, { operationId: uuid7(), tillId: 'G1', clerk: 'amina', float: djf(1_000) });
    const pending = opened.result.pending[0]!.transferId;
    expect(openPending(sqlite).map((p) => p.transferId)).toEqual([pending]);
    expect(openPending(sqlite, opened.result.sessionId)).toEqual(openPending(sqlite));
    expect(openPending(sqlite, 'another-session')).toEqual([]);
    confirmReceipt(t, clerk('amina'), { operationId: uuid7(), pendingTransferId: pending });
    expect(openPending(sqlite)).toEqual([]);
    expect(() => cancelPending(t, HASSAN, { operationId: uuid7(), pendingTransferId: pending, reason: 'too late' })).toThrow(/already posted or voided/);
  });

  it('registers the next key id, signing from after the head, and the chain still checks at start', () => {
    const sqlite = h.opened.sqlite;
    const first = h.tills.ledger.journal;
    const head = verifyLedger(sqlite).lastSeq;
    // Another secret store holds nothing: the database gets a second key. The head is already signed by the first.
    const elsewhere = join(temp.dir, 'elsewhere');
    mkdirSync(elsewhere);
    const second = openJournalKey(sqlite, new UnprotectedFileSecretStore(elsewhere), new Date().toISOString());
    expect(second.keyId).toBe(first.keyId + 1);
    expect(sqlite.prepare('SELECT id, first_seq FROM journal_keys ORDER BY id').all()).toEqual([
      { id: first.keyId, first_seq: 1 },
      { id: second.keyId, first_seq: head + 1 },
    ]);
    expect(sqlite.prepare('SELECT key_id FROM ledger_signatures WHERE seq = ?').pluck().get(head)).toBe(first.keyId);
    expect(checkJournalAtStart(sqlite)).toMatchObject({ ok: true });
    // The balances the ledger wrote are sealed again with the new key.
    expect(verifyLedger(sqlite, { journal: second }).badAccounts).toEqual([]);
  });
});
