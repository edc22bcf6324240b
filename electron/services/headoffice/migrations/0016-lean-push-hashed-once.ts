import { sql, type Kysely } from 'kysely';
import { PUSH_COLUMNS } from './0002-branch-functions';
import { PUSH_SIGNED_0005 } from './0005-signed-push';
import { ED25519_VERIFY } from './ed25519-verify-sql';
import { ED25519_POW_2_250_MINUS_1, ED25519_VERIFY_WINDOWED, ED25519_WINDOWED_SIGNATURES } from './ed25519-windowed-sql';
import { LEAN_BATCH_PARAMS, LEAN_ROW_COLUMNS, PUSH_UNPACKED_0013 } from './0013-lean-push';

/**
 * The lean push, each row hashed once (issue 14, "a thousand branches at once").
 *
 * Measured with PostgreSQL's own accounting (`track_functions`, `pg_stat_statements`,
 * `clock_timestamp()` marks in a copy of the functions; bench `replicationPushProfile`),
 * a lean push of 2,000 rows spent head office's time in: rebuilding every row's 18
 * columns into arrays (each UUID printed and each text JSON-escaped once per row and
 * column), the chain row by row, then `ho.push_signed` → `ho.push` recomputing **every
 * hash a second time** from those arrays (its one pass was written for the column form,
 * whose hashes come from the branch), a generic plan over the 16 partitions of
 * `ho.transfers` to read the row before the batch (10–15 ms to plan in each new session:
 * at national scale every branch's session is new), and the Ed25519 check.
 *
 * `ho.push_unpacked` (still reached only through `ho.push_lean`, which checks the branch
 * against the role) now does the whole push in one body, the guarantees unchanged:
 * - each distinct value of the batch is printed and JSON-escaped once (`v_text`, `v_json`);
 *   a row's canonical text is those pieces joined, so its hash is computed once, in the
 *   chain from the hash the batch hangs from; a batch that does not end on its last hash is
 *   refused `tampered` with an alarm, nothing kept;
 * - the signature of that last hash is checked by `ho.journal_signature_check`, the one
 *   home of the rule, which `ho.push_signed` (the column door) now calls too; the Ed25519
 *   check itself costs about 30 % less CPU (`ed25519-windowed-sql.ts`: 4-bit windows,
 *   addition chains), with the same answers;
 * - then what `ho.push` does, in its order and with its answers: `gap`; a held sequence
 *   offered with another content is quarantined with a `same-seq-different-hash` alarm
 *   (`conflict`); a batch not hanging from the chain head office holds is `diverged`; the
 *   insert into `ho.transfers` (its triggers, the savings one included, fire as before),
 *   a transfer id held under another sequence refused; clock skew and a clock set back
 *   flagged; the cursor moved; the signature kept;
 * - the row before the batch (its time for the clock check, its hash for continuity) is
 *   read with a plan made for the call, which prunes to the branch's partition.
 *
 * The column door (`ho.push_signed` → `ho.push`, for branches not yet upgraded) keeps its
 * own pass over branch-sent hashes; both doors answer alike, which the tests hold them to.
 */

const rowNames = LEAN_ROW_COLUMNS.map(([name]) => name);
const leanParams = [
  ...LEAN_BATCH_PARAMS.map(([name, type]) => `p_${name} ${type}`),
  ...LEAN_ROW_COLUMNS.map(([name, type]) => `p_${name} ${type}[]`),
].join(', ');
const pushParams = PUSH_COLUMNS.map(([name, type]) => `p_${name} ${type}[]`).join(', ');
const pushArgs = PUSH_COLUMNS.map(([name]) => `p_${name}`).join(', ');
const emptyColumns = PUSH_COLUMNS.map(([, type]) => `'{}'::${type}[]`).join(', ');
const transferColumns = PUSH_COLUMNS.map(([name]) => name).join(', ');

