import { sql, type Kysely } from 'kysely';

/**
 * Tracking events at head office: what every branch recorded (pushed after its
 * ledger batch) and what head office itself recorded (exchange offices, customs,
 * partner posts). A branch writes only as itself, through `ho.push_tracking`,
 * exactly once per event id.
 *
 * Row-level security keeps a branch to its own rows, as for the ledger. Tracking
 * is meant to cross branches, though (an item accepted at one branch is handed
 * over at another), so the two reading functions run as `ho_tracking_reader`: a
 * role that may SELECT the public columns of tracking events (no operator, no
 * note) and nothing else, and that no one logs in as. A faulty reading function
 * therefore cannot write anything, nor read who handled another branch's item.
 */

/** Roles are cluster-wide: created once, tolerated when a parallel migration made them first. */
const createRole = (name: string): string => `DO $$ BEGIN
    CREATE ROLE ${name} NOLOGIN;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END $$`;

/** The columns of a pushed batch of tracking events, one array each, as the branch outbox reads them. */
export const TRACKING_PUSH_COLUMNS = [
  ['seq', 'bigint'], ['id', 'text'], ['s10', 'text'], ['code', 'text'], ['at', 'text'],
  ['office', 'text'], ['operator', 'text'], ['operation_id', 'text'], ['note', 'text'],
] as const;

const pushParams = TRACKING_PUSH_COLUMNS.map(([name, type]) => `p_${name} ${type}[]`).join(', ');
const pushSignature = `ho.push_tracking(${TRACKING_PUSH_COLUMNS.map(([, type]) => `${type}[]`).join(', ')})`;
const unnestParams = `unnest(${TRACKING_PUSH_COLUMNS.map(([name]) => `p_${name}`).join(', ')}) AS u(${TRACKING_PUSH_COLUMNS.map(([name]) => name).join(', ')})`;

/** What everyone may know of an event: where and when, never who (the reader may SELECT these columns only). */
const PUBLIC_COLUMNS = ['position', 'id', 'branch_code', 's10', 'code', 'at', 'office'];
const publicEvent = `jsonb_build_object('position', e.position, 'id', e.id, 's10', e.s10, 'code', e.code, 'at', e.at,
  'office', e.office, 'recorded_by', e.branch_code)`;

const branchOnly = `IF v_branch IS NULL THEN
    RAISE EXCEPTION 'this head-office function is for branch roles only' USING ERRCODE = 'insufficient_privilege';
  END IF;`;

const tables = [
  createRole('ho_tracking_reader'),
  `GRANT USAGE ON SCHEMA ho TO ho_tracking_reader`,

  // Positions are handed out under this row's lock, one writer at a time, so they become
  // visible in order: a branch's pull cursor never steps over a row committed late.
  `CREATE TABLE ho.tracking_stream (
     id integer PRIMARY KEY CHECK (id = 1),
     last_position bigint NOT NULL CHECK (last_position >= 0)
   )`,
  `INSERT INTO ho.tracking_stream VALUES (1, 0)`,

  `CREATE TABLE ho.tracking_events (
     id text PRIMARY KEY,
     position bigint NOT NULL UNIQUE,
     branch_code text REFERENCES ho.branches,
     branch_seq bigint,
     s10 text NOT NULL,
     code text NOT NULL,
     at text NOT NULL,
     office text NOT NULL,
     operator text,
     operation_id text,
     note text,
     received_at timestamptz NOT NULL DEFAULT now(),
     -- NULL branch: recorded at head office (exchange office, customs, partner post).
     CHECK ((branch_code IS NULL) = (branch_seq IS NULL))
   )`,
  `CREATE INDEX tracking_events_item ON ho.tracking_events (s10, position)`,
  `CREATE INDEX tracking_events_branch_item ON ho.tracking_events (branch_code, s10)`,

  // What head office acknowledged of each branch's outbox (the branch keeps its own copy).
  `CREATE TABLE ho.tracking_cursors (
     branch_code text PRIMARY KEY REFERENCES ho.branches,
     acked_seq bigint NOT NULL DEFAULT 0 CHECK (acked_seq >= 0),
     pushes bigint NOT NULL DEFAULT 0,
     last_push_at timestamptz
   )`,

  ...['tracking_stream', 'tracking_events', 'tracking_cursors'].map((table) => `ALTER TABLE ho.${table} OWNER TO ho_owner`),
  ...['tracking_events', 'tracking_cursors'].flatMap((table) => [
    `ALTER TABLE ho.${table} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ho.${table} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY ${table}_own_branch ON ho.${table}
       USING ((SELECT ho.session_branch()) IS NULL OR branch_code = (SELECT ho.session_branch()))
       WITH CHECK ((SELECT ho.session_branch()) IS NULL OR branch_code = (SELECT ho.session_branch()))`,
  ]),
  // The reader sees every row, but only the columns granted below.
  `CREATE POLICY tracking_events_public_read ON ho.tracking_events FOR SELECT TO ho_tracking_reader USING (true)`,
  `GRANT SELECT (${PUBLIC_COLUMNS.join(', ')}) ON ho.tracking_events TO ho_tracking_reader`,
  // Parcels announced for pickup at a branch concern it; reference_items' own policy limits this to the session's branch.
  `GRANT SELECT (kind, branch_code, body) ON ho.reference_items TO ho_tracking_reader`,
  `GRANT EXECUTE ON FUNCTION ho.session_branch() TO ho_tracking_reader`,
  `CREATE TRIGGER tracking_events_append_only BEFORE UPDATE OR DELETE ON ho.tracking_events
     FOR EACH ROW EXECUTE FUNCTION ho.refuse_change()`,
  `CREATE TRIGGER tracking_events_no_truncate BEFORE TRUNCATE ON ho.tracking_events
     FOR EACH STATEMENT EXECUTE FUNCTION ho.refuse_change()`,
];

