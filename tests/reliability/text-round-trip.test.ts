import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { methods } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import { HeadOfficeApi } from '../../electron/services/headoffice/head-office-api';
import { accountFor } from '../../electron/services/ledger/accounts';
import { fingerprintOf } from '../../electron/services/ledger/ledger';
import type { LedgerTransferTable } from '../../electron/services/ledger/ledger.tables';
import { transferHash } from '../../electron/services/ledger/transfer-hash';
import { openTestBranchLedger, type TestBranchLedger } from '../support/branch-ledger';
import { startTestHeadOffice, type TestHeadOffice } from '../support/head-office';
import { makeTempDir } from '../support/temp-dir';

/**
 * Any string the contract's text rule accepts is stored, hashed and replicated without a
 * change of a byte: SQLite keeps it, the branch's hash over the stored row is the hash it
 * booked, PostgreSQL keeps it, and head office's PL/pgSQL recomputation (ho.transfer_hash,
 * inside the real ho.push) gives the same hash, so the batch is accepted.
 * Before the rule, a lone surrogate was accepted, stored as U+FFFD by SQLite and failed the
 * hash; a NUL was accepted and refused by PostgreSQL forever.
 */

const saleReference = methods['sale.complete'].input.shape.lines.element.shape.reference.unwrap();
const voidReason = methods['till.voidOperation'].input.shape.reason;

// Code units from every corner that has broken something: controls, DEL/C1, surrogates (paired
// and lone), bidi controls and marks, combining accents (NFC), Arabic, the BOM, noncharacters.
const nastyUnit = fc.oneof(
  fc.integer({ min: 0x00, max: 0x20 }),
  fc.integer({ min: 0x7f, max: 0x9f }),
  fc.integer({ min: 0xd800, max: 0xdfff }),
  fc.constantFrom(0x200b, 0x200d, 0x200e, 0x200f, 0x061c, 0x2028, 0x2029, 0x202a, 0x202e, 0x2066, 0x2069, 0xfeff, 0xfffe, 0xffff, 0x0301, 0x0327, 0x00ad),
  fc.integer({ min: 0x0600, max: 0x06ff }),
).map((unit) => String.fromCharCode(unit));
const anyText = (maxLength: number) =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: fc.oneof(nastyUnit, fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 })), maxLength }),
    fc.constantFrom('RR00\u00000001DJ', 'RR\ud800X', 'oops\udfff', 'RR\u202e123', 'Ame\u0301lie', 'ب\u200fRR', 'a\tb\nc'),
  );

let ho: TestHeadOffice;
let branch: TestBranchLedger;
let api: HeadOfficeApi;
const temp = makeTempDir('text-round-trip-');

beforeAll(async () => {
  ho = await startTestHeadOffice();
  branch = await openTestBranchLedger(temp.dir);
  const { role } = await ho.addBranch('TXT1');
  api = new HeadOfficeApi(await ho.connectAs(role));
}, 120_000);
afterAll(async () => {
  await branch?.close();
  await ho?.close();
  temp.remove();
}, 120_000);

const utf8 = (text: string | null) => Buffer.from(text ?? '', 'utf8');

/** Books one transfer carrying the two strings, as the ledger books any operation. */
function book(reference: string, reason: string): LedgerTransferTable {
  let seq = 0;
  branch.ledger.run(
    { id: uuid7(), kind: 'text-probe', fingerprint: fingerprintOf('text-probe', { reference, reason }), tillSessionId: null, operator: 'amina', approver: null, reason },
    (w) => {
      seq = w.transfer({ debit: accountFor.safe('DJF'), credit: accountFor.revenue('stamp', 'DJF'), amount: 100, currency: 'DJF', code: 'sale', reference }).seq;
      return { ok: true };
    },
  );
  return branch.opened.sqlite.prepare('SELECT * FROM ledger_transfers WHERE seq = ?').get(seq) as LedgerTransferTable;
}

it('any string the contract accepts round-trips byte for byte through SQLite and PostgreSQL and hashes the same at head office', async () => {
  let checked = 0;
  await fc.assert(
    fc.asyncProperty(anyText(48), anyText(120), async (rawReference, rawReason) => {
      const reference = saleReference.safeParse(rawReference);
      const reason = voidReason.safeParse(rawReason);
      fc.pre(reference.success && reason.success);
      const row = book(reference.data, reason.data);
      checked += 1;

      // SQLite keeps the exact bytes, and the stored row still matches the hash booked with it.
      const stored = branch.opened.sqlite
        .prepare('SELECT CAST(reference AS BLOB) AS reference, CAST(reason AS BLOB) AS reason FROM ledger_transfers WHERE seq = ?')
        .get(row.seq) as { reference: Buffer; reason: Buffer };
      expect(stored.reference.equals(utf8(reference.data))).toBe(true);
      expect(stored.reason.equals(utf8(reason.data))).toBe(true);
      expect(transferHash(row.prev_hash, row)).toBe(row.hash);

      // Head office takes it through the real push (binary arrays, ho.transfer_hash in PL/pgSQL).
      const answer = await api.push({ sent_at: new Date().toISOString(), transfers: [row] });
      expect(answer).toMatchObject({ status: 'ok', acked_seq: row.seq, acked_hash: row.hash, inserted: 1 });
      const held = await ho.staff.query<{ reference: Buffer; reason: Buffer; hash: string; recomputed: string }>(
        `SELECT convert_to(t.reference, 'UTF8') AS reference, convert_to(t.reason, 'UTF8') AS reason, t.hash,
                ho.transfer_hash(ROW(t.seq, t.id, t.operation_id, t.debit_account_id, t.credit_account_id, t.amount, t.currency, t.code,
                  t.flags, t.pending_id, t.reference, t.unique_reference, t.reversal_of, t.till_session_id, t.operator, t.approver,
                  t.reason, t.at, t.prev_hash, t.hash)::ho.transfer_row) AS recomputed
           FROM ho.transfers t WHERE t.branch_code = 'TXT1' AND t.seq = $1`,
        [row.seq],
      );
      const [copy] = held.rows;
      expect(copy?.reference.equals(utf8(reference.data))).toBe(true);
      expect(copy?.reason.equals(utf8(reason.data))).toBe(true);
      expect(copy?.hash).toBe(row.hash);
      expect(copy?.recomputed).toBe(row.hash);
    }),
    { numRuns: 300 },
  );
  // The generators must mostly produce what the rule accepts, or the property proves little.
  expect(checked).toBeGreaterThan(100);
}, 600_000);