/** Branch clocks further than this from head office's are flagged (as HO migration 0004). */
const SKEW_TOLERANCE_SECONDS = 300;

type Column = (typeof PUSH_COLUMNS)[number][0];
const isNumber = (name: Column) => name === 'seq' || name === 'amount' || name === 'flags';

/**
 * Row i's value of a transfer column, as the branch booked it: a reference into the batch's
 * values (0 and anything out of range are NULL), the transfer id made as `<operation>/<k>`
 * sent as -k, the hashes from the chain head office computed (`v_hash[0]` is the one the batch
 * hangs from).
 */
const valueOf = (name: Column): string => {
  if (name === 'seq') return `(p_first_seq + i - 1)`;
  if (name === 'id') return `(CASE WHEN p_id[i] < 0 THEN v_text[p_operation_id[i]] || '/' || (-p_id[i])::text ELSE v_text[p_id[i]] END)`;
  if (name === 'prev_hash') return `v_hash[i - 1]`;
  if (name === 'hash') return `v_hash[i]`;
  return name === 'amount' || name === 'flags' ? `p_${name}[i]` : `v_text[p_${name}[i]]`;
};

/**
 * The same value as the canonical text ho.transfer_hash writes (HO migration 0002): numbers
 * printed, anything else JSON (`null` for NULL). JSON escapes character by character and
 * leaves `/` and digits alone, so an id `<operation>/<k>` is the operation's JSON with
 * `/<k>` before its closing quote.
 */
const jsonOf = (name: Column): string => {
  if (isNumber(name)) return `${valueOf(name)}::text`;
  if (name === 'id') return `coalesce(CASE WHEN p_id[i] < 0 THEN left(v_json[p_operation_id[i]], -1) || '/' || (-p_id[i])::text || '"' ELSE v_json[p_id[i]] END, 'null')`;
  return `coalesce(v_json[p_${name}[i]], 'null')`;
};

const hashed = PUSH_COLUMNS.map(([name]) => name).filter((name) => name !== 'prev_hash' && name !== 'hash');
/** Row i's hash: SHA-256 over the hash before it, a newline and the row's canonical text. */
const rowHash = `encode(sha256(convert_to(v_hash[i - 1] || E'\\n[' || ${hashed.map(jsonOf).join(` || ',' || `)} || ']', 'UTF8')), 'hex')`;
const rowValues = PUSH_COLUMNS.map(([name]) => valueOf(name)).join(', ');

const wellShaped = rowNames
  .map((name) => `array_ndims(p_${name}) = 1 AND array_lower(p_${name}, 1) = 1 AND array_upper(p_${name}, 1) = v_n`)
  .join('\n        AND ');
const allEmpty = rowNames.map((name) => `coalesce(cardinality(p_${name}), 0) = 0`).join(' AND ');

/** An answer before the cursor is locked (as HO migration 0013's). */
const unlockedAnswer = (status: string, detail: string) =>
  `ho.push_answer('${status}', (SELECT c FROM ho.branch_cursors c WHERE c.branch_code = v_branch), 0, 0, ${detail})`;
const answer = (status: string, detail: string) => `ho.push_answer('${status}', v_cursor, 0, 0, ${detail})`;

