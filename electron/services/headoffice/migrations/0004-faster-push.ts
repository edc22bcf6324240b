import { sql, type Kysely } from 'kysely';
import { PUSH_COLUMNS } from './0002-branch-functions';

/**
 * `ho.push` again: same signature, same answers, same guarantees, less work per row.
 *
 * Profiled on a 100,000-transfer catch-up, the 0002 body spent its time (besides
 * parsing the arrays, which any bulk insert pays) in: `unnest` of twenty arrays,
 * twice (a multi-array unnest materialises every array in a tuplestore, about as
 * dear as the hashing), the hash pass's window functions (a sort of every batch),
 * two more passes for the first and last row and the clock check (its own sort),
 * and an ON CONFLICT that probed both unique indexes for every row.
 *
 * Now the batch is read by position (`p_x[i]`, O(1) on the expanded arrays
 * PL/pgSQL keeps its array arguments in) in one pass, in the order the rows came:
 * shape, every hash, the chain inside the batch and the branch clock, each row
 * beside the row before it (`i - 1`), so nothing is sorted. A batch therefore
 * comes in sequence order, as the branch always sends it. The insert reads by
 * position too and names the sequence key as its conflict target: a resent row is
 * skipped as before; a transfer id held under another sequence now fails on its
 * unique index rather than after a count, refused either way with nothing kept.
 *
 * `plan_cache_mode = force_generic_plan` is load-bearing: a custom plan (the first
 * five calls of every session) folds the arrays into flat constants, where `p_x[i]`
 * walks the array from its start: quadratic, a hundred times slower per batch.
 */

const names = PUSH_COLUMNS.map(([name]) => name);
const params = PUSH_COLUMNS.map(([name, type]) => `p_${name} ${type}[]`).join(', ');
const columns = names.join(', ');
const unnestParams = `unnest(${names.map((name) => `p_${name}`).join(', ')}) AS u(${columns})`;
const atRow = names.map((name) => `p_${name}[i]`).join(', ');

/** Branch clocks further than this from head office's are flagged (never refused: order is by seq). */
const SKEW_TOLERANCE_SECONDS = 300;

const answer = (status: string, detail = 'NULL'): string => `ho.push_answer('${status}', v_cursor, 0, 0, ${detail})`;

/** Every column a one-dimensional array indexed 1..v_n: what makes `p_x[i]` the i-th row. */
const wellShaped = names
  .map((name) => `array_ndims(p_${name}) = 1 AND array_lower(p_${name}, 1) = 1 AND array_upper(p_${name}, 1) = v_n`)
  .join('\n        AND ');
/** The time of the row booked just before row i: the one before it in the batch, or the held one. */
const atBefore = `(CASE WHEN i = 1 THEN v_held_at ELSE p_at[i - 1] END)`;
const allEmpty = names.map((name) => `coalesce(cardinality(p_${name}), 0) = 0`).join(' AND ');

