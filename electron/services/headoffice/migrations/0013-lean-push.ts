import { sql, type Kysely } from 'kysely';
import { PUSH_COLUMNS } from './0002-branch-functions';

/**
 * The lean push: the same batch in well under half the bytes, for branches on slow links.
 *
 * A transfer cost 453 bytes on the wire, 136 of them its `prev_hash` and `hash` in hex
 * (head office recomputes both anyway), most of the rest UUIDs as text and the same
 * account ids, currency, code and operator written out on every row, each value behind
 * a 4-byte length. Here a batch carries:
 *
 * - its first sequence number (the rows are consecutive: nothing else is accepted);
 * - the hash it hangs from (`prev_hash` of its first row) and its last row's hash, which
 *   the journal key signs — no other hash;
 * - the batch's distinct texts once (`p_words`) and its distinct UUIDs once, 16 bytes
 *   each (`p_uuids`);
 * - per row, one small integer per column: a reference to those values (0 = NULL,
 *   1..W = `p_words[r]`, W+1.. = `p_uuids[r - W]`), the amount and the flags as they
 *   are, and for the transfer id `-k` when it is the operation's id followed by `/k`
 *   (how the ledger names every transfer). The branch sends these as text arrays,
 *   `{3,1,-1,…}`: a digit or two and a comma each, where a binary array spends 4 bytes
 *   of length on every element.
 *
 * Head office rebuilds every row's text exactly as the branch hashed it (a canonical UUID
 * prints back identically; anything else travels as text), recomputes the chain row by
 * row from the hash the batch hangs from, and refuses the batch (`tampered`, with an
 * alarm, nothing kept) when its last hash is not the one sent. The rebuilt columns then
 * go through `ho.push_signed` unchanged: the signature is checked over that last hash,
 * and `ho.push` checks continuity with the chain head office holds (`diverged`),
 * quarantines a held sequence offered with another content (`same-seq-different-hash`),
 * flags clocks, inserts into `ho.transfers` (so its triggers, the savings one included,
 * fire as for any push) and moves the cursor. One body for both doors: they cannot drift.
 *
 * `ho.push_lean` takes the branch first, checked against the role (as migration 0010's
 * forms); the old doors stay for branches not yet upgraded, which keep using them until
 * they see this function (`HeadOfficeApi.offersLeanPush`).
 */

/** Per-row columns of the lean push, in order; the transfer columns they stand for have the same names. */
export const LEAN_ROW_COLUMNS = [
  ['id', 'integer'], ['operation_id', 'integer'], ['debit_account_id', 'integer'], ['credit_account_id', 'integer'],
  ['amount', 'bigint'], ['currency', 'integer'], ['code', 'integer'], ['flags', 'integer'], ['pending_id', 'integer'],
  ['reference', 'integer'], ['unique_reference', 'integer'], ['reversal_of', 'integer'], ['till_session_id', 'integer'],
  ['operator', 'integer'], ['approver', 'integer'], ['reason', 'integer'], ['at', 'integer'],
] as const;

/** The batch's own values before the per-row columns. */
export const LEAN_BATCH_PARAMS = [
  ['first_seq', 'bigint'], ['prev_hash', 'text'], ['last_hash', 'text'], ['words', 'text[]'], ['uuids', 'uuid[]'],
] as const;

const rowNames = LEAN_ROW_COLUMNS.map(([name]) => name);
const leanParams = [
  ...LEAN_BATCH_PARAMS.map(([name, type]) => `p_${name} ${type}`),
  ...LEAN_ROW_COLUMNS.map(([name, type]) => `p_${name} ${type}[]`),
].join(', ');
const leanTypes = [...LEAN_BATCH_PARAMS.map(([, type]) => type), ...LEAN_ROW_COLUMNS.map(([, type]) => `${type}[]`)];
const leanArgs = [...LEAN_BATCH_PARAMS, ...LEAN_ROW_COLUMNS].map(([name]) => `p_${name}`).join(', ');

/** The branch's door (and what a branch looks for to know head office takes the lean form). */
export const LEAN_PUSH_SIGNATURE = `ho.push_lean(text, text, text, ${leanTypes.join(', ')})`;
const unpackSignature = `ho.push_unpacked(text, text, ${leanTypes.join(', ')})`;

/** A reference back to its text. */
const word = (r: string) => `CASE WHEN ${r} = 0 THEN NULL WHEN ${r} <= v_w THEN p_words[${r}] ELSE p_uuids[${r} - v_w]::text END`;
/** How each transfer column is rebuilt from row i. */
const rebuilt: Record<(typeof rowNames)[number], string> = Object.fromEntries(
  rowNames.map((name) => [name, name === 'amount' || name === 'flags' ? `p_${name}[i]` : word(`p_${name}[i]`)]),
) as Record<(typeof rowNames)[number], string>;
rebuilt.id = `CASE WHEN p_id[i] < 0 THEN (${word('p_operation_id[i]')}) || '/' || (-p_id[i])::text ELSE ${word('p_id[i]')} END`;