/** The signature rule, once: NULL when it does not apply, `{status: signed}`, or the refusal (alarm raised). */
const journalSignatureCheck = `CREATE FUNCTION ho.journal_signature_check(p_branch text, p_cursor ho.branch_cursors, p_last_seq bigint, p_last_hash text, p_signature text)
RETURNS jsonb LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_key text;
  v_holds boolean;
BEGIN
  -- Only a batch that brings rows head office does not hold needs it (a resend is compared, not trusted).
  IF p_last_seq IS NULL OR p_last_seq <= p_cursor.acked_seq THEN
    RETURN NULL;
  END IF;
  SELECT public_key INTO v_key FROM ho.branches WHERE code = p_branch;
  IF v_key IS NULL THEN
    RETURN NULL;
  END IF;
  IF p_signature IS NULL THEN
    INSERT INTO ho.alarms (branch_code, kind, seq, detail)
    VALUES (p_branch, 'unsigned-batch', p_last_seq, format('a batch up to seq %s came without the journal signature: refused, nothing kept', p_last_seq));
    RETURN ho.push_answer('unsigned', p_cursor, 0, 0, 'the batch carries no signature of the branch journal key');
  END IF;
  BEGIN
    v_holds := p_last_hash ~ '^[0-9a-f]{64}$'
      AND ho.ed25519_verify(decode(v_key, 'base64'), decode(p_last_hash, 'hex'), decode(p_signature, 'base64'));
  EXCEPTION WHEN OTHERS THEN
    v_holds := false;
  END;
  IF NOT coalesce(v_holds, false) THEN
    INSERT INTO ho.alarms (branch_code, kind, seq, detail)
    VALUES (p_branch, 'forged-batch', p_last_seq, format('the signature of seq %s is not the branch journal key''s: batch refused, nothing kept', p_last_seq));
    RETURN ho.push_answer('forged', p_cursor, 0, 0, format('the signature of seq %s does not match the branch journal key', p_last_seq));
  END IF;
  RETURN jsonb_build_object('status', 'signed');
END $$`;

const pushSigned = `CREATE OR REPLACE FUNCTION ho.push_signed(p_sent_at text, p_signature text, ${pushParams}) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
  v_branch text := ho.session_branch();
  v_cursor ho.branch_cursors;
  v_n integer := coalesce(cardinality(p_seq), 0);
  v_signature jsonb;
  v_answer jsonb;
BEGIN
  IF v_branch IS NULL THEN
    RAISE EXCEPTION 'this head-office function is for branch roles only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- The same lock ho.push takes, taken first: the cursor read here is the one it will see.
  SELECT * INTO STRICT v_cursor FROM ho.branch_cursors WHERE branch_code = v_branch FOR UPDATE;
  v_signature := ho.journal_signature_check(v_branch, v_cursor, p_seq[v_n], p_hash[v_n], p_signature);
  IF v_signature->>'status' IS DISTINCT FROM 'signed' AND v_signature IS NOT NULL THEN
    RETURN v_signature;
  END IF;
  v_answer := ho.push(p_sent_at, ${pushArgs});
  IF v_signature IS NOT NULL AND v_answer->>'status' = 'ok' THEN
    INSERT INTO ho.journal_signatures (branch_code, seq, signature) VALUES (v_branch, p_seq[v_n], p_signature)
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN v_answer;
END $$`;

