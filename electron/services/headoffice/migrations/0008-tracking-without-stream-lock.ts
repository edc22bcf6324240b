import { sql, type Kysely } from 'kysely';
import { TRACKING_PUSH_COLUMNS } from './0003-tracking-events';

/**
 * Tracking positions without the one global row lock.
 *
 * 0003 handed positions out under the lock of the single `ho.tracking_stream`
 * row, so they became visible in order and a pull cursor never stepped over a
 * row committed late. Every branch's push waited on that row (200 branches ×
 * 50 events: p99 6.4 s, 95 % of waits there).
 *
 * Now a position is made from the writing transaction's own id:
 * `position = xid · 2¹⁶ + k` (k = 1, 2, … within the transaction). Nobody waits
 * for anybody to get one. What kept the cursor safe is now asked of PostgreSQL:
 * a pull returns only positions below `horizon · 2¹⁶`, where `horizon` is the
 * oldest transaction of this database its snapshot still sees running (or the
 * next transaction id when none runs). Every transaction below it has ended, so
 * no event can appear there later; an event of a transaction still running waits
 * for the next pull. Transactions of other databases on the same server (they
 * cannot write these rows) do not hold the horizon back.
 *
 * Positions held before this migration are small numbers, all below any new
 * one; a branch's cursor from before goes on working unchanged.
 */

/** Events one transaction may position: k runs 1 … 2¹⁶ − 1. */
const PER_TRANSACTION = 65_536;

const names = TRACKING_PUSH_COLUMNS.map(([name]) => name);
const pushParams = TRACKING_PUSH_COLUMNS.map(([name, type]) => `p_${name} ${type}[]`).join(', ');
const unnestParams = `unnest(${names.map((name) => `p_${name}`).join(', ')}) AS u(${names.join(', ')})`;
const publicColumns = ['position', 'id', 'branch_code', 's10', 'code', 'at', 'office'];
const publicEvent = `jsonb_build_object('position', e.position, 'id', e.id, 's10', e.s10, 'code', e.code, 'at', e.at,
  'office', e.office, 'recorded_by', e.branch_code)`;

const branchOnly = `IF v_branch IS NULL THEN
    RAISE EXCEPTION 'this head-office function is for branch roles only' USING ERRCODE = 'insufficient_privilege';
  END IF;`;

/** The last position this transaction used so far (a second call in one transaction goes on from it). */
const lastUsedPosition = `v_base := pg_current_xact_id()::text::bigint * ${PER_TRANSACTION};
  SELECT coalesce(max(t.position), v_base) INTO v_position FROM ho.tracking_events t
   WHERE t.position >= v_base AND t.position < v_base + ${PER_TRANSACTION};`;

/**
 * The oldest transaction id this statement's snapshot sees running in this database, else
 * the next one. A running transaction whose database cannot be told (it ended just now, or
 * holds no lock yet) counts as this database's: at worst a pull waits one more round.
 */
const horizon = `WITH s AS (SELECT pg_current_snapshot() AS snap),
    elsewhere AS (
      SELECT l.transactionid::text::bigint AS xid32 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'transactionid' AND l.mode = 'ExclusiveLock' AND l.granted
         AND a.datid IS DISTINCT FROM (SELECT d.oid FROM pg_database d WHERE d.datname = current_database()))
  SELECT least((SELECT pg_snapshot_xmax(s.snap)::text::bigint FROM s),
               (SELECT min(x::text::bigint) FROM s, pg_snapshot_xip(s.snap) AS x
                 WHERE (x::text::bigint % 4294967296) NOT IN (SELECT e.xid32 FROM elsewhere e)))`;

