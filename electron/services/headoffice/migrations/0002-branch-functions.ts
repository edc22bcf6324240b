import { sql, type Kysely } from 'kysely';

/**
 * The only door a branch has into head office: these functions. They run as
 * `ho_owner` with a pinned search_path (nobody can plant a look-alike operator),
 * take the branch from the session's role, and are the only thing `ho_branch`
 * may EXECUTE. Answers are jsonb so PostgreSQL and PGlite read them the same.
 */

/** The row exactly as the branch hashed it (electron/services/ledger/transfer-hash.ts). */
const transferRow = `CREATE TYPE ho.transfer_row AS (
  seq bigint, id text, operation_id text, debit_account_id text, credit_account_id text, amount bigint,
  currency text, code text, flags integer, pending_id text, reference text, unique_reference text,
  reversal_of text, till_session_id text, operator text, approver text, reason text, at text,
  prev_hash text, hash text)`;

// JavaScript's JSON.stringify and PostgreSQL's to_json escape strings the same way
// (", \\, \\b \\f \\n \\r \\t, other controls as \\u00xx, nothing else), so the
// canonical text below is byte for byte what the branch hashed.
// STABLE, like to_json itself: a SQL function declared IMMUTABLE around a STABLE body is
// never inlined, and the call overhead made hashing ten times slower.
const jsonText = `CREATE FUNCTION ho.json_text(v text) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT coalesce(pg_catalog.to_json(v)::pg_catalog.text, 'null') $$`;

const transferHash = `CREATE FUNCTION ho.transfer_hash(r ho.transfer_row) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(
    r.prev_hash || E'\\n' || '[' || r.seq::text || ',' || ho.json_text(r.id) || ',' || ho.json_text(r.operation_id) || ',' ||
    ho.json_text(r.debit_account_id) || ',' || ho.json_text(r.credit_account_id) || ',' || r.amount::text || ',' ||
    ho.json_text(r.currency) || ',' || ho.json_text(r.code) || ',' || r.flags::text || ',' || ho.json_text(r.pending_id) || ',' ||
    ho.json_text(r.reference) || ',' || ho.json_text(r.unique_reference) || ',' || ho.json_text(r.reversal_of) || ',' ||
    ho.json_text(r.till_session_id) || ',' || ho.json_text(r.operator) || ',' || ho.json_text(r.approver) || ',' ||
    ho.json_text(r.reason) || ',' || ho.json_text(r.at) || ']', 'UTF8')), 'hex') $$`;

/** The instant a branch wrote, or NULL when the text is not an ISO time with offset. */
const instant = `CREATE FUNCTION ho.instant(v text) RETURNS timestamptz
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN v ~ '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$'
                    THEN v::pg_catalog.timestamptz END $$`;

const pushAnswer = `CREATE FUNCTION ho.push_answer(p_status text, c ho.branch_cursors, p_inserted integer, p_duplicates integer, p_detail text)
  RETURNS jsonb LANGUAGE sql STABLE
  AS $$ SELECT pg_catalog.jsonb_build_object('status', p_status, 'acked_seq', c.acked_seq, 'acked_hash', c.acked_hash,
    'expected_seq', c.acked_seq + 1, 'inserted', p_inserted, 'duplicates', p_duplicates, 'detail', p_detail,
    'skew_seconds', c.last_skew_seconds) $$`;

const branchOnly = `IF v_branch IS NULL THEN
    RAISE EXCEPTION 'this head-office function is for branch roles only' USING ERRCODE = 'insufficient_privilege';
  END IF;`;

/** Branch clocks further than this from head office's are flagged (never refused: order is by seq). */
const SKEW_TOLERANCE_SECONDS = 300;

/** The columns of a pushed batch, one array each: parsed as fast as a plain unnest insert. */
export const PUSH_COLUMNS = [
  ['seq', 'bigint'], ['id', 'text'], ['operation_id', 'text'], ['debit_account_id', 'text'], ['credit_account_id', 'text'],
  ['amount', 'bigint'], ['currency', 'text'], ['code', 'text'], ['flags', 'integer'], ['pending_id', 'text'],
  ['reference', 'text'], ['unique_reference', 'text'], ['reversal_of', 'text'], ['till_session_id', 'text'],
  ['operator', 'text'], ['approver', 'text'], ['reason', 'text'], ['at', 'text'], ['prev_hash', 'text'], ['hash', 'text'],
] as const;

const pushParams = PUSH_COLUMNS.map(([name, type]) => `p_${name} ${type}[]`).join(', ');
const pushSignature = `ho.push(text, ${PUSH_COLUMNS.map(([, type]) => `${type}[]`).join(', ')})`;