/**
 * A batch of the branch's outbox. Every event is inserted by id with ON CONFLICT
 * DO NOTHING, so a batch resent after a lost reply changes nothing and gets the
 * same answer. Sequence numbers are not checked against the cursor: a branch
 * restored from a backup reuses them for new events, which must still arrive.
 * `acked_seq` is the batch's last seq: everything up to there is held.
 */
const pushTracking = `CREATE FUNCTION ho.push_tracking(${pushParams}) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_branch text := ho.session_branch();
  v_cursor ho.tracking_cursors;
  v_n integer; v_seqs integer; v_ids integer; v_first bigint; v_last bigint; v_incomplete integer;
  v_position bigint; v_top bigint; v_inserted integer;
BEGIN
  ${branchOnly}
  INSERT INTO ho.tracking_cursors (branch_code) VALUES (v_branch) ON CONFLICT DO NOTHING;
  -- One push per branch at a time: a second sender waits, then finds its events already held.
  SELECT * INTO STRICT v_cursor FROM ho.tracking_cursors WHERE branch_code = v_branch FOR UPDATE;

  IF coalesce(cardinality(p_seq), 0) = 0 THEN
    RETURN jsonb_build_object('status', 'ok', 'acked_seq', v_cursor.acked_seq, 'inserted', 0, 'duplicates', 0, 'detail', NULL);
  END IF;
  IF ${TRACKING_PUSH_COLUMNS.map(([name]) => `coalesce(cardinality(p_${name}), 0) <> cardinality(p_seq)`).join(' OR ')} THEN
    RETURN jsonb_build_object('status', 'malformed', 'acked_seq', v_cursor.acked_seq, 'inserted', 0, 'duplicates', 0,
      'detail', 'every column of a batch carries one value per event');
  END IF;
  SELECT count(*), count(DISTINCT u.seq), count(DISTINCT u.id), min(u.seq), max(u.seq),
         count(*) FILTER (WHERE u.seq IS NULL OR u.id IS NULL OR u.s10 IS NULL OR u.code IS NULL OR u.at IS NULL OR u.office IS NULL)
    INTO v_n, v_seqs, v_ids, v_first, v_last, v_incomplete
    FROM ${unnestParams};
  IF v_seqs <> v_n OR v_ids <> v_n OR v_first < 1 OR v_incomplete > 0 THEN
    RETURN jsonb_build_object('status', 'malformed', 'acked_seq', v_cursor.acked_seq, 'inserted', 0, 'duplicates', 0,
      'detail', 'a batch carries each outbox seq and event id once, with s10, code, time and office');
  END IF;

  -- One writer of the stream at a time (see ho.tracking_stream); positions may have gaps, never reorder.
  SELECT s.last_position INTO STRICT v_position FROM ho.tracking_stream s WHERE s.id = 1 FOR UPDATE;
  -- Positions go to events not held yet, so a resent batch uses none. An id held for another branch
  -- (invisible here) still meets the primary key: kept as it was, counted as a duplicate.
  WITH fresh AS (
    SELECT u.*, row_number() OVER (ORDER BY u.seq) AS k FROM ${unnestParams}
     WHERE NOT EXISTS (SELECT 1 FROM ho.tracking_events t WHERE t.id = u.id)
  ), inserted AS (
    INSERT INTO ho.tracking_events (id, position, branch_code, branch_seq, s10, code, at, office, operator, operation_id, note)
    SELECT f.id, v_position + f.k, v_branch, f.seq, f.s10, f.code, f.at, f.office, f.operator, f.operation_id, f.note FROM fresh f
    ON CONFLICT (id) DO NOTHING
    RETURNING position
  )
  SELECT count(*), coalesce(max(i.position), v_position) INTO v_inserted, v_top FROM inserted i;
  UPDATE ho.tracking_stream SET last_position = v_top WHERE id = 1 AND v_top > v_position;

  UPDATE ho.tracking_cursors
     SET acked_seq = greatest(acked_seq, v_last), pushes = pushes + 1, last_push_at = now()
   WHERE branch_code = v_branch;
  RETURN jsonb_build_object('status', 'ok', 'acked_seq', v_last, 'inserted', v_inserted, 'duplicates', v_n - v_inserted, 'detail', NULL);
END $$`;

