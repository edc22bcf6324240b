import { sql, type Kysely } from 'kysely';
import { PUSH_COLUMNS } from './0002-branch-functions';
import { ED25519_LE, ED25519_POW, ED25519_SIGNATURES, ED25519_VERIFY } from './ed25519-verify-sql';

/**
 * Head office checks the branch's journal signature on push (issue 11 §4).
 *
 * - `ho.register_journal_key(key)`: the branch's Ed25519 public key (raw, base64)
 *   goes into `ho.branches.public_key` the first time it is offered (or head-office
 *   staff put it there with `add-branch --public-key`). A different key later is
 *   refused and raises an alarm: a new key is a staff decision, never the branch's.
 * - `ho.push_signed(sent_at, signature, …columns)` replaces `ho.push` for branch
 *   roles (whose EXECUTE on `ho.push` is revoked): when the batch brings rows head
 *   office does not hold yet, `signature` must be the branch key's Ed25519
 *   signature of the batch's last hash, or the batch is refused (`unsigned`,
 *   `forged`) with an alarm and nothing kept. `ho.push` then recomputes every hash
 *   and the chain as before, so the one signature covers every row of the batch.
 *   The signature is kept in `ho.journal_signatures`, and a branch recovering from
 *   an old backup gets it back with `ho.journal_signature(seq)`.
 * - A branch that never registered a key (before its first contact after this
 *   migration) still pushes unsigned; from its registration on, never again.
 */

const names = PUSH_COLUMNS.map(([name]) => name);
const params = PUSH_COLUMNS.map(([name, type]) => `p_${name} ${type}[]`).join(', ');
const args = names.map((name) => `p_${name}`).join(', ');
const pushSignature = `ho.push(text, ${PUSH_COLUMNS.map(([, type]) => `${type}[]`).join(', ')})`;
const pushSignedSignature = `ho.push_signed(text, text, ${PUSH_COLUMNS.map(([, type]) => `${type}[]`).join(', ')})`;

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
];
const quoted = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

const branchOnly = `IF v_branch IS NULL THEN
    RAISE EXCEPTION 'this head-office function is for branch roles only' USING ERRCODE = 'insufficient_privilege';
  END IF;`;

const registerJournalKey = `CREATE FUNCTION ho.register_journal_key(p_public_key text) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_branch text := ho.session_branch();
  v_known text;
BEGIN
  ${branchOnly}
  IF p_public_key IS NULL OR p_public_key !~ '^[A-Za-z0-9+/]{43}=$' THEN
    RETURN jsonb_build_object('status', 'refused', 'detail', 'a journal key is 32 bytes of Ed25519 public key in base64');
  END IF;
  SELECT public_key INTO v_known FROM ho.branches WHERE code = v_branch FOR UPDATE;
  IF v_known IS NULL THEN
    UPDATE ho.branches SET public_key = p_public_key WHERE code = v_branch;
    RETURN jsonb_build_object('status', 'registered', 'detail', NULL);
  END IF;
  IF v_known = p_public_key THEN
    RETURN jsonb_build_object('status', 'known', 'detail', NULL);
  END IF;
  INSERT INTO ho.alarms (branch_code, kind, seq, detail)
  VALUES (v_branch, 'journal-key-refused', NULL, 'the branch offered a journal key other than the one registered: refused, head-office staff decide');
  RETURN jsonb_build_object('status', 'refused', 'detail', 'head office holds another journal key for this branch');
END $$`;

