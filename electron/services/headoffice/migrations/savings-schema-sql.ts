/**
 * Head office's savings tables (HO migration 0012). Two kinds of rows:
 *
 * - the account's own (accounts, lines, holds, status changes): keyed by the account's home
 *   branch first, the branch whose number range the account number comes from
 *   (`ho.savings_home`). Any branch reaches them through the functions, so they carry no
 *   own-branch row policy; branch roles have no privilege on them at all.
 * - the calling branch's own (operations, unapplied bookings): keyed by the branch that sent the
 *   request or the transfer, behind the same own-branch policy as ho.transfers.
 */

export const SAVINGS_ACCOUNT_STATUSES = ['submitted', 'active', 'inactive', 'dormant', 'blocked', 'closed'] as const;
export const SAVINGS_BLOCK_TYPES = ['debit', 'credit', 'all'] as const;
export const SAVINGS_HOLD_STATUSES = ['reserved', 'posted', 'released', 'expired'] as const;
export const SAVINGS_LINE_KINDS = ['deposit', 'withdrawal', 'interest'] as const;
export const SAVINGS_POSTING_PERIODS = ['month', 'quarter', 'year'] as const;

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

export const SAVINGS_TABLES = [
  'savings_products',
  'savings_number_ranges',
  'savings_accounts',
  'savings_lines',
  'savings_holds',
  'savings_status_changes',
  'savings_operations',
  'savings_unapplied',
] as const;