// plan_cache_mode = force_generic_plan is load-bearing, as in HO migration 0004: a custom plan
// folds the arrays into constants, where p_x[i] walks them from the start.
const pushUnpacked = `CREATE OR REPLACE FUNCTION ho.push_unpacked(p_sent_at text, p_signature text, ${leanParams}) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
  v_branch text := ho.session_branch();
  v_n integer := coalesce(cardinality(p_id), 0);
  v_last bigint;
  v_text text[];
  v_json text[];
  v_hash text[];
  v_cursor ho.branch_cursors;
  v_signature jsonb;
  v_held_at text; v_held_hash text; v_link_hash text;
  v_conflicts integer := 0; v_new integer; v_inserted integer;
  v_backwards bigint; v_sent_at timestamptz; v_skew integer;
BEGIN
  IF v_branch IS NULL THEN
    RAISE EXCEPTION 'this head-office function is for branch roles only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF v_n = 0 AND ${allEmpty} THEN
    RETURN ho.push_signed(p_sent_at, p_signature, ${emptyColumns});
  END IF;
  IF NOT coalesce(${wellShaped}
        AND p_first_seq >= 1 AND p_prev_hash ~ '^[0-9a-f]{64}$' AND p_last_hash ~ '^[0-9a-f]{64}$', false) THEN
    RETURN ${unlockedAnswer('malformed', "'every column of a lean batch is one list with one value per transfer, after its first seq and two hashes'")};
  END IF;
  v_last := p_first_seq + v_n - 1;

  -- Each distinct value of the batch once: as text (UUIDs printed), and as JSON for the hash.
  v_text := coalesce(p_words, '{}') || coalesce(p_uuids::text[], '{}');
  SELECT coalesce(array_agg(to_json(u.t)::text ORDER BY u.o), '{}') INTO v_json FROM unnest(v_text) WITH ORDINALITY AS u(t, o);

  -- The chain, row by row from the hash the batch hangs from: each hash needs the one before.
  v_hash := array_fill(NULL::text, ARRAY[v_n + 1], ARRAY[0]);
  v_hash[0] := p_prev_hash;
  FOR i IN 1 .. v_n LOOP
    v_hash[i] := ${rowHash};
  END LOOP;
  -- A row altered on the way, or rebuilt wrong, changes every hash after it: the last one tells.
  IF v_hash[v_n] IS DISTINCT FROM p_last_hash THEN
    INSERT INTO ho.alarms (branch_code, kind, seq, detail)
    VALUES (v_branch, 'tampered-batch', v_last,
      format('the rows of the batch up to seq %s do not hash to the last hash it carries: refused, nothing kept', v_last));
    RETURN ${unlockedAnswer('tampered', "format('the rows up to seq %s do not hash to the batch''s last hash', v_last)")};
  END IF;

  -- One push per branch at a time: a second sender waits here and then finds its rows already held.
  SELECT * INTO STRICT v_cursor FROM ho.branch_cursors WHERE branch_code = v_branch FOR UPDATE;
  v_signature := ho.journal_signature_check(v_branch, v_cursor, v_last, p_last_hash, p_signature);
  IF v_signature->>'status' IS DISTINCT FROM 'signed' AND v_signature IS NOT NULL THEN
    RETURN v_signature;
  END IF;
  IF p_first_seq > v_cursor.acked_seq + 1 THEN
    RETURN ${answer('gap', "format('batch starts at seq %s; head office expects seq %s', p_first_seq, v_cursor.acked_seq + 1)")};
  END IF;

  -- The row just before the batch: its time for the clock check, its hash for continuity. A plan
  -- made for this call reads the branch's partition only (a generic one plans all sixteen).
  IF p_first_seq > 1 THEN
    EXECUTE 'SELECT t.at, t.hash FROM ho.transfers t WHERE t.branch_code = $1 AND t.seq = $2'
      INTO v_held_at, v_held_hash USING v_branch, p_first_seq - 1;
  END IF;

  -- Rows already held: the same hash is a harmless resend; another hash is quarantined, never overwritten.
  IF p_first_seq <= v_cursor.acked_seq THEN
    WITH differing AS (
      SELECT ROW(${rowValues})::ho.transfer_row AS offered, t.hash AS kept_hash
        FROM generate_series(1, v_n) AS i
        JOIN ho.transfers t ON t.branch_code = v_branch AND t.seq = p_first_seq + i - 1
       WHERE p_first_seq + i - 1 <= v_cursor.acked_seq AND t.hash <> v_hash[i]
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
  v_link_hash := CASE WHEN p_first_seq = 1 THEN repeat('0', 64)
                      WHEN p_first_seq - 1 = v_cursor.acked_seq THEN v_cursor.acked_hash
                      ELSE v_held_hash END;
  IF p_prev_hash IS DISTINCT FROM v_link_hash THEN
    INSERT INTO ho.alarms (branch_code, kind, seq, detail)
    VALUES (v_branch, 'diverged-chain', p_first_seq,
      format('seq %s does not continue the chain head office holds at seq %s', p_first_seq, p_first_seq - 1));
    RETURN ${answer('diverged', "format('seq %s does not continue the chain head office holds', p_first_seq)")};
  END IF;

  v_new := greatest(0, v_last - greatest(p_first_seq, v_cursor.acked_seq + 1) + 1);
  -- Straight from the batch's values by reference, with the hashes computed above.
  INSERT INTO ho.transfers (branch_code, ${transferColumns})
  SELECT v_branch, ${rowValues} FROM generate_series(1, v_n) AS i WHERE p_first_seq + i - 1 > v_cursor.acked_seq
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
  -- Each new row against the one booked before it (the held one for the first): a clock set back is
  -- seen. Rows sharing a time share its reference, so only a change of reference is compared; same
  -- UTC offset (nearly always): the text compares as the time does, to the minute, cheaply.
  SELECT min(p_first_seq + i - 1) INTO v_backwards
    FROM generate_series(1, v_n) AS i
   WHERE p_first_seq + i - 1 > v_cursor.acked_seq
     AND (i = 1 OR p_at[i] <> p_at[i - 1])
     AND CASE WHEN right(v_text[p_at[i]], 6) = right(CASE WHEN i = 1 THEN v_held_at ELSE v_text[p_at[i - 1]] END, 6)
              THEN left(v_text[p_at[i]], 16) < left(CASE WHEN i = 1 THEN v_held_at ELSE v_text[p_at[i - 1]] END, 16)
              ELSE ho.instant(v_text[p_at[i]]) < ho.instant(CASE WHEN i = 1 THEN v_held_at ELSE v_text[p_at[i - 1]] END) - interval '1 minute' END;
  IF v_backwards IS NOT NULL THEN
    INSERT INTO ho.alarms (branch_code, kind, seq, detail)
    VALUES (v_branch, 'clock-backwards', v_backwards, format('seq %s is timed before the transfer booked just before it', v_backwards));
  END IF;

  UPDATE ho.branch_cursors
     SET acked_seq = greatest(acked_seq, v_last),
         acked_hash = CASE WHEN v_last > acked_seq THEN p_last_hash ELSE acked_hash END,
         pushes = pushes + 1, last_push_at = now(), last_skew_seconds = v_skew
   WHERE branch_code = v_branch
  RETURNING * INTO v_cursor;
  IF v_signature IS NOT NULL THEN
    INSERT INTO ho.journal_signatures (branch_code, seq, signature) VALUES (v_branch, v_last, p_signature)
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN ho.push_answer('ok', v_cursor, v_inserted, v_n - v_new, NULL);
END $$`;

