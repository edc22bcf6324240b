import { sql, type Kysely } from 'kysely';
import { TRACKING_PUSH_COLUMNS } from './0003-tracking-events';

/**
 * The branch functions again, with the branch as their first argument.
 *
 * Citus routes a function call to the node holding a branch's rows by one of its
 * arguments (`create_distributed_function(…, '$1', colocate_with := 'ho.transfers')`);
 * a function that finds its branch in `session_user` cannot be routed. Each new
 * form checks the argument against the caller's role first (`ho.caller_branch`:
 * another branch's code is refused before anything is read) and then runs the
 * body the branch used before, so both forms answer alike and cannot drift apart.
 * The old forms stay for branches not yet updated.
 *
 * The push (`ho.push_signed` since HO migration 0005) has no such form yet: a new door to
 * the push must carry the same signature check, and is left for its own change.
 */

const trackingTypes = TRACKING_PUSH_COLUMNS.map(([, type]) => `${type}[]`);
const trackingParams = TRACKING_PUSH_COLUMNS.map(([name, type]) => `p_${name} ${type}[]`).join(', ');
const trackingArgs = TRACKING_PUSH_COLUMNS.map(([name]) => `p_${name}`).join(', ');

const callerBranch = `CREATE FUNCTION ho.caller_branch(p_branch text) RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF p_branch IS NULL OR p_branch IS DISTINCT FROM ho.session_branch() THEN
    RAISE EXCEPTION 'this session speaks for branch %, not for branch %', coalesce(ho.session_branch(), '(none: head-office staff)'), p_branch
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN p_branch;
END $$`;

/** A branch-argument form of `name(args)`: checks the branch, then answers as the session form does. */
interface Form {
  name: string;
  /** Parameters after the branch, with names. */
  params: string;
  /** The same, types only (the signature). */
  types: string[];
  args: string;
  volatility: 'STABLE' | 'VOLATILE';
  /** Who owns the session form (and so the new one: the same rights, no more). */
  owner: 'ho_owner' | 'ho_tracking_reader';
}

const forms: Form[] = [
  { name: 'pull', params: 'p_after_version bigint, p_limit integer', types: ['bigint', 'integer'], args: 'p_after_version, p_limit', volatility: 'STABLE', owner: 'ho_owner' },
  { name: 'link_state', params: '', types: [], args: '', volatility: 'STABLE', owner: 'ho_owner' },
  { name: 'transfers_after', params: 'p_after_seq bigint, p_limit integer', types: ['bigint', 'integer'], args: 'p_after_seq, p_limit', volatility: 'STABLE', owner: 'ho_owner' },
  { name: 'compare_day_close', params: 'p_summary jsonb', types: ['jsonb'], args: 'p_summary', volatility: 'VOLATILE', owner: 'ho_owner' },
  { name: 'push_tracking', params: trackingParams, types: trackingTypes, args: trackingArgs, volatility: 'VOLATILE', owner: 'ho_owner' },
  { name: 'pull_tracking', params: 'p_after_position bigint, p_limit integer', types: ['bigint', 'integer'], args: 'p_after_position, p_limit', volatility: 'STABLE', owner: 'ho_tracking_reader' },
];

const signature = (form: Form) => `ho.${form.name}(${['text', ...form.types].join(', ')})`;

const create = (form: Form) => `CREATE FUNCTION ho.${form.name}(p_branch text${form.params ? `, ${form.params}` : ''}) RETURNS jsonb
LANGUAGE plpgsql ${form.volatility} SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  PERFORM ho.caller_branch(p_branch);
  RETURN ho.${form.name}(${form.args});
END $$`;

/** What a branch role may call with its code as first argument (beside the session forms). */
export const BRANCH_ARGUMENT_FUNCTIONS = forms.map(signature);

const statements = [
  callerBranch,
  `ALTER FUNCTION ho.caller_branch(text) OWNER TO ho_owner`,
  `REVOKE EXECUTE ON FUNCTION ho.caller_branch(text) FROM PUBLIC`,
  // The reader's functions call it too.
  `GRANT EXECUTE ON FUNCTION ho.caller_branch(text) TO ho_tracking_reader`,
  ...forms.flatMap((form) => [
    create(form),
    `ALTER FUNCTION ${signature(form)} OWNER TO ${form.owner}`,
    `REVOKE EXECUTE ON FUNCTION ${signature(form)} FROM PUBLIC`,
    `GRANT EXECUTE ON FUNCTION ${signature(form)} TO ho_branch`,
  ]),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const form of forms) await sql.raw(`DROP FUNCTION ${signature(form)}`).execute(db);
  await sql.raw('DROP FUNCTION ho.caller_branch(text)').execute(db);
}