/**
 * Events recorded elsewhere for the items that concern this branch: items it
 * recorded an event for (it accepted them, handed them over…) and parcels
 * announced for pickup here. The answer's `position` is where the next pull
 * starts; it moves past events of other items too, so an idle pull costs nothing.
 */
const pullTracking = `CREATE FUNCTION ho.pull_tracking(p_after_position bigint, p_limit integer) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_branch text := ho.session_branch();
  v_limit integer := least(greatest(p_limit, 1), 1000);
  v_events jsonb; v_n integer; v_position bigint;
BEGIN
  ${branchOnly}
  SELECT coalesce(jsonb_agg(${publicEvent} ORDER BY e.position), '[]'::jsonb), count(*), max(e.position)
    INTO v_events, v_n, v_position
    FROM (SELECT ${PUBLIC_COLUMNS.map((c) => `e.${c}`).join(', ')} FROM ho.tracking_events e
           WHERE e.position > p_after_position
             AND e.branch_code IS DISTINCT FROM v_branch
             AND (EXISTS (SELECT 1 FROM ho.tracking_events mine WHERE mine.branch_code = v_branch AND mine.s10 = e.s10)
                  OR EXISTS (SELECT 1 FROM ho.reference_items r
                              WHERE r.kind = 'pickup-parcel' AND r.branch_code = v_branch AND r.body->>'barcode' = e.s10))
           ORDER BY e.position LIMIT v_limit) e;
  IF v_n < v_limit THEN
    -- Nothing more for this branch up to the newest event this snapshot sees.
    SELECT max(e.position) INTO v_position FROM ho.tracking_events e;
  END IF;
  RETURN jsonb_build_object('events', v_events, 'position', greatest(coalesce(v_position, 0), p_after_position));
END $$`;

/** The whole history of one item, asked for by number at a counter: what a public tracking page shows. */
const itemHistory = `CREATE FUNCTION ho.item_history(p_s10 text) RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$ SELECT coalesce(jsonb_agg(${publicEvent} ORDER BY e.position), '[]'::jsonb)
        FROM (SELECT ${PUBLIC_COLUMNS.map((c) => `t.${c}`).join(', ')} FROM ho.tracking_events t WHERE t.s10 = p_s10 ORDER BY t.position LIMIT 500) e $$`;

/** Head-office staff record what exchange offices, customs and partner posts report. */
const recordTrackingEvent = `CREATE FUNCTION ho.record_tracking_event(p_id text, p_s10 text, p_code text, p_at text, p_office text, p_note text)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE v_position bigint; v_inserted integer;
BEGIN
  IF ho.session_branch() IS NOT NULL THEN
    RAISE EXCEPTION 'this function is for head-office staff' USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT s.last_position + 1 INTO STRICT v_position FROM ho.tracking_stream s WHERE s.id = 1 FOR UPDATE;
  INSERT INTO ho.tracking_events (id, position, s10, code, at, office, note)
  VALUES (p_id, v_position, p_s10, p_code, p_at, p_office, p_note) ON CONFLICT (id) DO NOTHING;
  GET DIAGNOSTICS v_inserted = ROW_COUNT;
  IF v_inserted = 0 THEN RETURN NULL; END IF;
  UPDATE ho.tracking_stream SET last_position = v_position WHERE id = 1;
  RETURN v_position;
END $$`;

const ownedByOwner = [pushSignature, 'ho.record_tracking_event(text, text, text, text, text, text)'];
const ownedByReader = ['ho.pull_tracking(bigint, integer)', 'ho.item_history(text)'];

/** What a branch role may do with tracking at head office, in full. */
export const BRANCH_TRACKING_FUNCTIONS = [pushSignature, ...ownedByReader];

const functions = [
  pushTracking,
  pullTracking,
  itemHistory,
  recordTrackingEvent,
  ...ownedByOwner.map((s) => `ALTER FUNCTION ${s} OWNER TO ho_owner`),
  ...ownedByReader.map((s) => `ALTER FUNCTION ${s} OWNER TO ho_tracking_reader`),
  // Functions are executable by PUBLIC by default: take that away before granting.
  ...[...ownedByOwner, ...ownedByReader].map((s) => `REVOKE EXECUTE ON FUNCTION ${s} FROM PUBLIC`),
  `GRANT EXECUTE ON FUNCTION ${BRANCH_TRACKING_FUNCTIONS.join(', ')} TO ho_branch`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [...tables, ...functions]) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const s of [...ownedByReader, ...ownedByOwner]) await sql.raw(`DROP FUNCTION ${s}`).execute(db);
  for (const table of ['tracking_cursors', 'tracking_events', 'tracking_stream']) await sql.raw(`DROP TABLE ho.${table}`).execute(db);
  await sql.raw('REVOKE ALL ON SCHEMA ho FROM ho_tracking_reader').execute(db);
  await sql.raw('REVOKE EXECUTE ON FUNCTION ho.session_branch() FROM ho_tracking_reader').execute(db);
}