const columns = PUSH_COLUMNS.map(([name]) => name).join(', ');
const unnestParams = `unnest(${PUSH_COLUMNS.map(([name]) => `p_${name}`).join(', ')}) AS u(${columns})`;

const push = `CREATE FUNCTION ho.push(p_sent_at text, ${pushParams}) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_branch text := ho.session_branch();
  v_cursor ho.branch_cursors;
  v_n integer; v_first bigint; v_last bigint; v_distinct integer;
  v_bad bigint; v_first_prev text; v_last_hash text; v_link_hash text; v_conflicts integer := 0;
  v_new integer; v_inserted integer; v_sent_at timestamptz; v_skew integer; v_backwards bigint;
BEGIN
  ${branchOnly}
  -- One push per branch at a time: a second sender waits here and then finds its rows already held.
  SELECT * INTO STRICT v_cursor FROM ho.branch_cursors WHERE branch_code = v_branch FOR UPDATE;

  -- One pass over the batch: its shape, and every hash recomputed with the chain inside it.
  -- A row altered on the way, or by hand, refuses the whole batch.
  SELECT count(*), min(s.seq), max(s.seq), count(*) - count(*) FILTER (WHERE s.seq = s.seq_before),
         min(s.seq) FILTER (WHERE s.hash IS DISTINCT FROM s.recomputed OR (s.before IS NOT NULL AND s.prev_hash IS DISTINCT FROM s.before))
    INTO v_n, v_first, v_last, v_distinct, v_bad
    FROM (SELECT h.seq, h.hash, h.prev_hash, h.recomputed,
                 lag(h.hash) OVER (ORDER BY h.seq) AS before, lag(h.seq) OVER (ORDER BY h.seq) AS seq_before
            -- Hash first, then sort only the narrow rows for the chain check.
            FROM (SELECT u.seq, u.hash, u.prev_hash, ho.transfer_hash(ROW(u.*)::ho.transfer_row) AS recomputed
                    FROM ${unnestParams}) h) s;
  IF v_n = 0 THEN
    RETURN ho.push_answer('ok', v_cursor, 0, 0, NULL);
  END IF;
  IF v_distinct <> v_n OR v_last - v_first + 1 <> v_n OR v_first < 1 THEN
    RETURN ho.push_answer('malformed', v_cursor, 0, 0, 'a batch carries consecutive branch sequence numbers, each once');
  END IF;
  IF v_first > v_cursor.acked_seq + 1 THEN
    RETURN ho.push_answer('gap', v_cursor, 0, 0,
      format('batch starts at seq %s; head office expects seq %s', v_first, v_cursor.acked_seq + 1));
  END IF;
  IF v_bad IS NOT NULL THEN
    INSERT INTO ho.alarms (branch_code, kind, seq, detail)
    VALUES (v_branch, 'tampered-batch', v_bad, format('seq %s does not match its hash or the chain: batch refused, nothing kept', v_bad));
    RETURN ho.push_answer('tampered', v_cursor, 0, 0, format('seq %s does not match its hash or the chain', v_bad));
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
    RETURN ho.push_answer('conflict', v_cursor, 0, 0,
      format('%s row(s) differ from what head office holds: quarantined, originals kept', v_conflicts));
  END IF;

  -- The batch must hang from the chain head office holds.
  SELECT max(u.prev_hash) FILTER (WHERE u.seq = v_first), max(u.hash) FILTER (WHERE u.seq = v_last)
    INTO v_first_prev, v_last_hash FROM unnest(p_seq, p_prev_hash, p_hash) AS u(seq, prev_hash, hash);
  IF v_first = 1 THEN
    v_link_hash := repeat('0', 64);
  ELSIF v_first - 1 = v_cursor.acked_seq THEN
    v_link_hash := v_cursor.acked_hash;
  ELSE
    SELECT t.hash INTO v_link_hash FROM ho.transfers t WHERE t.branch_code = v_branch AND t.seq = v_first - 1;
  END IF;
  IF v_first_prev IS DISTINCT FROM v_link_hash THEN
    INSERT INTO ho.alarms (branch_code, kind, seq, detail)
    VALUES (v_branch, 'diverged-chain', v_first,
      format('seq %s does not continue the chain head office holds at seq %s', v_first, v_first - 1));
    RETURN ho.push_answer('diverged', v_cursor, 0, 0,
      format('seq %s does not continue the chain head office holds', v_first));
  END IF;

  v_new := greatest(0, v_last - greatest(v_first, v_cursor.acked_seq + 1) + 1);
  -- Straight from the column arrays, as a plain bulk insert would.
  INSERT INTO ho.transfers (branch_code, ${columns})
  SELECT v_branch, u.* FROM ${unnestParams} WHERE u.seq > v_cursor.acked_seq
  ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS v_inserted = ROW_COUNT;
  IF v_inserted <> v_new THEN
    RAISE EXCEPTION 'batch reuses a transfer id head office holds under another seq' USING ERRCODE = 'unique_violation';
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
  -- Compared with the row before the batch too: a clock set back between two batches is seen.
  -- Same UTC offset (nearly always): the text compares as the time does, to the minute, cheaply.
  SELECT min(s.seq) INTO v_backwards
    FROM (SELECT x.seq, x.at, lag(x.at) OVER (ORDER BY x.seq) AS before
            FROM (SELECT t.seq, t.at FROM ho.transfers t WHERE t.branch_code = v_branch AND t.seq = v_cursor.acked_seq
                  UNION ALL
                  SELECT u.seq, u.at FROM unnest(p_seq, p_at) AS u(seq, at) WHERE u.seq > v_cursor.acked_seq) x) s
   WHERE CASE WHEN right(s.at, 6) = right(s.before, 6) THEN left(s.at, 16) < left(s.before, 16)
              ELSE ho.instant(s.at) < ho.instant(s.before) - interval '1 minute' END;
  IF v_backwards IS NOT NULL THEN
    INSERT INTO ho.alarms (branch_code, kind, seq, detail)
    VALUES (v_branch, 'clock-backwards', v_backwards, format('seq %s is timed before the transfer booked just before it', v_backwards));
  END IF;

  UPDATE ho.branch_cursors
     SET acked_seq = greatest(acked_seq, v_last),
         acked_hash = CASE WHEN v_last > acked_seq THEN v_last_hash ELSE acked_hash END,
         pushes = pushes + 1, last_push_at = now(), last_skew_seconds = v_skew
   WHERE branch_code = v_branch
  RETURNING * INTO v_cursor;
  RETURN ho.push_answer('ok', v_cursor, v_inserted, v_n - v_new, NULL);
END $$`;