export const SAVINGS_SCHEMA = [
  // Published by head-office staff (ho.publish_savings_product), pulled by branches as 'savings-product'.
  // Limits per KYC tier are objects {tier: minor units}; a tier absent from one has a limit of 0.
  `CREATE TABLE ho.savings_products (
     code text PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9_-]{1,32}$'),
     name text NOT NULL,
     currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
     annual_rate_bp integer NOT NULL CHECK (annual_rate_bp BETWEEN 0 AND 100000),
     posting_period text NOT NULL CHECK (posting_period IN (${quoted(SAVINGS_POSTING_PERIODS)})),
     min_opening_deposit bigint NOT NULL CHECK (min_opening_deposit >= 0),
     min_balance bigint NOT NULL CHECK (min_balance >= 0),
     max_balance jsonb NOT NULL CHECK (jsonb_typeof(max_balance) = 'object'),
     daily_withdrawal_limit jsonb NOT NULL CHECK (jsonb_typeof(daily_withdrawal_limit) = 'object'),
     monthly_withdrawal_limit jsonb NOT NULL CHECK (jsonb_typeof(monthly_withdrawal_limit) = 'object'),
     dormancy_days integer NOT NULL CHECK (dormancy_days > 0),
     fees jsonb NOT NULL DEFAULT '{}'::jsonb,
     version bigint NOT NULL,
     published_at timestamptz NOT NULL DEFAULT now()
   )`,

  // Like ho.s10_ranges: two branches never issue the same account number.
  `CREATE TABLE ho.savings_number_ranges (
     first_serial integer PRIMARY KEY CHECK (first_serial BETWEEN 1 AND 999999999),
     last_serial integer NOT NULL CHECK (last_serial BETWEEN 1 AND 999999999),
     branch_code text NOT NULL REFERENCES ho.branches,
     allocated_at timestamptz NOT NULL DEFAULT now(),
     CHECK (first_serial <= last_serial)
   )`,

  // balance and held are kept under the account's row lock, from the lines and holds: the lines
  // rebuild the balance (ho.savings_check_balances), the reserved holds rebuild held.
  `CREATE TABLE ho.savings_accounts (
     branch_code text NOT NULL REFERENCES ho.branches,
     account_number text NOT NULL CHECK (account_number ~ '^[0-9]{11}$'),
     customer_id uuid NOT NULL,
     product_code text NOT NULL REFERENCES ho.savings_products,
     kyc_tier text NOT NULL,
     status text NOT NULL CHECK (status IN (${quoted(SAVINGS_ACCOUNT_STATUSES)})),
     block_type text CHECK (block_type IN (${quoted(SAVINGS_BLOCK_TYPES)})),
     balance bigint NOT NULL DEFAULT 0,
     held bigint NOT NULL DEFAULT 0 CHECK (held >= 0),
     lines integer NOT NULL DEFAULT 0,
     interest_posted_to date NOT NULL,
     opened_at timestamptz NOT NULL,
     opened_by text NOT NULL,
     opened_by_operation text NOT NULL,
     last_activity_at timestamptz NOT NULL,
     closed_at timestamptz,
     PRIMARY KEY (branch_code, account_number),
     CHECK ((status = 'blocked') = (block_type IS NOT NULL))
   )`,

  `CREATE TABLE ho.savings_lines (
     branch_code text NOT NULL,
     account_number text NOT NULL,
     line_no integer NOT NULL CHECK (line_no > 0),
     kind text NOT NULL CHECK (kind IN (${quoted(SAVINGS_LINE_KINDS)})),
     amount bigint NOT NULL CHECK (amount > 0),
     balance_after bigint NOT NULL,
     value_date date NOT NULL,
     booked_at timestamptz NOT NULL DEFAULT now(),
     source_branch text,
     transfer_id text,
     operation_id text,
     period_end date,
     PRIMARY KEY (branch_code, account_number, line_no),
     FOREIGN KEY (branch_code, account_number) REFERENCES ho.savings_accounts,
     CHECK ((kind = 'interest') = (period_end IS NOT NULL))
   )`,
  // Once per replicated transfer and once per interest period, by the database, not only the code.
  `CREATE UNIQUE INDEX savings_lines_once_per_transfer ON ho.savings_lines (branch_code, account_number, source_branch, transfer_id)
     WHERE transfer_id IS NOT NULL`,
  `CREATE UNIQUE INDEX savings_lines_once_per_period ON ho.savings_lines (branch_code, account_number, period_end)
     WHERE kind = 'interest'`,

  // Fineract's amount hold: reserves without changing the balance. hold_branch + operation_id
  // is the withdrawal (or closing) the branch asked for, and the pending transfer's operation_id.
  `CREATE TABLE ho.savings_holds (
     branch_code text NOT NULL,
     account_number text NOT NULL,
     hold_branch text NOT NULL,
     operation_id text NOT NULL,
     purpose text NOT NULL CHECK (purpose IN ('withdrawal', 'closing')),
     amount bigint NOT NULL CHECK (amount > 0),
     status text NOT NULL CHECK (status IN (${quoted(SAVINGS_HOLD_STATUSES)})),
     reserved_at timestamptz NOT NULL DEFAULT now(),
     expires_at timestamptz NOT NULL,
     settled_at timestamptz,
     settled_by text,
     PRIMARY KEY (branch_code, account_number, hold_branch, operation_id),
     FOREIGN KEY (branch_code, account_number) REFERENCES ho.savings_accounts
   )`,
  `CREATE INDEX savings_holds_to_expire ON ho.savings_holds (expires_at) WHERE status = 'reserved'`,

  `CREATE TABLE ho.savings_status_changes (
     branch_code text NOT NULL,
     account_number text NOT NULL,
     id bigserial,
     from_status text,
     to_status text NOT NULL,
     reason text NOT NULL,
     by_branch text,
     approver text,
     at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (branch_code, account_number, id),
     FOREIGN KEY (branch_code, account_number) REFERENCES ho.savings_accounts
   )`,

  // What head office answered to each request a branch made, first time: a repeat reads it back.
  `CREATE TABLE ho.savings_operations (
     branch_code text NOT NULL REFERENCES ho.branches,
     operation_id text NOT NULL CHECK (length(operation_id) BETWEEN 1 AND 100),
     kind text NOT NULL CHECK (kind IN ('open', 'reserve', 'close', 'cancelled-unseen')),
     request jsonb NOT NULL,
     answer jsonb NOT NULL,
     account_branch text,
     account_number text,
     received_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (branch_code, operation_id)
   )`,

  // A savings booking head office could not apply (unknown account, hold never reserved…): kept
  // here beside its alarm, never dropped; the transfer itself stays in ho.transfers.
  `CREATE TABLE ho.savings_unapplied (
     branch_code text NOT NULL REFERENCES ho.branches,
     transfer_id text NOT NULL,
     seq bigint NOT NULL,
     account_number text,
     amount bigint NOT NULL,
     flags integer NOT NULL,
     reason text NOT NULL,
     received_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (branch_code, transfer_id)
   )`,

  ...SAVINGS_TABLES.map((table) => `ALTER TABLE ho.${table} OWNER TO ho_owner`),
  `ALTER SEQUENCE ho.savings_status_changes_id_seq OWNER TO ho_owner`,
  ...['savings_operations', 'savings_unapplied'].flatMap(ownBranchPolicy),
  ...['savings_lines', 'savings_status_changes', 'savings_operations', 'savings_unapplied'].flatMap(appendOnly),
];
