/**
 * Head office's money-order tables (HO migration 0015). Three kinds of rows:
 *
 * - national, published by staff: the tariffs and the number ranges (reference tables);
 * - the order's own (`money_orders`): keyed by the order's *home* first — the branch whose range
 *   the number came from (`ho.money_order_home`), or `MONEY_ORDER_ABROAD` for an incoming
 *   international order head office numbered itself. A number is unique nationally because
 *   ranges never overlap and the home follows from the number (as savings account numbers).
 *   Any branch reaches an order through the functions, so it carries no own-branch row policy;
 *   branch roles have no privilege on it at all;
 * - the calling branch's own (operations, locks, records kept aside, bookings not applied):
 *   keyed by that branch, behind the same own-branch policy as ho.transfers.
 */

export const MONEY_ORDER_KINDS = ['domestic', 'international-outgoing', 'international-incoming'] as const;
/** As stored; `expired` is derived on read from `expires_at` (see ho.money_order_status_of). */
export const MONEY_ORDER_STORED_STATUSES = ['available', 'transmitted', 'locked', 'paid', 'cancelled', 'reimbursed'] as const;
export const MONEY_ORDER_STATUSES = [...MONEY_ORDER_STORED_STATUSES, 'expired'] as const;
export const MONEY_ORDER_PURPOSES = ['pay', 'cancel', 'reimburse'] as const;
export const MONEY_ORDER_LOCK_STATUSES = ['held', 'released', 'settled'] as const;
export const MONEY_ORDER_TARIFF_KEYS = ['domestic', 'international'] as const;

/**
 * The home of incoming international orders: numbered by head office from its own ranges (a range
 * allocated to no branch). Not a branch code (`@` is outside the branch code's characters), so it
 * can never be mistaken for one.
 */
export const MONEY_ORDER_ABROAD = '@abroad';

/** Wrong secrets an order takes before payment is refused until staff reset the count. */
export const MONEY_ORDER_SECRET_ATTEMPTS = 5;

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

const ownBranchPolicy = (table: string): string[] => [
  `ALTER TABLE ho.${table} ENABLE ROW LEVEL SECURITY`,
  `ALTER TABLE ho.${table} FORCE ROW LEVEL SECURITY`,
  `CREATE POLICY ${table}_own_branch ON ho.${table}
     USING ((SELECT ho.session_branch()) IS NULL OR branch_code = (SELECT ho.session_branch()))
     WITH CHECK ((SELECT ho.session_branch()) IS NULL OR branch_code = (SELECT ho.session_branch()))`,
];

const appendOnly = (table: string): string[] => [
  `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ho.${table} FOR EACH ROW EXECUTE FUNCTION ho.refuse_change()`,
  `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ho.${table} FOR EACH STATEMENT EXECUTE FUNCTION ho.refuse_change()`,
];

export const MONEY_ORDER_TABLES = [
  'money_order_tariffs',
  'money_order_ranges',
  'money_orders',
  'money_order_operations',
  'money_order_locks',
  'money_order_records_aside',
  'money_order_unapplied',
] as const;