/** The transfer columns without the hashes, as rebuilt (v_seq … v_at). */
const transferNames = PUSH_COLUMNS.map(([name]) => name).filter((name) => name !== 'prev_hash' && name !== 'hash');
const rowAt = transferNames.map((name) => `v_${name}[i]`).join(', ');
const wellShaped = rowNames
  .map((name) => `array_ndims(p_${name}) = 1 AND array_lower(p_${name}, 1) = 1 AND array_upper(p_${name}, 1) = v_n`)
  .join('\n        AND ');
const allEmpty = rowNames.map((name) => `coalesce(cardinality(p_${name}), 0) = 0`).join(' AND ');
const emptyColumns = PUSH_COLUMNS.map(([, type]) => `'{}'::${type}[]`).join(', ');

const answer = (status: string, detail: string) => `ho.push_answer('${status}', (SELECT c FROM ho.branch_cursors c WHERE c.branch_code = v_branch), 0, 0, ${detail})`;

/** This migration's body of `ho.push_unpacked` (HO migration 0016 replaces it; its down puts this back). */
export const PUSH_UNPACKED_0013 = `CREATE FUNCTION ho.push_unpacked(p_sent_at text, p_signature text, ${leanParams}) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
  v_branch text := ho.session_branch();
  v_n integer := coalesce(cardinality(p_id), 0);
  v_w integer := coalesce(cardinality(p_words), 0);
  ${transferNames.map((name) => `v_${name} ${PUSH_COLUMNS.find(([n]) => n === name)![1]}[];`).join('\n  ')}
  v_prev_hash text[] := '{}';
  v_hash text[] := '{}';
  v_chain text := p_prev_hash;
BEGIN
  IF v_branch IS NULL THEN
    RAISE EXCEPTION 'this head-office function is for branch roles only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF v_n = 0 AND ${allEmpty} THEN
    RETURN ho.push_signed(p_sent_at, p_signature, ${emptyColumns});
  END IF;
  IF NOT coalesce(${wellShaped}
        AND p_first_seq >= 1 AND p_prev_hash ~ '^[0-9a-f]{64}$' AND p_last_hash ~ '^[0-9a-f]{64}$', false) THEN
    RETURN ${answer('malformed', "'every column of a lean batch is one list with one value per transfer, after its first seq and two hashes'")};
  END IF;

  -- Every row's text back, in one pass (the sort keeps array_agg in row order, as documented).
  SELECT ${transferNames.map((name) => `array_agg(r.${name})`).join(', ')}
    INTO ${transferNames.map((name) => `v_${name}`).join(', ')}
    FROM (SELECT p_first_seq + i - 1 AS seq, ${rowNames.map((name) => `${rebuilt[name]} AS ${name}`).join(',\n                 ')}
            FROM generate_series(1, v_n) AS i ORDER BY i) r;

  -- The chain, row by row from the hash the batch hangs from: each hash needs the one before.
  FOR i IN 1 .. v_n LOOP
    v_prev_hash[i] := v_chain;
    v_chain := ho.transfer_hash(ROW(${rowAt}, v_chain, NULL)::ho.transfer_row);
    v_hash[i] := v_chain;
  END LOOP;
  -- A row altered on the way, or rebuilt wrong, changes every hash after it: the last one tells.
  IF v_chain IS DISTINCT FROM p_last_hash THEN
    INSERT INTO ho.alarms (branch_code, kind, seq, detail)
    VALUES (v_branch, 'tampered-batch', p_first_seq + v_n - 1,
      format('the rows of the batch up to seq %s do not hash to the last hash it carries: refused, nothing kept', p_first_seq + v_n - 1));
    RETURN ${answer('tampered', "format('the rows up to seq %s do not hash to the batch''s last hash', p_first_seq + v_n - 1)")};
  END IF;

  RETURN ho.push_signed(p_sent_at, p_signature, ${transferNames.map((name) => `v_${name}`).join(', ')}, v_prev_hash, v_hash);
END $$`;

const pushLean = `CREATE FUNCTION ho.push_lean(p_branch text, p_sent_at text, p_signature text, ${leanParams}) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  PERFORM ho.caller_branch(p_branch);
  RETURN ho.push_unpacked(p_sent_at, p_signature, ${leanArgs});
END $$`;

const statements = [
  PUSH_UNPACKED_0013,
  pushLean,
  ...[unpackSignature, LEAN_PUSH_SIGNATURE].flatMap((f) => [`ALTER FUNCTION ${f} OWNER TO ho_owner`, `REVOKE EXECUTE ON FUNCTION ${f} FROM PUBLIC`]),
  `GRANT EXECUTE ON FUNCTION ${LEAN_PUSH_SIGNATURE} TO ho_branch`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const f of [LEAN_PUSH_SIGNATURE, unpackSignature]) await sql.raw(`DROP FUNCTION ${f}`).execute(db);
}
