import { sql, type Kysely } from 'kysely';

/**
 * The national customer register, and the branches' register stream that feeds it.
 *
 * - `ho.branch_records`: every register record a branch sent (kind, record id,
 *   payload), keyed `(branch_code, seq)` — the branch's gap-free register sequence.
 *   Evidence: append-only, like the ledger. Customers are the first kind; savings
 *   accounts and other registers come through the same stream.
 * - `ho.record_cursors`: the sequence acknowledged per branch.
 * - `ho.push_records(branch, seq[], kind[], record_id[], payload[], at[])`: one
 *   transaction under the branch's cursor lock; the batch must continue from the
 *   acknowledged sequence (a batch that skips ahead is answered `gap` with what is
 *   expected); rows already held are compared, not inserted again (a lost reply is
 *   harmless: the resend gets the same answer); each new row is applied by its kind.
 * - `ho.customers`: the national register. A document is unique per type and
 *   country nationally; a branch that registered the same document offline is not
 *   refused (its clerk already served that person): its customer is kept, marked
 *   `duplicate_of` the first, and a `customer-document-conflict` alarm asks head
 *   office to review. No branch role has any privilege on it: branches read it only
 *   through the audited lookups. No row-level security either: the lookups, which
 *   run as its owner, must see every branch's customers.
 * - `ho.customer_lookup(branch, operator, type, number, country)` and
 *   `ho.customer_lookup_by_phone(branch, operator, phone)`: SECURITY DEFINER,
 *   executed by the branch role, each call written to `ho.customer_lookups` with the
 *   branch, the operator and the customers it returned (their ids, not their data).
 *
 * Every function a branch calls takes its branch first, checked against the role
 * (`ho.caller_branch`, migration 0010) before anything is read.
 */

const ALARM_KINDS = [
  'same-seq-different-hash',
  'tampered-batch',
  'diverged-chain',
  'clock-skew',
  'clock-backwards',
  'day-close-mismatch',
  'unsigned-batch',
  'forged-batch',
  'journal-key-refused',
  'customer-document-conflict',
  'customer-version-conflict',
  'register-record-conflict',
];
const PREVIOUS_ALARM_KINDS = ALARM_KINDS.slice(0, 9);
const REFERENCE_KINDS = ['tariff', 'product', 'user', 'limit', 's10-range', 'biller', 'pickup-parcel', 'correction', 'kyc-tier'];
const PREVIOUS_REFERENCE_KINDS = REFERENCE_KINDS.slice(0, 8);
const quoted = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/** The columns of a pushed batch of register records, one array each, as the branch outbox reads them. */
export const RECORD_PUSH_COLUMNS = [
  ['seq', 'bigint'],
  ['kind', 'text'],
  ['record_id', 'text'],
  ['payload', 'text'],
  ['at', 'text'],
] as const;

const pushParams = RECORD_PUSH_COLUMNS.map(([name, type]) => `p_${name} ${type}[]`).join(', ');
const pushArgs = RECORD_PUSH_COLUMNS.map(([name]) => `p_${name}`).join(', ');
const pushTypes = RECORD_PUSH_COLUMNS.map(([, type]) => `${type}[]`).join(', ');

/** What a branch may call (beside migration 0010's), each with its branch first. */
export const CUSTOMER_REGISTER_FUNCTIONS = [
  `ho.push_records(text, ${pushTypes})`,
  'ho.customer_lookup(text, text, text, text, text)',
  'ho.customer_lookup_by_phone(text, text, text)',
];