export const MONEY_ORDER_SCHEMA = [
  // Published by staff (ho.money_order_publish_tariff), pulled by branches as 'money-order-tariff'.
  `CREATE TABLE ho.money_order_tariffs (
     key text PRIMARY KEY CHECK (key IN (${quoted(MONEY_ORDER_TARIFF_KEYS)})),
     currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
     body jsonb NOT NULL,
     version bigint NOT NULL,
     published_at timestamptz NOT NULL DEFAULT now()
   )`,

  // Like ho.s10_ranges: two branches never issue the same number. branch_code NULL: head office's
  // own, for the incoming international orders it numbers. The exclusion constraint backs the
  // allocation function's own check: no two ranges share a serial.
  `CREATE TABLE ho.money_order_ranges (
     first_serial bigint PRIMARY KEY CHECK (first_serial BETWEEN 1 AND 9999999999),
     last_serial bigint NOT NULL CHECK (last_serial BETWEEN 1 AND 9999999999),
     branch_code text REFERENCES ho.branches,
     allocated_at timestamptz NOT NULL DEFAULT now(),
     CHECK (first_serial <= last_serial),
     EXCLUDE USING gist (int8range(first_serial, last_serial, '[]') WITH &&)
   )`,

  // One row per order. record: the register record's payload as the issuing branch sent it (or
  // what staff received from abroad), compared with any later copy. The lock columns describe the
  // lock the order is held under (status 'locked' until locked_until); settled_* who paid,
  // cancelled or reimbursed it, and when the branch booked it.
  `CREATE TABLE ho.money_orders (
     branch_code text NOT NULL,
     number text NOT NULL CHECK (number ~ '^[0-9]{12}$'),
     kind text NOT NULL CHECK (kind IN (${quoted(MONEY_ORDER_KINDS)})),
     status text NOT NULL CHECK (status IN (${quoted(MONEY_ORDER_STORED_STATUSES)})),
     currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
     amount bigint NOT NULL CHECK (amount > 0),
     fee bigint NOT NULL CHECK (fee >= 0),
     sender jsonb NOT NULL CHECK (jsonb_typeof(sender) = 'object'),
     payee jsonb NOT NULL CHECK (jsonb_typeof(payee) = 'object'),
     payee_document_required boolean NOT NULL,
     cancel_refunds_fee boolean NOT NULL,
     international jsonb CHECK (international IS NULL OR jsonb_typeof(international) = 'object'),
     payee_branch text,
     secret_salt text NOT NULL CHECK (secret_salt ~ '^[0-9a-f]{32}$'),
     secret_hash text NOT NULL CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
     secret_attempts integer NOT NULL DEFAULT 0 CHECK (secret_attempts >= 0),
     secret_reset_at timestamptz,
     secret_reset_by text,
     issued_at timestamptz NOT NULL,
     expires_at timestamptz NOT NULL,
     issue_operation_id text,
     record jsonb NOT NULL,
     record_seq bigint,
     received_at timestamptz NOT NULL DEFAULT now(),
     lock_branch text,
     lock_operation_id text,
     locked_at timestamptz,
     locked_until timestamptz,
     settled_branch text,
     settled_operation_id text,
     settled_transfer_id text,
     settled_at timestamptz,
     PRIMARY KEY (branch_code, number),
     CHECK (expires_at > issued_at),
     CHECK ((kind = 'international-incoming') = (branch_code = '${MONEY_ORDER_ABROAD}')),
     CHECK ((status = 'locked') = (lock_operation_id IS NOT NULL AND lock_branch IS NOT NULL AND locked_until IS NOT NULL)),
     CHECK ((status IN ('paid', 'cancelled', 'reimbursed')) = (settled_branch IS NOT NULL AND settled_at IS NOT NULL))
   )`,

  // What head office answered to each lock a branch asked for, first time: a repeat reads it back.
  // The secret proof is never stored: request holds what identifies the request without it.
  // kind 'cancelled-unseen': an unlock that came before (or instead of) its lock spent the id.
  `CREATE TABLE ho.money_order_operations (
     branch_code text NOT NULL REFERENCES ho.branches,
     operation_id text NOT NULL CHECK (length(operation_id) BETWEEN 1 AND 100),
     kind text NOT NULL CHECK (kind IN ('lock', 'cancelled-unseen')),
     request jsonb NOT NULL,
     answer jsonb NOT NULL,
     order_branch text,
     number text,
     received_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (branch_code, operation_id)
   )`,

  // A granted lock and what became of it. pending_transfer_id: the branch's pending payout or
  // refund transfer, whose post or void (pushed later) settles or releases the lock. Keyed by the
  // locking branch, the order by its home: no foreign key between them (two shards under Citus).
  `CREATE TABLE ho.money_order_locks (
     branch_code text NOT NULL REFERENCES ho.branches,
     operation_id text NOT NULL,
     pending_transfer_id text NOT NULL,
     order_branch text NOT NULL,
     number text NOT NULL,
     purpose text NOT NULL CHECK (purpose IN (${quoted(MONEY_ORDER_PURPOSES)})),
     amount bigint NOT NULL,
     status text NOT NULL CHECK (status IN (${quoted(MONEY_ORDER_LOCK_STATUSES)})),
     locked_at timestamptz NOT NULL DEFAULT now(),
     held_until timestamptz NOT NULL,
     released_at timestamptz,
     released_by text,
     settled_at timestamptz,
     settled_transfer_id text,
     PRIMARY KEY (branch_code, operation_id),
     UNIQUE (branch_code, pending_transfer_id)
   )`,

  // A register record head office did not apply (invalid, or another content for a number it
  // holds): the record itself stays in ho.branch_records; this says why, beside an alarm.
  `CREATE TABLE ho.money_order_records_aside (
     branch_code text NOT NULL REFERENCES ho.branches,
     seq bigint NOT NULL,
     number text NOT NULL,
     reason text NOT NULL,
     received_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (branch_code, seq)
   )`,

  // A payout or refund booking head office could not apply as such (no lock, or the order was
  // already settled by another lock): kept here beside its alarm; the transfer stays in ho.transfers.
  `CREATE TABLE ho.money_order_unapplied (
     branch_code text NOT NULL REFERENCES ho.branches,
     transfer_id text NOT NULL,
     seq bigint NOT NULL,
     number text,
     amount bigint NOT NULL,
     flags integer NOT NULL,
     reason text NOT NULL,
     received_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (branch_code, transfer_id)
   )`,

  ...MONEY_ORDER_TABLES.map((table) => `ALTER TABLE ho.${table} OWNER TO ho_owner`),
  ...['money_order_operations', 'money_order_locks', 'money_order_records_aside', 'money_order_unapplied'].flatMap(ownBranchPolicy),
  ...['money_order_operations', 'money_order_records_aside', 'money_order_unapplied'].flatMap(appendOnly),
];