const pull = `CREATE FUNCTION ho.pull(p_after_version bigint, p_limit integer) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_branch text := ho.session_branch();
  v_items jsonb; v_latest bigint;
BEGIN
  ${branchOnly}
  SELECT coalesce(jsonb_agg(jsonb_build_object('version', i.version, 'kind', i.kind, 'key', i.key, 'body', i.body,
           'published_by', i.published_by, 'published_at', i.published_at) ORDER BY i.version), '[]'::jsonb)
    INTO v_items
    FROM (SELECT * FROM ho.reference_items r
           WHERE r.version > p_after_version AND (r.branch_code IS NULL OR r.branch_code = v_branch)
           ORDER BY r.version LIMIT least(greatest(p_limit, 1), 1000)) i;
  SELECT coalesce(max(r.version), 0) INTO v_latest FROM ho.reference_items r
   WHERE r.branch_code IS NULL OR r.branch_code = v_branch;
  RETURN jsonb_build_object('items', v_items, 'latest_version', v_latest);
END $$`;

const linkState = `CREATE FUNCTION ho.link_state() RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_branch text := ho.session_branch();
  c ho.branch_cursors;
BEGIN
  ${branchOnly}
  SELECT * INTO STRICT c FROM ho.branch_cursors WHERE branch_code = v_branch;
  RETURN jsonb_build_object('branch', v_branch, 'acked_seq', c.acked_seq, 'acked_hash', c.acked_hash,
    'last_push_at', c.last_push_at, 'last_skew_seconds', c.last_skew_seconds,
    'quarantined', (SELECT count(*) FROM ho.quarantine q WHERE q.branch_code = v_branch),
    'alarms', (SELECT coalesce(jsonb_agg(jsonb_build_object('kind', a.kind, 'seq', a.seq, 'detail', a.detail, 'raised_at', a.raised_at)
                  ORDER BY a.id DESC), '[]'::jsonb)
                 FROM (SELECT * FROM ho.alarms a WHERE a.branch_code = v_branch ORDER BY a.id DESC LIMIT 10) a));
END $$`;