const push = `CREATE OR REPLACE FUNCTION ho.push(p_sent_at text, ${params}) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
  v_branch text := ho.session_branch();
  v_cursor ho.branch_cursors;
  v_n integer := coalesce(cardinality(p_seq), 0);
  v_held_at text; v_first bigint; v_last bigint;
  v_broken integer; v_bad bigint; v_backwards bigint; v_link_hash text; v_conflicts integer := 0;
  v_new integer; v_inserted integer; v_sent_at timestamptz; v_skew integer;
BEGIN
  IF v_branch IS NULL THEN
    RAISE EXCEPTION 'this head-office function is for branch roles only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- One push per branch at a time: a second sender waits here and then finds its rows already held.
  SELECT * INTO STRICT v_cursor FROM ho.branch_cursors WHERE branch_code = v_branch FOR UPDATE;

  IF v_n = 0 AND ${allEmpty} THEN
    RETURN ${answer('ok')};
  END IF;
  IF NOT coalesce(${wellShaped}, false) THEN
    RETURN ${answer('malformed', "'every column of a batch is one list with one value per transfer'")};
  END IF;

  v_first := p_seq[1];
  v_last := p_seq[v_n];
  -- The time of the row just before the batch, for the clock check of its first row.
  SELECT t.at INTO v_held_at FROM ho.transfers t WHERE t.branch_code = v_branch AND t.seq = v_first - 1;

  -- One pass, in arrival order, no sort: each row beside the one before it. Every hash is
  -- recomputed: a row altered on the way, or by hand, refuses the whole batch.
  SELECT count(*) FILTER (WHERE i > 1 AND p_seq[i] IS DISTINCT FROM p_seq[i - 1] + 1),
         min(p_seq[i]) FILTER (WHERE p_hash[i] IS DISTINCT FROM ho.transfer_hash(ROW(${atRow})::ho.transfer_row)
                                  OR (i > 1 AND p_prev_hash[i] IS DISTINCT FROM p_hash[i - 1])),
         -- Same UTC offset (nearly always): the text compares as the time does, to the minute, cheaply.
         min(p_seq[i]) FILTER (WHERE p_seq[i] > v_cursor.acked_seq AND CASE
           WHEN right(p_at[i], 6) = right(${atBefore}, 6) THEN left(p_at[i], 16) < left(${atBefore}, 16)
           ELSE ho.instant(p_at[i]) < ho.instant(${atBefore}) - interval '1 minute' END)
    INTO v_broken, v_bad, v_backwards
    FROM generate_series(1, v_n) AS i;

  IF v_broken > 0 OR v_first IS NULL OR v_first < 1 THEN
    RETURN ${answer('malformed', "'a batch carries consecutive branch sequence numbers, in order, each once'")};
  END IF;
  IF v_first > v_cursor.acked_seq + 1 THEN
    RETURN ${answer('gap', "format('batch starts at seq %s; head office expects seq %s', v_first, v_cursor.acked_seq + 1)")};
  END IF;
  IF v_bad IS NOT NULL THEN
    INSERT INTO ho.alarms (branch_code, kind, seq, detail)
    VALUES (v_branch, 'tampered-batch', v_bad, format('seq %s does not match its hash or the chain: batch refused, nothing kept', v_bad));
    RETURN ${answer('tampered', "format('seq %s does not match its hash or the chain', v_bad)")};
  END IF;

  -- Rows already held: the same hash is a harmless resend; another hash is quarantined, never overwritten.
  IF v_first <= v_cursor.acked_seq THEN
    WITH differing AS (
      SELECT ROW(u.*)::ho.transfer_row AS offered, t.hash AS kept_hash
        FROM ${unnestParams} JOIN ho.transfers t ON t.branch_code = v_branch AND t.seq = u.seq
       WHERE u.seq <= v_cursor.acked_seq AND t.hash <> u.hash
    ), quarantined AS (
      INSERT INTO ho.quarantine (branch_code, seq, kept_hash, offered_hash, offered)
      SELECT v_branch, (d.offered).seq, d.kept_hash, (d.offered).hash, to_jsonb(d.offered) FROM differing d
      RETURNING seq
    ), alarmed AS (
      INSERT INTO ho.alarms (branch_code, kind, seq, detail)
      SELECT v_branch, 'same-seq-different-hash', q.seq,
             format('the branch sent a different row for seq %s: quarantined, head office keeps the original', q.seq)
        FROM quarantined q
      RETURNING 1
    )
    SELECT count(*) INTO v_conflicts FROM alarmed;
  END IF;
  IF v_conflicts > 0 THEN
    RETURN ${answer('conflict', "format('%s row(s) differ from what head office holds: quarantined, originals kept', v_conflicts)")};
  END IF;

  -- The batch must hang from the chain head office holds.
  IF v_first = 1 THEN
    v_link_hash := repeat('0', 64);
  ELSIF v_first - 1 = v_cursor.acked_seq THEN
    v_link_hash := v_cursor.acked_hash;
  ELSE
    SELECT t.hash INTO v_link_hash FROM ho.transfers t WHERE t.branch_code = v_branch AND t.seq = v_first - 1;
  END IF;
  IF p_prev_hash[1] IS DISTINCT FROM v_link_hash THEN
    INSERT INTO ho.alarms (branch_code, kind, seq, detail)
    VALUES (v_branch, 'diverged-chain', v_first,
      format('seq %s does not continue the chain head office holds at seq %s', v_first, v_first - 1));
    RETURN ${answer('diverged', "format('seq %s does not continue the chain head office holds', v_first)")};
  END IF;

  v_new := greatest(0, v_last - greatest(v_first, v_cursor.acked_seq + 1) + 1);
  -- Straight from the column arrays, by position. The conflict target is the sequence key
  -- alone: probing the transfer-id index too for every row cost a tenth of the push.
  INSERT INTO ho.transfers (branch_code, ${columns})
  SELECT v_branch, ${atRow} FROM generate_series(1, v_n) AS i WHERE p_seq[i] > v_cursor.acked_seq
  ON CONFLICT (branch_code, seq) DO NOTHING;
  GET DIAGNOSTICS v_inserted = ROW_COUNT;
  IF v_inserted <> v_new THEN
    RAISE EXCEPTION 'batch carries rows above the acknowledged seq that head office already holds' USING ERRCODE = 'unique_violation';
  END IF;

  -- The branch clock is flagged, never trusted for order and never a reason to refuse.
  v_sent_at := ho.instant(p_sent_at);
  v_skew := CASE WHEN v_sent_at IS NULL THEN NULL ELSE round(extract(epoch FROM v_sent_at - now()))::integer END;
  IF abs(v_skew) > ${SKEW_TOLERANCE_SECONDS}
     AND (v_cursor.last_skew_seconds IS NULL OR abs(v_cursor.last_skew_seconds) <= ${SKEW_TOLERANCE_SECONDS}) THEN
    INSERT INTO ho.alarms (branch_code, kind, seq, detail)
    VALUES (v_branch, 'clock-skew', v_last, format('branch clock is %s s %s head office', abs(v_skew),
      CASE WHEN v_skew > 0 THEN 'ahead of' ELSE 'behind' END));
  END IF;
  -- Compared with the row before the batch too (v_held_at): a clock set back between two batches is seen.
  IF v_backwards IS NOT NULL THEN
    INSERT INTO ho.alarms (branch_code, kind, seq, detail)
    VALUES (v_branch, 'clock-backwards', v_backwards, format('seq %s is timed before the transfer booked just before it', v_backwards));
  END IF;

  UPDATE ho.branch_cursors
     SET acked_seq = greatest(acked_seq, v_last),
         acked_hash = CASE WHEN v_last > acked_seq THEN p_hash[v_n] ELSE acked_hash END,
         pushes = pushes + 1, last_push_at = now(), last_skew_seconds = v_skew
   WHERE branch_code = v_branch
  RETURNING * INTO v_cursor;
  RETURN ho.push_answer('ok', v_cursor, v_inserted, v_n - v_new, NULL);
END $$`;

export async function up(db: Kysely<unknown>): Promise<void> {
  // CREATE OR REPLACE keeps the owner (ho_owner) and the grants (EXECUTE to ho_branch only).
  await sql.raw(push).execute(db);
}

// No down: going back means 0002's body, which stays in 0002 untouched; this body refuses nothing 0002 accepted
// from a real branch (which always sends its rows in sequence order).
