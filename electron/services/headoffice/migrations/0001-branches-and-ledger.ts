import { sql, type Kysely } from 'kysely';

/**
 * Head office's copy of every branch ledger, and what surrounds it: the branches
 * and their roles, the replication cursor per branch, quarantine and alarms,
 * reference data by version, S10 ranges, day-close comparisons.
 *
 * Everything belongs to `ho_owner`, a role nobody logs in as. The head-office
 * functions run as that owner (SECURITY DEFINER), and row-level security is
 * FORCEd on it too: even a faulty function called by branch A cannot touch
 * branch B's rows. Branch roles (members of `ho_branch`) get no table privilege.
 */

/** Roles are cluster-wide: created once, tolerated when a parallel migration made them first. */
const createRole = (name: string): string => `DO $$ BEGIN
    CREATE ROLE ${name} NOLOGIN;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END $$`;

/** Rows of a branch are visible to that branch's session only; other sessions are head-office staff. */
const branchPolicy = (table: string): string[] => [
  `ALTER TABLE ho.${table} ENABLE ROW LEVEL SECURITY`,
  `ALTER TABLE ho.${table} FORCE ROW LEVEL SECURITY`,
  `CREATE POLICY ${table}_own_branch ON ho.${table}
     USING ((SELECT ho.session_branch()) IS NULL OR branch_code = (SELECT ho.session_branch()))
     WITH CHECK ((SELECT ho.session_branch()) IS NULL OR branch_code = (SELECT ho.session_branch()))`,
];

/** Evidence is appended, never edited: even head-office staff book a correction instead. */
const appendOnly = (table: string): string[] => [
  `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ho.${table}
     FOR EACH ROW EXECUTE FUNCTION ho.refuse_change()`,
  `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ho.${table}
     FOR EACH STATEMENT EXECUTE FUNCTION ho.refuse_change()`,
];