/** A branch restored from an old backup fetches back what it had already sent. */
const transfersAfter = `CREATE FUNCTION ho.transfers_after(p_after_seq bigint, p_limit integer) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_branch text := ho.session_branch();
  v_rows jsonb;
BEGIN
  ${branchOnly}
  SELECT coalesce(jsonb_agg(to_jsonb(r) ORDER BY r.seq), '[]'::jsonb) INTO v_rows
    FROM (SELECT t.seq, t.id, t.operation_id, t.debit_account_id, t.credit_account_id, t.amount, t.currency, t.code, t.flags,
                 t.pending_id, t.reference, t.unique_reference, t.reversal_of, t.till_session_id, t.operator, t.approver,
                 t.reason, t.at, t.prev_hash, t.hash
            FROM ho.transfers t WHERE t.branch_code = v_branch AND t.seq > p_after_seq
           ORDER BY t.seq LIMIT least(greatest(p_limit, 1), 5000)) r;
  RETURN v_rows;
END $$`;

/** Posted money per account, recomputed from the transfers head office holds up to a seq. */
const accountTotals = `CREATE FUNCTION ho.account_totals(p_branch text, p_upto_seq bigint)
  RETURNS TABLE (account_id text, debits_posted numeric, credits_posted numeric)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ SELECT m.account_id, sum(m.debit), sum(m.credit) FROM (
      SELECT t.debit_account_id AS account_id, t.amount AS debit, 0::bigint AS credit FROM ho.transfers t
       WHERE t.branch_code = p_branch AND t.seq <= p_upto_seq AND t.flags IN (0, 2)
      UNION ALL
      SELECT t.credit_account_id, 0, t.amount FROM ho.transfers t
       WHERE t.branch_code = p_branch AND t.seq <= p_upto_seq AND t.flags IN (0, 2)) m
    GROUP BY m.account_id $$`;

const compareDayClose = `CREATE FUNCTION ho.compare_day_close(p_summary jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_branch text := ho.session_branch();
  c ho.branch_cursors;
  v_seq bigint := (p_summary->>'last_seq')::bigint;
  v_hash text := p_summary->>'last_hash';
  v_held text; v_diff jsonb := '[]'::jsonb; v_outcome text; v_id bigint;
BEGIN
  ${branchOnly}
  SELECT * INTO STRICT c FROM ho.branch_cursors WHERE branch_code = v_branch;
  IF c.acked_seq < v_seq THEN
    v_outcome := 'behind';
  ELSE
    IF v_seq = 0 THEN v_held := repeat('0', 64);
    ELSE SELECT t.hash INTO v_held FROM ho.transfers t WHERE t.branch_code = v_branch AND t.seq = v_seq;
    END IF;
    SELECT coalesce(jsonb_agg(jsonb_build_object('account_id', coalesce(h.account_id, b.account_id),
             'branch_debits', coalesce(b.debits_posted, 0), 'branch_credits', coalesce(b.credits_posted, 0),
             'head_office_debits', coalesce(h.debits_posted, 0), 'head_office_credits', coalesce(h.credits_posted, 0))
             ORDER BY coalesce(h.account_id, b.account_id)), '[]'::jsonb)
      INTO v_diff
      FROM ho.account_totals(v_branch, v_seq) h
      FULL JOIN jsonb_to_recordset(coalesce(p_summary->'accounts', '[]'::jsonb))
             AS b(account_id text, debits_posted numeric, credits_posted numeric) ON b.account_id = h.account_id
     WHERE coalesce(h.debits_posted, 0) <> coalesce(b.debits_posted, 0)
        OR coalesce(h.credits_posted, 0) <> coalesce(b.credits_posted, 0);
    v_outcome := CASE WHEN v_diff = '[]'::jsonb AND v_held IS NOT DISTINCT FROM v_hash THEN 'match' ELSE 'mismatch' END;
    IF v_outcome = 'mismatch' THEN
      INSERT INTO ho.alarms (branch_code, kind, seq, detail)
      VALUES (v_branch, 'day-close-mismatch', v_seq, format('day close %s: %s account(s) differ%s', p_summary->>'business_date',
        jsonb_array_length(v_diff), CASE WHEN v_held IS DISTINCT FROM v_hash THEN ', last hash differs' ELSE '' END));
    END IF;
  END IF;
  INSERT INTO ho.day_close_comparisons (branch_code, business_date, last_seq, last_hash, outcome, differences, branch_totals)
  VALUES (v_branch, coalesce(p_summary->>'business_date', ''), v_seq, coalesce(v_hash, ''), v_outcome, v_diff,
          coalesce(p_summary->'accounts', '[]'::jsonb))
  RETURNING id INTO v_id;
  RETURN jsonb_build_object('outcome', v_outcome, 'differences', v_diff, 'head_office_seq', c.acked_seq,
    'hash_matches', v_held IS NOT DISTINCT FROM v_hash, 'comparison_id', v_id);
END $$`;

