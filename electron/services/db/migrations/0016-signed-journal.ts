import { sql, type Kysely } from 'kysely';

/**
 * A journal that cannot be rewritten quietly (issue 11 §4).
 *
 * - `journal_keys`: the branch's Ed25519 public keys, each with the sequence from
 *   which it signs. The private key never enters this file (secret store).
 * - `ledger_signatures`: one row per operation, keyed by the operation's last
 *   sequence: the signature of that transfer's hash. Because each hash covers
 *   every row before it, a valid signature at the head authenticates the whole
 *   chain; the per-operation rows locate where a rewrite starts.
 * - Balances move only through the ledger's own write path: the trigger asks the
 *   connection for `ledger_balance_writer()`, a function only the ledger's
 *   process registers and answers 1 while it books. In the sqlite3 CLI (or any
 *   other program) the function does not exist and the UPDATE fails.
 * - `last_seq` names the transfer that last moved an account, `balance_seal` is
 *   a keyed MAC over the balances and that sequence (see ledger/balance-seal.ts):
 *   a cash check reads a balance only when its seal holds.
 */
const statements = [
  `CREATE TABLE journal_keys (
     id INTEGER PRIMARY KEY,
     public_key TEXT NOT NULL UNIQUE,
     fingerprint TEXT NOT NULL,
     first_seq INTEGER NOT NULL,
     created_at TEXT NOT NULL
   )`,
  `CREATE TRIGGER journal_keys_no_update BEFORE UPDATE ON journal_keys
   BEGIN SELECT RAISE(ABORT, 'journal_keys is append-only'); END`,
  `CREATE TRIGGER journal_keys_no_delete BEFORE DELETE ON journal_keys
   BEGIN SELECT RAISE(ABORT, 'journal_keys is append-only'); END`,
  `CREATE TABLE ledger_signatures (
     seq INTEGER PRIMARY KEY,
     key_id INTEGER NOT NULL REFERENCES journal_keys (id),
     signature TEXT NOT NULL
   )`,
  `CREATE TRIGGER ledger_signatures_no_update BEFORE UPDATE ON ledger_signatures
   BEGIN SELECT RAISE(ABORT, 'ledger_signatures is append-only'); END`,
  `CREATE TRIGGER ledger_signatures_no_delete BEFORE DELETE ON ledger_signatures
   BEGIN SELECT RAISE(ABORT, 'ledger_signatures is append-only'); END`,
  `ALTER TABLE ledger_accounts ADD COLUMN last_seq INTEGER`,
  `ALTER TABLE ledger_accounts ADD COLUMN balance_seal TEXT`,
  `CREATE TRIGGER ledger_accounts_balances_by_ledger
   BEFORE UPDATE OF debits_pending, debits_posted, credits_pending, credits_posted, last_seq, balance_seal ON ledger_accounts
   WHEN ledger_balance_writer() IS NOT 1
   BEGIN SELECT RAISE(ABORT, 'ledger balances move only with their transfers'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TRIGGER ledger_accounts_balances_by_ledger').execute(db);
  await sql.raw('ALTER TABLE ledger_accounts DROP COLUMN balance_seal').execute(db);
  await sql.raw('ALTER TABLE ledger_accounts DROP COLUMN last_seq').execute(db);
  await sql.raw('DROP TABLE ledger_signatures').execute(db);
  await sql.raw('DROP TABLE journal_keys').execute(db);
}