const statements = [
  createRole('ho_owner'),
  `CREATE SCHEMA ho`,
  createRole('ho_branch'),
  `ALTER SCHEMA ho OWNER TO ho_owner`,
  `REVOKE ALL ON SCHEMA ho FROM PUBLIC`,
  `GRANT USAGE ON SCHEMA ho TO ho_branch`,

  `CREATE TABLE ho.branches (
     code text PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9_-]{1,32}$'),
     name text NOT NULL,
     role_name name NOT NULL UNIQUE,
     public_key text,
     certificate text,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,

  // The branch a session speaks for, from the role it logged in as: never from an argument.
  `CREATE FUNCTION ho.session_branch() RETURNS text
     LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
     AS $$ SELECT code FROM ho.branches WHERE role_name = session_user $$`,

  `CREATE FUNCTION ho.refuse_change() RETURNS trigger
     LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
     AS $$ BEGIN
       RAISE EXCEPTION '% on ho.% refused: head office keeps evidence as received, book a correction', TG_OP, TG_TABLE_NAME
         USING ERRCODE = 'insufficient_privilege';
     END $$`,

  `CREATE TABLE ho.branch_cursors (
     branch_code text PRIMARY KEY REFERENCES ho.branches,
     acked_seq bigint NOT NULL DEFAULT 0 CHECK (acked_seq >= 0),
     acked_hash text NOT NULL DEFAULT repeat('0', 64),
     pushes bigint NOT NULL DEFAULT 0,
     last_push_at timestamptz,
     last_skew_seconds integer
   )`,

  // No foreign key on branch_code: only ho.push writes here, with the branch it read from
  // ho.branches under the session's role, and a per-row key check cost a fifth of the push.
  `CREATE TABLE ho.transfers (
     branch_code text NOT NULL,
     seq bigint NOT NULL CHECK (seq > 0),
     id text NOT NULL,
     operation_id text NOT NULL,
     debit_account_id text NOT NULL,
     credit_account_id text NOT NULL,
     amount bigint NOT NULL CHECK (amount > 0),
     currency text NOT NULL,
     code text NOT NULL,
     flags integer NOT NULL,
     pending_id text,
     reference text,
     unique_reference text,
     reversal_of text,
     till_session_id text,
     operator text NOT NULL,
     approver text,
     reason text,
     at text NOT NULL,
     prev_hash text NOT NULL,
     hash text NOT NULL,
     received_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (branch_code, seq),
     UNIQUE (branch_code, id)
   )`,
  // Only corrections are looked up by operation (was it booked?): a partial index costs sales nothing.
  `CREATE INDEX transfers_correction ON ho.transfers (branch_code, operation_id) WHERE code = 'head-office-correction'`,

  // A row head office refused to overwrite: the evidence of a diverged branch.
  `CREATE TABLE ho.quarantine (
     id bigserial PRIMARY KEY,
     branch_code text NOT NULL REFERENCES ho.branches,
     seq bigint NOT NULL,
     kept_hash text NOT NULL,
     offered_hash text NOT NULL,
     offered jsonb NOT NULL,
     received_at timestamptz NOT NULL DEFAULT now()
   )`,

  `CREATE TABLE ho.alarms (
     id bigserial PRIMARY KEY,
     branch_code text NOT NULL REFERENCES ho.branches,
     kind text NOT NULL CHECK (kind IN ('same-seq-different-hash', 'tampered-batch', 'diverged-chain', 'clock-skew', 'clock-backwards', 'day-close-mismatch')),
     seq bigint,
     detail text NOT NULL,
     raised_at timestamptz NOT NULL DEFAULT now()
   )`,

  // Reference data by version. Published one at a time (see ho.publish_item), so a
  // version is visible only after every lower one: a pull cursor never skips one.
  `CREATE SEQUENCE ho.reference_version`,
  `CREATE TABLE ho.reference_items (
     version bigint PRIMARY KEY,
     kind text NOT NULL CHECK (kind IN ('tariff', 'product', 'user', 'limit', 's10-range', 'biller', 'pickup-parcel', 'correction')),
     key text NOT NULL,
     branch_code text REFERENCES ho.branches,
     body jsonb NOT NULL,
     published_by text NOT NULL,
     published_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX reference_items_branch ON ho.reference_items (branch_code, version)`,

  // Two branches never issue the same S10 number: ranges are allocated here only.
  `CREATE TABLE ho.s10_ranges (
     service_indicator text NOT NULL CHECK (service_indicator ~ '^[A-Z]{2}$' AND left(service_indicator, 1) NOT IN ('J', 'K', 'S', 'T', 'W')),
     first_serial integer NOT NULL CHECK (first_serial BETWEEN 0 AND 99999999),
     last_serial integer NOT NULL CHECK (last_serial BETWEEN 0 AND 99999999),
     branch_code text NOT NULL REFERENCES ho.branches,
     allocated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (service_indicator, first_serial),
     CHECK (first_serial <= last_serial)
   )`,

  `CREATE TABLE ho.day_close_comparisons (
     id bigserial PRIMARY KEY,
     branch_code text NOT NULL REFERENCES ho.branches,
     business_date text NOT NULL,
     last_seq bigint NOT NULL,
     last_hash text NOT NULL,
     outcome text NOT NULL CHECK (outcome IN ('match', 'mismatch', 'behind')),
     differences jsonb NOT NULL,
     branch_totals jsonb NOT NULL,
     compared_at timestamptz NOT NULL DEFAULT now()
   )`,

  ...['branches', 'branch_cursors', 'transfers', 'quarantine', 'alarms', 'reference_items', 's10_ranges', 'day_close_comparisons'].map(
    (table) => `ALTER TABLE ho.${table} OWNER TO ho_owner`,
  ),
  `ALTER SEQUENCE ho.reference_version OWNER TO ho_owner`,
  `ALTER FUNCTION ho.session_branch() OWNER TO ho_owner`,
  `ALTER FUNCTION ho.refuse_change() OWNER TO ho_owner`,
  ...['branch_cursors', 'transfers', 'quarantine', 'alarms', 's10_ranges', 'day_close_comparisons'].flatMap(branchPolicy),
  // National items (branch_code NULL) are for everyone; a branch's own items for it alone.
  `ALTER TABLE ho.reference_items ENABLE ROW LEVEL SECURITY`,
  `ALTER TABLE ho.reference_items FORCE ROW LEVEL SECURITY`,
  `CREATE POLICY reference_items_national_or_own ON ho.reference_items
     USING ((SELECT ho.session_branch()) IS NULL OR branch_code IS NULL OR branch_code = (SELECT ho.session_branch()))
     WITH CHECK ((SELECT ho.session_branch()) IS NULL)`,
  ...['transfers', 'quarantine', 'alarms', 'reference_items', 'day_close_comparisons'].flatMap(appendOnly),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP SCHEMA ho CASCADE').execute(db);
}