const checkSignature = 'ho.journal_signature_check(text, ho.branch_cursors, bigint, text, text)';
/** The CREATE of an earlier migration as a replacement of the current body. */
const orReplace = (create: string) => create.replace(/^CREATE FUNCTION/, 'CREATE OR REPLACE FUNCTION');

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    journalSignatureCheck,
    `ALTER FUNCTION ${checkSignature} OWNER TO ho_owner`,
    `REVOKE EXECUTE ON FUNCTION ${checkSignature} FROM PUBLIC`,
    // CREATE OR REPLACE keeps each function's owner (ho_owner) and grants.
    pushSigned,
    pushUnpacked,
    ED25519_POW_2_250_MINUS_1,
    ...ED25519_WINDOWED_SIGNATURES.flatMap((f) => [`ALTER FUNCTION ${f} OWNER TO ho_owner`, `REVOKE EXECUTE ON FUNCTION ${f} FROM PUBLIC`]),
    ED25519_VERIFY_WINDOWED,
  ]) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    orReplace(ED25519_VERIFY),
    ...ED25519_WINDOWED_SIGNATURES.map((f) => `DROP FUNCTION ${f}`),
    orReplace(PUSH_UNPACKED_0013),
    orReplace(PUSH_SIGNED_0005),
    `DROP FUNCTION ${checkSignature}`,
  ]) {
    await sql.raw(statement).execute(db);
  }
}