const pushTracking = `CREATE OR REPLACE FUNCTION ho.push_tracking(${pushParams}) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_branch text := ho.session_branch();
  v_cursor ho.tracking_cursors;
  v_n integer; v_seqs integer; v_ids integer; v_first bigint; v_last bigint; v_incomplete integer;
  v_base bigint; v_position bigint; v_inserted integer;
BEGIN
  ${branchOnly}
  INSERT INTO ho.tracking_cursors (branch_code) VALUES (v_branch) ON CONFLICT DO NOTHING;
  -- One push per branch at a time: a second sender waits, then finds its events already held.
  SELECT * INTO STRICT v_cursor FROM ho.tracking_cursors WHERE branch_code = v_branch FOR UPDATE;

  IF coalesce(cardinality(p_seq), 0) = 0 THEN
    RETURN jsonb_build_object('status', 'ok', 'acked_seq', v_cursor.acked_seq, 'inserted', 0, 'duplicates', 0, 'detail', NULL);
  END IF;
  IF ${names.map((name) => `coalesce(cardinality(p_${name}), 0) <> cardinality(p_seq)`).join(' OR ')} THEN
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

  ${lastUsedPosition}
  IF v_position + v_n >= v_base + ${PER_TRANSACTION} THEN
    RETURN jsonb_build_object('status', 'malformed', 'acked_seq', v_cursor.acked_seq, 'inserted', 0, 'duplicates', 0,
      'detail', 'a batch carries at most ${PER_TRANSACTION - 1} events');
  END IF;
  -- Positions go to events not held yet, so a resent batch uses none. An id held for another branch
  -- (invisible here) still meets the primary key: kept as it was, counted as a duplicate.
  WITH fresh AS (
    SELECT u.*, row_number() OVER (ORDER BY u.seq) AS k FROM ${unnestParams}
     WHERE NOT EXISTS (SELECT 1 FROM ho.tracking_events t WHERE t.id = u.id)
  ), inserted AS (
    INSERT INTO ho.tracking_events (id, position, branch_code, branch_seq, s10, code, at, office, operator, operation_id, note)
    SELECT f.id, v_position + f.k, v_branch, f.seq, f.s10, f.code, f.at, f.office, f.operator, f.operation_id, f.note FROM fresh f
    ON CONFLICT (id) DO NOTHING
    RETURNING 1
  )
  SELECT count(*) INTO v_inserted FROM inserted;

  UPDATE ho.tracking_cursors
     SET acked_seq = greatest(acked_seq, v_last), pushes = pushes + 1, last_push_at = now()
   WHERE branch_code = v_branch;
  RETURN jsonb_build_object('status', 'ok', 'acked_seq', v_last, 'inserted', v_inserted, 'duplicates', v_n - v_inserted, 'detail', NULL);
END $$`;

const pullTracking = `CREATE OR REPLACE FUNCTION ho.pull_tracking(p_after_position bigint, p_limit integer) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_branch text := ho.session_branch();
  v_limit integer := least(greatest(p_limit, 1), 1000);
  v_safe bigint;
  v_events jsonb; v_n integer; v_position bigint;
BEGIN
  ${branchOnly}
  -- Below v_safe every writer has ended: nothing can be committed there after this pull.
  v_safe := (${horizon}) * ${PER_TRANSACTION};
  SELECT coalesce(jsonb_agg(${publicEvent} ORDER BY e.position), '[]'::jsonb), count(*), max(e.position)
    INTO v_events, v_n, v_position
    FROM (SELECT ${publicColumns.map((c) => `e.${c}`).join(', ')} FROM ho.tracking_events e
           WHERE e.position > p_after_position AND e.position < v_safe
             AND e.branch_code IS DISTINCT FROM v_branch
             AND (EXISTS (SELECT 1 FROM ho.tracking_events mine WHERE mine.branch_code = v_branch AND mine.s10 = e.s10)
                  OR EXISTS (SELECT 1 FROM ho.reference_items r
                              WHERE r.kind = 'pickup-parcel' AND r.branch_code = v_branch AND r.body->>'barcode' = e.s10))
           ORDER BY e.position LIMIT v_limit) e;
  IF v_n < v_limit THEN
    -- Nothing more for this branch below the horizon.
    v_position := v_safe - 1;
  END IF;
  RETURN jsonb_build_object('events', v_events, 'position', greatest(coalesce(v_position, 0), p_after_position));
END $$`;

const recordTrackingEvent = `CREATE OR REPLACE FUNCTION ho.record_tracking_event(p_id text, p_s10 text, p_code text, p_at text, p_office text, p_note text)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE v_base bigint; v_position bigint; v_inserted integer;
BEGIN
  IF ho.session_branch() IS NOT NULL THEN
    RAISE EXCEPTION 'this function is for head-office staff' USING ERRCODE = 'insufficient_privilege';
  END IF;
  ${lastUsedPosition}
  INSERT INTO ho.tracking_events (id, position, s10, code, at, office, note)
  VALUES (p_id, v_position + 1, p_s10, p_code, p_at, p_office, p_note) ON CONFLICT (id) DO NOTHING;
  GET DIAGNOSTICS v_inserted = ROW_COUNT;
  IF v_inserted = 0 THEN RETURN NULL; END IF;
  RETURN v_position + 1;
END $$`;

const statements = [
  // Old positions must sit below every new one (true unless a single transaction wrote 65,536 events per id).
  `DO $$ BEGIN
     IF (SELECT coalesce(max(position), 0) FROM ho.tracking_events) >= pg_current_xact_id()::text::bigint * ${PER_TRANSACTION} THEN
       RAISE EXCEPTION 'tracking positions held are above the new scheme''s first position';
     END IF;
   END $$`,
  pushTracking,
  pullTracking,
  recordTrackingEvent,
  `DROP TABLE ho.tracking_stream`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // CREATE OR REPLACE keeps each function's owner (pull_tracking stays with ho_tracking_reader) and grants.
  for (const statement of statements) await sql.raw(statement).execute(db);
}

// No down: positions handed out since cannot be squeezed back into one counter.