const staffOnly = `IF ho.session_branch() IS NOT NULL THEN
    RAISE EXCEPTION 'this function is for head-office staff' USING ERRCODE = 'insufficient_privilege';
  END IF;`;

const publishItem = `CREATE FUNCTION ho.publish_item(p_kind text, p_key text, p_branch text, p_body jsonb, p_by text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE v bigint;
BEGIN
  ${staffOnly}
  -- One publisher at a time: a version commits only after every lower one, so a pull cursor never skips one.
  LOCK TABLE ho.reference_items IN SHARE ROW EXCLUSIVE MODE;
  v := nextval('ho.reference_version');
  INSERT INTO ho.reference_items (version, kind, key, branch_code, body, published_by)
  VALUES (v, p_kind, p_key, p_branch, p_body, p_by);
  RETURN v;
END $$`;

const registerBranch = `CREATE FUNCTION ho.register_branch(p_code text, p_name text, p_role name, p_public_key text, p_certificate text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  ${staffOnly}
  INSERT INTO ho.branches (code, name, role_name, public_key, certificate) VALUES (p_code, p_name, p_role, p_public_key, p_certificate);
  INSERT INTO ho.branch_cursors (branch_code) VALUES (p_code);
END $$`;

const allocateS10 = `CREATE FUNCTION ho.allocate_s10_range(p_branch text, p_indicator text, p_size integer)
RETURNS ho.s10_ranges LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE v_first integer; r ho.s10_ranges;
BEGIN
  ${staffOnly}
  -- Serialised: two allocations never hand out overlapping serials.
  LOCK TABLE ho.s10_ranges IN SHARE ROW EXCLUSIVE MODE;
  SELECT coalesce(max(s.last_serial), 0) + 1 INTO v_first FROM ho.s10_ranges s WHERE s.service_indicator = p_indicator;
  IF p_size < 1 OR v_first + p_size - 1 > 99999999 THEN
    RAISE EXCEPTION 'S10 serials for % are exhausted or the size % is invalid', p_indicator, p_size;
  END IF;
  INSERT INTO ho.s10_ranges (service_indicator, first_serial, last_serial, branch_code)
  VALUES (p_indicator, v_first, v_first + p_size - 1, p_branch) RETURNING * INTO r;
  PERFORM ho.publish_item('s10-range', p_indicator || ':' || v_first, p_branch,
    jsonb_build_object('service_indicator', p_indicator, 'first_serial', r.first_serial, 'last_serial', r.last_serial), 'head-office');
  RETURN r;
END $$`;

const signatures = [
  'ho.json_text(text)',
  'ho.transfer_hash(ho.transfer_row)',
  'ho.instant(text)',
  'ho.push_answer(text, ho.branch_cursors, integer, integer, text)',
  pushSignature,
  'ho.pull(bigint, integer)',
  'ho.link_state()',
  'ho.transfers_after(bigint, integer)',
  'ho.account_totals(text, bigint)',
  'ho.compare_day_close(jsonb)',
  'ho.publish_item(text, text, text, jsonb, text)',
  'ho.register_branch(text, text, name, text, text)',
  'ho.allocate_s10_range(text, text, integer)',
];

/** What a branch role may do at head office, in full. */
export const BRANCH_FUNCTIONS = [pushSignature, 'ho.pull(bigint, integer)', 'ho.link_state()', 'ho.transfers_after(bigint, integer)', 'ho.compare_day_close(jsonb)'];

const statements = [
  transferRow,
  `ALTER TYPE ho.transfer_row OWNER TO ho_owner`,
  jsonText,
  transferHash,
  instant,
  pushAnswer,
  push,
  pull,
  linkState,
  transfersAfter,
  accountTotals,
  compareDayClose,
  publishItem,
  registerBranch,
  allocateS10,
  ...signatures.map((s) => `ALTER FUNCTION ${s} OWNER TO ho_owner`),
  // Functions are executable by PUBLIC by default: take that away before granting.
  `REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA ho FROM PUBLIC`,
  `GRANT EXECUTE ON FUNCTION ${BRANCH_FUNCTIONS.join(', ')} TO ho_branch`,
  // Row-level policies call it as the querying role: it tells a session only its own branch.
  `GRANT EXECUTE ON FUNCTION ho.session_branch() TO ho_branch`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const s of [...signatures].reverse()) await sql.raw(`DROP FUNCTION ${s}`).execute(db);
  await sql.raw('DROP TYPE ho.transfer_row').execute(db);
}