const branchPolicy = (table: string): string[] => [
  `ALTER TABLE ho.${table} OWNER TO ho_owner`,
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

/** What a lookup shows of a customer: the record as the register holds it, nothing of who looked. */
const customerJson = `jsonb_build_object('id', c.id, 'family_name', c.family_name, 'given_names', c.given_names,
  'birth_date', c.birth_date, 'document_type', c.document_type, 'document_number', c.document_number,
  'document_country', c.document_country, 'document_expiry', c.document_expiry, 'phone', c.phone,
  'address', c.address, 'kyc_tier', c.kyc_tier, 'origin_branch', c.origin_branch, 'created_by', c.created_by,
  'created_at', c.created_at, 'updated_by', c.updated_by, 'updated_at', c.updated_at, 'version', c.version)`;

const tables = [
  `ALTER TABLE ho.alarms DROP CONSTRAINT alarms_kind_check`,
  `ALTER TABLE ho.alarms ADD CONSTRAINT alarms_kind_check CHECK (kind IN (${quoted(ALARM_KINDS)}))`,
  `ALTER TABLE ho.reference_items DROP CONSTRAINT reference_items_kind_check`,
  `ALTER TABLE ho.reference_items ADD CONSTRAINT reference_items_kind_check CHECK (kind IN (${quoted(REFERENCE_KINDS)}))`,

  `CREATE TABLE ho.record_cursors (
     branch_code text PRIMARY KEY REFERENCES ho.branches,
     acked_seq bigint NOT NULL DEFAULT 0 CHECK (acked_seq >= 0),
     pushes bigint NOT NULL DEFAULT 0,
     last_push_at timestamptz
   )`,
  `CREATE TABLE ho.branch_records (
     branch_code text NOT NULL REFERENCES ho.branches,
     seq bigint NOT NULL CHECK (seq > 0),
     kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9-]{0,31}$'),
     record_id text NOT NULL,
     payload jsonb NOT NULL,
     at text NOT NULL,
     received_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (branch_code, seq)
   )`,
  `CREATE INDEX branch_records_by_record ON ho.branch_records (branch_code, kind, record_id)`,

  `CREATE TABLE ho.customers (
     id text PRIMARY KEY,
     family_name text NOT NULL,
     given_names text NOT NULL,
     birth_date text NOT NULL,
     document_type text NOT NULL,
     document_number text NOT NULL,
     document_country text NOT NULL,
     document_expiry text,
     phone text,
     address text,
     kyc_tier text,
     origin_branch text NOT NULL REFERENCES ho.branches,
     created_by text NOT NULL,
     created_at text NOT NULL,
     updated_by text NOT NULL,
     updated_at text NOT NULL,
     version integer NOT NULL CHECK (version >= 1),
     duplicate_of text REFERENCES ho.customers,
     last_branch text NOT NULL REFERENCES ho.branches,
     received_at timestamptz NOT NULL DEFAULT now()
   )`,
  // Unique nationally among the customers not set aside for review.
  `CREATE UNIQUE INDEX customers_document ON ho.customers (document_type, document_country, document_number) WHERE duplicate_of IS NULL`,
  `CREATE INDEX customers_phone ON ho.customers (phone) WHERE phone IS NOT NULL`,
  `ALTER TABLE ho.customers OWNER TO ho_owner`,

  `CREATE TABLE ho.customer_lookups (
     branch_code text NOT NULL REFERENCES ho.branches,
     id bigserial,
     operator text NOT NULL,
     looked_up_by text NOT NULL CHECK (looked_up_by IN ('document', 'phone')),
     found text[] NOT NULL,
     at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (branch_code, id)
   )`,
  ...['record_cursors', 'branch_records', 'customer_lookups'].flatMap(branchPolicy),
  ...['branch_records', 'customer_lookups'].flatMap(appendOnly),
];

/**
 * A customer record from a branch into the national register. A new customer's
 * origin is the branch that sent it (never what the payload claims); an edit keeps it. A newer version
 * replaces the held one; an older or equal one with other content is kept in the
 * stream only and raises an alarm (two branches edited offline: head office
 * reviews, nothing is overwritten silently). A document held by another customer
 * keeps the new one aside (`duplicate_of`) with an alarm.
 */
const applyCustomer = `CREATE FUNCTION ho.apply_customer_record(p_branch text, p_seq bigint, p_id text, p_record jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_held ho.customers;
  v_other text;
  v_version integer := (p_record->>'version')::integer;
BEGIN
  SELECT * INTO v_held FROM ho.customers WHERE id = p_id FOR UPDATE;
  IF FOUND AND v_version <= v_held.version THEN
    IF v_version = v_held.version AND (p_record->>'updated_at') IS DISTINCT FROM v_held.updated_at THEN
      INSERT INTO ho.alarms (branch_code, kind, seq, detail)
      VALUES (p_branch, 'customer-version-conflict', p_seq,
              format('customer %s: version %s came from branch %s and from branch %s with different content; the first is kept, both are in the record stream', p_id, v_version, v_held.last_branch, p_branch));
    END IF;
    RETURN;
  END IF;
  SELECT c.id INTO v_other FROM ho.customers c
   WHERE c.document_type = p_record->>'document_type' AND c.document_country = p_record->>'document_country'
     AND c.document_number = p_record->>'document_number' AND c.duplicate_of IS NULL AND c.id <> p_id;
  IF v_other IS NOT NULL THEN
    INSERT INTO ho.alarms (branch_code, kind, seq, detail)
    VALUES (p_branch, 'customer-document-conflict', p_seq,
            format('customer %s registered at branch %s carries the identity document of customer %s: kept aside for review', p_id, p_branch, v_other));
  END IF;
  INSERT INTO ho.customers AS c (id, family_name, given_names, birth_date, document_type, document_number, document_country,
      document_expiry, phone, address, kyc_tier, origin_branch, created_by, created_at, updated_by, updated_at, version,
      duplicate_of, last_branch)
  VALUES (p_id, p_record->>'family_name', p_record->>'given_names', p_record->>'birth_date', p_record->>'document_type',
      p_record->>'document_number', p_record->>'document_country', p_record->>'document_expiry', p_record->>'phone',
      p_record->>'address', p_record->>'kyc_tier', p_branch, p_record->>'created_by', p_record->>'created_at',
      p_record->>'updated_by', p_record->>'updated_at', v_version, v_other, p_branch)
  ON CONFLICT (id) DO UPDATE SET family_name = excluded.family_name, given_names = excluded.given_names,
      birth_date = excluded.birth_date, document_type = excluded.document_type, document_number = excluded.document_number,
      document_country = excluded.document_country, document_expiry = excluded.document_expiry, phone = excluded.phone,
      address = excluded.address, kyc_tier = excluded.kyc_tier, updated_by = excluded.updated_by,
      updated_at = excluded.updated_at, version = excluded.version, duplicate_of = excluded.duplicate_of,
      last_branch = excluded.last_branch, received_at = now();
END $$`;

const recordAnswer = (status: string, detail: string) =>
  `jsonb_build_object('status', '${status}', 'acked_seq', v_cursor.acked_seq, 'expected_seq', v_cursor.acked_seq + 1, 'inserted', 0, 'duplicates', 0, 'detail', ${detail})`;

/** The push itself, for a branch already checked against the caller (never granted to branch roles). */
const pushRecordsFor = `CREATE FUNCTION ho.push_records_for(p_branch text, ${pushParams}) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_cursor ho.record_cursors;
  v_n integer := coalesce(cardinality(p_seq), 0);
  v_held ho.branch_records;
  v_inserted integer := 0;
  v_duplicates integer := 0;
  v_conflicts integer := 0;
  v_payload jsonb;
BEGIN
  INSERT INTO ho.record_cursors (branch_code) VALUES (p_branch) ON CONFLICT DO NOTHING;
  -- One push per branch at a time: a second sender waits, then finds its records held.
  SELECT * INTO STRICT v_cursor FROM ho.record_cursors WHERE branch_code = p_branch FOR UPDATE;
  IF v_n = 0 THEN
    RETURN ${recordAnswer('ok', 'NULL')};
  END IF;
  IF ${RECORD_PUSH_COLUMNS.map(([name]) => `coalesce(cardinality(p_${name}), 0) <> v_n`).join(' OR ')} THEN
    RETURN ${recordAnswer('malformed', "'every column of a batch carries one value per record'")};
  END IF;
  FOR i IN 1 .. v_n LOOP
    IF p_seq[i] IS NULL OR p_kind[i] IS NULL OR p_record_id[i] IS NULL OR p_payload[i] IS NULL OR p_at[i] IS NULL
       OR (i > 1 AND p_seq[i] <> p_seq[i - 1] + 1) THEN
      RETURN ${recordAnswer('malformed', "'a batch carries consecutive sequence numbers, each with kind, record, payload and time'")};
    END IF;
  END LOOP;
  IF p_seq[1] > v_cursor.acked_seq + 1 THEN
    RETURN jsonb_build_object('status', 'gap', 'acked_seq', v_cursor.acked_seq, 'expected_seq', v_cursor.acked_seq + 1,
      'inserted', 0, 'duplicates', 0, 'detail', format('the batch starts at %s, head office expects %s', p_seq[1], v_cursor.acked_seq + 1));
  END IF;
  IF p_seq[1] < 1 THEN
    RETURN ${recordAnswer('malformed', "'sequence numbers start at 1'")};
  END IF;

  FOR i IN 1 .. v_n LOOP
    BEGIN
      v_payload := p_payload[i]::jsonb;
    EXCEPTION WHEN invalid_text_representation THEN
      RETURN ${recordAnswer('malformed', "format('record %s carries a payload that is not JSON', p_seq[i])")};
    END;
    IF p_seq[i] <= v_cursor.acked_seq THEN
      -- Held already (a lost reply, a resend): compared, never inserted again.
      SELECT * INTO v_held FROM ho.branch_records WHERE branch_code = p_branch AND seq = p_seq[i];
      IF v_held.kind IS DISTINCT FROM p_kind[i] OR v_held.record_id IS DISTINCT FROM p_record_id[i] OR v_held.payload IS DISTINCT FROM v_payload THEN
        INSERT INTO ho.alarms (branch_code, kind, seq, detail)
        VALUES (p_branch, 'register-record-conflict', p_seq[i], format('register record %s came again with other content: the first is kept', p_seq[i]));
        v_conflicts := v_conflicts + 1;
      END IF;
      v_duplicates := v_duplicates + 1;
      CONTINUE;
    END IF;
    INSERT INTO ho.branch_records (branch_code, seq, kind, record_id, payload, at)
    VALUES (p_branch, p_seq[i], p_kind[i], p_record_id[i], v_payload, p_at[i]);
    IF p_kind[i] = 'customer' THEN
      PERFORM ho.apply_customer_record(p_branch, p_seq[i], p_record_id[i], v_payload);
    END IF;
    v_inserted := v_inserted + 1;
  END LOOP;

  UPDATE ho.record_cursors SET acked_seq = greatest(acked_seq, p_seq[v_n]), pushes = pushes + 1, last_push_at = now()
   WHERE branch_code = p_branch RETURNING * INTO v_cursor;
  RETURN jsonb_build_object('status', CASE WHEN v_conflicts > 0 THEN 'conflict' ELSE 'ok' END, 'acked_seq', v_cursor.acked_seq,
    'expected_seq', v_cursor.acked_seq + 1, 'inserted', v_inserted, 'duplicates', v_duplicates,
    'detail', CASE WHEN v_conflicts > 0 THEN format('%s record(s) came again with other content: head office kept the first', v_conflicts) END);
END $$`;

const pushRecords = `CREATE FUNCTION ho.push_records(p_branch text, ${pushParams}) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  PERFORM ho.caller_branch(p_branch);
  RETURN ho.push_records_for(p_branch, ${pushArgs});
END $$`;

/** Runs a lookup's query and writes who asked and what came back. */
const lookupFor = `CREATE FUNCTION ho.customer_lookup_for(p_branch text, p_operator text, p_by text, p_found jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF p_operator IS NULL OR p_operator !~ '^[a-z0-9._-]{2,32}$' THEN
    RAISE EXCEPTION 'a lookup names the operator who asked' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  INSERT INTO ho.customer_lookups (branch_code, operator, looked_up_by, found)
  VALUES (p_branch, p_operator, p_by, ARRAY(SELECT e->>'id' FROM jsonb_array_elements(p_found) e));
  RETURN p_found;
END $$`;

const lookupByDocument = `CREATE FUNCTION ho.customer_lookup(p_branch text, p_operator text, p_document_type text, p_number text, p_country text) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  PERFORM ho.caller_branch(p_branch);
  RETURN ho.customer_lookup_for(p_branch, p_operator, 'document', (
    SELECT coalesce(jsonb_agg(${customerJson} ORDER BY c.created_at), '[]'::jsonb) FROM ho.customers c
     WHERE c.document_type = p_document_type AND c.document_number = p_number AND c.document_country = p_country
       AND c.duplicate_of IS NULL));
END $$`;

const lookupByPhone = `CREATE FUNCTION ho.customer_lookup_by_phone(p_branch text, p_operator text, p_phone text) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  PERFORM ho.caller_branch(p_branch);
  RETURN ho.customer_lookup_for(p_branch, p_operator, 'phone', (
    SELECT coalesce(jsonb_agg(${customerJson} ORDER BY c.created_at), '[]'::jsonb)
      FROM (SELECT * FROM ho.customers WHERE phone = p_phone AND duplicate_of IS NULL ORDER BY created_at LIMIT 20) c));
END $$`;

const INTERNAL = [
  'ho.apply_customer_record(text, bigint, text, jsonb)',
  `ho.push_records_for(text, ${pushTypes})`,
  'ho.customer_lookup_for(text, text, text, jsonb)',
];

const functions = [
  applyCustomer,
  pushRecordsFor,
  pushRecords,
  lookupFor,
  lookupByDocument,
  lookupByPhone,
  ...[...INTERNAL, ...CUSTOMER_REGISTER_FUNCTIONS].flatMap((signature) => [
    `ALTER FUNCTION ${signature} OWNER TO ho_owner`,
    `REVOKE EXECUTE ON FUNCTION ${signature} FROM PUBLIC`,
  ]),
  ...CUSTOMER_REGISTER_FUNCTIONS.map((signature) => `GRANT EXECUTE ON FUNCTION ${signature} TO ho_branch`),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [...tables, ...functions]) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const signature of [...CUSTOMER_REGISTER_FUNCTIONS, ...INTERNAL].reverse()) await sql.raw(`DROP FUNCTION ${signature}`).execute(db);
  for (const table of ['customer_lookups', 'customers', 'branch_records', 'record_cursors']) await sql.raw(`DROP TABLE ho.${table}`).execute(db);
  // Evidence already received keeps its kinds (NOT VALID): head office never deletes what it holds.
  await sql.raw(`ALTER TABLE ho.reference_items DROP CONSTRAINT reference_items_kind_check`).execute(db);
  await sql.raw(`ALTER TABLE ho.reference_items ADD CONSTRAINT reference_items_kind_check CHECK (kind IN (${quoted(PREVIOUS_REFERENCE_KINDS)})) NOT VALID`).execute(db);
  await sql.raw(`ALTER TABLE ho.alarms DROP CONSTRAINT alarms_kind_check`).execute(db);
  await sql.raw(`ALTER TABLE ho.alarms ADD CONSTRAINT alarms_kind_check CHECK (kind IN (${quoted(PREVIOUS_ALARM_KINDS)})) NOT VALID`).execute(db);
}
