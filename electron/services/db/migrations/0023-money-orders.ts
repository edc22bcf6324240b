import { sql, type Kysely } from 'kysely';

/**
 * What the branch keeps of money orders. Orders live nationally at head office (HO migration
 * 0015); this is the branch's copy of the orders it issued (what it sent, for offline lookups and
 * the screen's list) and of the ones it looked up there (last seen). Money is never here: issue,
 * fee, payout and refunds are ledger transfers (codes `money-order-*`, reference = the number),
 * and the secret is never here either — only its salt and hash travel, in the register record
 * (`register_outbox`, kind `money-order`), which is how the order reaches head office.
 *
 * An order issued here is fixed once written: a trigger refuses any change to what was issued
 * (amounts, people, expiry, its operation and its register record) and its deletion; a lookup at
 * head office updates only where it stands. Whether it has reached head office is derived from the
 * register stream's acknowledged seq, not stored twice.
 *
 * Numbers come from serial ranges head office allocates to the branch (pulled as
 * `money-order-range`), like savings account numbers: two branches never make the same number, a
 * serial taken is never taken again, and a rolled-back issue gives its serial back.
 */
const ORDER_COLUMNS_FIXED = [
  'number',
  'kind',
  'source',
  'issue_operation_id',
  'issuing_branch',
  'currency',
  'amount',
  'fee',
  'sender_customer_id',
  'sender_name',
  'sender_document_type',
  'sender_document_number',
  'sender_document_country',
  'payee_customer_id',
  'payee_name',
  'payee_document_type',
  'payee_document_number',
  'payee_document_country',
  'payee_document_required',
  'international',
  'issued_at',
  'issued_by',
  'expires_at',
  'register_seq',
];

const statements = [
  `CREATE TABLE money_orders (
     number TEXT PRIMARY KEY CHECK (length(number) = 12),
     kind TEXT NOT NULL CHECK (kind IN ('domestic', 'international-outgoing', 'international-incoming')),
     source TEXT NOT NULL CHECK (source IN ('issued-here', 'head-office')),
     issue_operation_id TEXT UNIQUE,
     issuing_branch TEXT,
     currency TEXT NOT NULL CHECK (length(currency) = 3),
     amount INTEGER NOT NULL CHECK (amount > 0),
     fee INTEGER NOT NULL CHECK (fee >= 0),
     sender_customer_id TEXT,
     sender_name TEXT NOT NULL,
     sender_document_type TEXT,
     sender_document_number TEXT,
     sender_document_country TEXT,
     payee_customer_id TEXT,
     payee_name TEXT NOT NULL,
     payee_document_type TEXT,
     payee_document_number TEXT,
     payee_document_country TEXT,
     payee_document_required INTEGER NOT NULL CHECK (payee_document_required IN (0, 1)),
     international TEXT,
     status TEXT NOT NULL CHECK (status IN ('issued', 'available', 'transmitted', 'locked', 'paid', 'cancelled', 'expired', 'reimbursed')),
     issued_at TEXT,
     issued_by TEXT,
     expires_at TEXT NOT NULL,
     register_seq INTEGER UNIQUE,
     locked_by_branch TEXT,
     paid_branch TEXT,
     paid_at TEXT,
     cancelled_at TEXT,
     reimbursed_at TEXT,
     seen_at TEXT NOT NULL,
     CHECK (source = 'head-office' OR (issue_operation_id IS NOT NULL AND register_seq IS NOT NULL AND issued_at IS NOT NULL AND issued_by IS NOT NULL)),
     CHECK ((kind = 'domestic') = (international IS NULL))
   ) STRICT`,
  "CREATE INDEX money_orders_issued_here ON money_orders (issued_at) WHERE source = 'issued-here'",
  `CREATE TRIGGER money_orders_issue_fixed BEFORE UPDATE OF ${ORDER_COLUMNS_FIXED.join(', ')} ON money_orders
     WHEN OLD.source = 'issued-here'
     BEGIN SELECT RAISE(ABORT, 'a money order issued here is fixed: only where it stands changes'); END`,
  `CREATE TRIGGER money_orders_issue_kept BEFORE DELETE ON money_orders
     WHEN OLD.source = 'issued-here'
     BEGIN SELECT RAISE(ABORT, 'a money order issued here is never deleted'); END`,
  `CREATE TABLE money_order_number_ranges (
     id TEXT PRIMARY KEY,
     first_serial INTEGER NOT NULL CHECK (first_serial >= 1),
     last_serial INTEGER NOT NULL CHECK (last_serial <= 9999999999),
     next_serial INTEGER NOT NULL,
     source TEXT NOT NULL,
     received_at TEXT NOT NULL,
     CHECK (first_serial <= next_serial AND next_serial <= last_serial + 1)
   ) STRICT`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE money_order_number_ranges').execute(db);
  await sql.raw('DROP TABLE money_orders').execute(db);
}
