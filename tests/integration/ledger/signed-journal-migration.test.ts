import { describe, expect, it, onTestFinished } from 'vitest';
import type { LedgerAccountTable } from '../../../electron/services/ledger/ledger.tables';
import { checkJournalAtStart } from '../../../electron/services/ledger/startup-check';
import { GENESIS_HASH, transferHash } from '../../../electron/services/ledger/transfer-hash';
import { verifyLedger } from '../../../electron/services/ledger/verify-ledger';
import { testJournalKey } from '../../support/journal-key';
import { branchDatabaseAt } from '../../support/schema-at';

const at = '2026-12-04T09:00:00.000+03:00';

describe('migration 0016: a signed journal on a ledger booked before signing', () => {
  it('keeps every row, then the first key adopts the head and seals the balances that match their transfers', async () => {
    const opened = await branchDatabaseAt('0014-audit-by-action');
    onTestFinished(() => opened.close());
    const { sqlite, migrateTo } = opened;
    const account = sqlite.prepare(
      `INSERT INTO ledger_accounts (id, code, currency, name, flags, debits_posted, credits_posted, created_at) VALUES (?, ?, 'DJF', ?, ?, ?, ?, ?)`,
    );
    account.run('safe:DJF', 'safe', 'Safe', 2, 500, 0, at);
    account.run('revenue:STAMP:DJF', 'revenue', 'Revenue', 0, 0, 500, at);
    account.run('over-short:DJF', 'over-short', 'Over/short', 0, 7, 0, at); // wrong already: no transfer moved it
    sqlite.prepare(`INSERT INTO ledger_operations (id, kind, fingerprint, operator, first_seq, transfer_count, result, at) VALUES ('op-1', 'sale', 'f', 'amina', 1, 2, '{}', ?)`).run(at);
    let prev = GENESIS_HASH;
    for (const [seq, amount] of [[1, 200], [2, 300]] as const) {
      const row = {
        seq, id: `op-1/${seq}`, operation_id: 'op-1', debit_account_id: 'safe:DJF', credit_account_id: 'revenue:STAMP:DJF', amount, currency: 'DJF',
        code: 'sale', flags: 0, pending_id: null, reference: null, unique_reference: null, reversal_of: null, till_session_id: null,
        operator: 'amina', approver: null, reason: null, at,
      };
      const hash = transferHash(prev, row);
      sqlite.prepare(`INSERT INTO ledger_transfers (seq, id, operation_id, debit_account_id, credit_account_id, amount, currency, code, flags, operator, at, prev_hash, hash)
        VALUES (@seq, @id, @operation_id, @debit_account_id, @credit_account_id, @amount, @currency, @code, @flags, @operator, @at, @prev_hash, @hash)`).run({ ...row, prev_hash: prev, hash });
      prev = hash;
    }
    const before = sqlite.prepare('SELECT * FROM ledger_transfers ORDER BY seq').all();

    await migrateTo('latest');
    expect(sqlite.prepare('SELECT * FROM ledger_transfers ORDER BY seq').all()).toEqual(before);
    expect(sqlite.prepare('SELECT count(*) FROM ledger_signatures').pluck().get()).toBe(0);
    // Before a key exists the start-up check walks the chain and asks for no signature.
    expect(checkJournalAtStart(sqlite)).toMatchObject({ ok: true, checked: 2 });

    const key = testJournalKey(sqlite, sqlite.name);
    expect(sqlite.prepare('SELECT seq, key_id FROM ledger_signatures').all()).toEqual([{ seq: 2, key_id: key.keyId }]);
    expect(sqlite.prepare('SELECT first_seq, fingerprint FROM journal_keys').all()).toEqual([{ first_seq: 3, fingerprint: key.fingerprint }]);
    const accounts = sqlite.prepare('SELECT * FROM ledger_accounts ORDER BY id').all() as LedgerAccountTable[];
    expect(accounts.map((a) => [a.id, a.last_seq, key.sealHolds(a)])).toEqual([
      ['over-short:DJF', null, false],
      ['revenue:STAMP:DJF', 2, true],
      ['safe:DJF', 2, true],
    ]);
    const report = verifyLedger(sqlite, { journal: key });
    expect(report.checks.find((c) => c.name === 'signatures')).toMatchObject({ ok: true });
    expect(report.signedBy).toBe(key.fingerprint);
    expect(report.badAccounts).toMatchObject([{ accountId: 'over-short:DJF', afterSeq: null, sealHolds: false }]);
    expect(checkJournalAtStart(sqlite)).toMatchObject({ ok: true, checked: 2 });
    // The same key on the next start: nothing new is adopted.
    expect(testJournalKey(sqlite, sqlite.name).keyId).toBe(key.keyId);
    expect(sqlite.prepare('SELECT count(*) FROM journal_keys').pluck().get()).toBe(1);
  });
});