/** This migration's body of `ho.push_signed` (HO migration 0016 replaces it; its down puts this back). */
export const PUSH_SIGNED_0005 = `CREATE FUNCTION ho.push_signed(p_sent_at text, p_signature text, ${params}) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
  v_branch text := ho.session_branch();
  v_cursor ho.branch_cursors;
  v_n integer := coalesce(cardinality(p_seq), 0);
  v_key text;
  v_signed boolean := false;
  v_holds boolean;
  v_answer jsonb;
BEGIN
  ${branchOnly}
  -- The same lock ho.push takes, taken first: the cursor read here is the one it will see.
  SELECT * INTO STRICT v_cursor FROM ho.branch_cursors WHERE branch_code = v_branch FOR UPDATE;
  SELECT public_key INTO v_key FROM ho.branches WHERE code = v_branch;
  IF v_key IS NOT NULL AND v_n > 0 AND p_seq[v_n] > v_cursor.acked_seq THEN
    IF p_signature IS NULL THEN
      INSERT INTO ho.alarms (branch_code, kind, seq, detail)
      VALUES (v_branch, 'unsigned-batch', p_seq[v_n], format('a batch up to seq %s came without the journal signature: refused, nothing kept', p_seq[v_n]));
      RETURN ho.push_answer('unsigned', v_cursor, 0, 0, 'the batch carries no signature of the branch journal key');
    END IF;
    BEGIN
      v_holds := p_hash[v_n] ~ '^[0-9a-f]{64}$'
        AND ho.ed25519_verify(decode(v_key, 'base64'), decode(p_hash[v_n], 'hex'), decode(p_signature, 'base64'));
    EXCEPTION WHEN OTHERS THEN
      v_holds := false;
    END;
    IF NOT coalesce(v_holds, false) THEN
      INSERT INTO ho.alarms (branch_code, kind, seq, detail)
      VALUES (v_branch, 'forged-batch', p_seq[v_n], format('the signature of seq %s is not the branch journal key''s: batch refused, nothing kept', p_seq[v_n]));
      RETURN ho.push_answer('forged', v_cursor, 0, 0, format('the signature of seq %s does not match the branch journal key', p_seq[v_n]));
    END IF;
    v_signed := true;
  END IF;
  v_answer := ho.push(p_sent_at, ${args});
  IF v_signed AND v_answer->>'status' = 'ok' THEN
    INSERT INTO ho.journal_signatures (branch_code, seq, signature) VALUES (v_branch, p_seq[v_n], p_signature)
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN v_answer;
END $$`;

const journalSignature = `CREATE FUNCTION ho.journal_signature(p_seq bigint) RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_branch text := ho.session_branch();
BEGIN
  ${branchOnly}
  RETURN (SELECT s.signature FROM ho.journal_signatures s WHERE s.branch_code = v_branch AND s.seq = p_seq);
END $$`;

const ownFunctions = [...ED25519_SIGNATURES, 'ho.register_journal_key(text)', pushSignedSignature, 'ho.journal_signature(bigint)'];
export const SIGNED_BRANCH_FUNCTIONS = ['ho.register_journal_key(text)', pushSignedSignature, 'ho.journal_signature(bigint)'];

const statements = [
  ED25519_POW,
  ED25519_LE,
  ED25519_VERIFY,
  `ALTER TABLE ho.alarms DROP CONSTRAINT alarms_kind_check`,
  `ALTER TABLE ho.alarms ADD CONSTRAINT alarms_kind_check CHECK (kind IN (${quoted(ALARM_KINDS)}))`,
  `CREATE TABLE ho.journal_signatures (
     branch_code text NOT NULL REFERENCES ho.branches,
     seq bigint NOT NULL,
     signature text NOT NULL,
     received_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (branch_code, seq)
   )`,
  `ALTER TABLE ho.journal_signatures OWNER TO ho_owner`,
  `ALTER TABLE ho.journal_signatures ENABLE ROW LEVEL SECURITY`,
  `ALTER TABLE ho.journal_signatures FORCE ROW LEVEL SECURITY`,
  `CREATE POLICY journal_signatures_own_branch ON ho.journal_signatures
     USING ((SELECT ho.session_branch()) IS NULL OR branch_code = (SELECT ho.session_branch()))
     WITH CHECK ((SELECT ho.session_branch()) IS NULL OR branch_code = (SELECT ho.session_branch()))`,
  `CREATE TRIGGER journal_signatures_append_only BEFORE UPDATE OR DELETE ON ho.journal_signatures
     FOR EACH ROW EXECUTE FUNCTION ho.refuse_change()`,
  `CREATE TRIGGER journal_signatures_no_truncate BEFORE TRUNCATE ON ho.journal_signatures
     FOR EACH STATEMENT EXECUTE FUNCTION ho.refuse_change()`,
  registerJournalKey,
  PUSH_SIGNED_0005,
  journalSignature,
  ...ownFunctions.map((s) => `ALTER FUNCTION ${s} OWNER TO ho_owner`),
  ...ownFunctions.map((s) => `REVOKE EXECUTE ON FUNCTION ${s} FROM PUBLIC`),
  `GRANT EXECUTE ON FUNCTION ${SIGNED_BRANCH_FUNCTIONS.join(', ')} TO ho_branch`,
  // From now on a branch pushes through the signature check only.
  `REVOKE EXECUTE ON FUNCTION ${pushSignature} FROM ho_branch`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`GRANT EXECUTE ON FUNCTION ${pushSignature} TO ho_branch`).execute(db);
  for (const s of [...ownFunctions].reverse()) await sql.raw(`DROP FUNCTION ${s}`).execute(db);
  await sql.raw('DROP TABLE ho.journal_signatures').execute(db);
}
