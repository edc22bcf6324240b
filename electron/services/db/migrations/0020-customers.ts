import { sql, type Kysely } from 'kysely';

/**
 * The customer register (issue 15) and the register stream to head office.
 *
 * - `customers`: one row per person, as the branch knows them now. The identity
 *   document is UNIQUE per (type, issuing country, number): the database refuses a
 *   second customer with the same document, not only the code. Rows registered at
 *   another branch and found through head office are kept here too (`source`
 *   'national') so the branch finds them without the link.
 * - `customer_changes`: every registration and every edit, who, when and each
 *   field's before and after. Append-only: an edit is never a silent overwrite.
 * - `register_outbox`: the branch's gap-free sequence of register records (kind,
 *   record id, payload JSON) for head office, written in the same transaction as
 *   the change. Generic: customers are its first kind; savings accounts and other
 *   registers send theirs through the same stream. The seq is taken as the largest
 *   plus one under the write lock (like operation numbers), so a rolled-back change
 *   takes none and no number is skipped. Append-only.
 * - `register_replication`: the seq head office acknowledged.
 */
const appendOnly = (table: string, words: string): string[] => [
  `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${words}'); END`,
  `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${words}'); END`,
];

const statements = [
  `CREATE TABLE customers (
     id TEXT PRIMARY KEY,
     family_name TEXT NOT NULL,
     given_names TEXT NOT NULL,
     birth_date TEXT NOT NULL,
     document_type TEXT NOT NULL CHECK (document_type IN ('identity-card', 'passport', 'residence-permit', 'other')),
     document_number TEXT NOT NULL CHECK (document_number GLOB '[A-Z0-9]*' AND length(document_number) BETWEEN 1 AND 30),
     document_country TEXT NOT NULL,
     document_expiry TEXT,
     phone TEXT,
     address TEXT,
     kyc_tier TEXT,
     origin_branch TEXT NOT NULL,
     created_by TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_by TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     version INTEGER NOT NULL CHECK (version >= 1),
     source TEXT NOT NULL CHECK (source IN ('branch', 'national')),
     UNIQUE (document_type, document_country, document_number)
   )`,
  `CREATE INDEX customers_by_phone ON customers (phone) WHERE phone IS NOT NULL`,
  `CREATE INDEX customers_by_family_name ON customers (family_name COLLATE NOCASE)`,

  `CREATE TABLE customer_changes (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     customer_id TEXT NOT NULL REFERENCES customers (id),
     version INTEGER NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('registered', 'updated', 'received-from-head-office')),
     at TEXT NOT NULL,
     by TEXT NOT NULL,
     changes TEXT NOT NULL CHECK (json_valid(changes)),
     UNIQUE (customer_id, version)
   )`,
  ...appendOnly('customer_changes', 'customer history is kept as recorded'),

  `CREATE TABLE register_outbox (
     seq INTEGER PRIMARY KEY,
     kind TEXT NOT NULL,
     record_id TEXT NOT NULL,
     payload TEXT NOT NULL CHECK (json_valid(payload)),
     at TEXT NOT NULL
   )`,
  ...appendOnly('register_outbox', 'the register outbox is kept as recorded'),

  `CREATE TABLE register_replication (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     acked_seq INTEGER NOT NULL DEFAULT 0 CHECK (acked_seq >= 0)
   )`,
  `INSERT INTO register_replication (id) VALUES (1)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['register_replication', 'register_outbox', 'customer_changes', 'customers']) await sql.raw(`DROP TABLE ${table}`).execute(db);
}
