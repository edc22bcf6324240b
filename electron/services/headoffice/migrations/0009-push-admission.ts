import { sql, type Kysely } from 'kysely';

/**
 * Admission control for pushes: a bounded number in flight, the others told
 * "busy, retry after N ms" at once.
 *
 * A thousand branches pushing together made head office thrash (lock waits,
 * statement timeouts, half the branches never finishing) where the same work
 * admitted two at a time went through in a quarter of the time with no error.
 *
 * `ho.admit_push()` takes one of `slots` transaction-scoped advisory locks
 * without waiting, starting at a random slot; the branch calls it in the same
 * statement as the push (`CASE WHEN ho.admit_push() THEN ho.push(…) ELSE
 * ho.push_busy() END`), so the slot is held exactly while the push runs and freed
 * by its commit or rollback, whatever happens to the link. `ho.push` itself is
 * untouched. A refused branch gets `{status: 'busy', retry_after_ms}` and comes
 * back after that time with jitter, without counting it as a failure: no branch
 * waits on a lock, so none times out, and each retry has the same chance.
 *
 * Staff tune `ho.push_admission` (slots, retry_after_ms) to the server.
 */

/** The first key of the admission locks (advisory locks are per database; the second key is the slot). */
export const ADMISSION_LOCK_SPACE = 0x484f5055; // 'HOPU'

const statements = [
  `CREATE TABLE ho.push_admission (
     id integer PRIMARY KEY CHECK (id = 1),
     slots integer NOT NULL CHECK (slots BETWEEN 1 AND 10000),
     retry_after_ms integer NOT NULL CHECK (retry_after_ms BETWEEN 1 AND 600000)
   )`,
  // A few pushes at once keep both cores busy without thrashing; staff raise it on a bigger server.
  `INSERT INTO ho.push_admission VALUES (1, 4, 200)`,
  `ALTER TABLE ho.push_admission OWNER TO ho_owner`,

  `CREATE FUNCTION ho.admit_push() RETURNS boolean
   LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
   AS $$
   DECLARE v_slots integer; v_start integer;
   BEGIN
     SELECT a.slots INTO STRICT v_slots FROM ho.push_admission a WHERE a.id = 1;
     v_start := floor(random() * v_slots)::integer;
     FOR i IN 0 .. v_slots - 1 LOOP
       IF pg_try_advisory_xact_lock(${ADMISSION_LOCK_SPACE}, (v_start + i) % v_slots) THEN
         RETURN true;
       END IF;
     END LOOP;
     RETURN false;
   END $$`,

  `CREATE FUNCTION ho.push_busy() RETURNS jsonb
   LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
   AS $$ SELECT pg_catalog.jsonb_build_object('status', 'busy', 'retry_after_ms', a.retry_after_ms) FROM ho.push_admission a WHERE a.id = 1 $$`,

  `CREATE FUNCTION ho.set_push_admission(p_slots integer, p_retry_after_ms integer) RETURNS void
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
   AS $$ BEGIN
     IF ho.session_branch() IS NOT NULL THEN
       RAISE EXCEPTION 'this function is for head-office staff' USING ERRCODE = 'insufficient_privilege';
     END IF;
     UPDATE ho.push_admission SET slots = p_slots, retry_after_ms = p_retry_after_ms WHERE id = 1;
   END $$`,

  ...['ho.admit_push()', 'ho.push_busy()', 'ho.set_push_admission(integer, integer)'].flatMap((f) => [
    `ALTER FUNCTION ${f} OWNER TO ho_owner`,
    `REVOKE EXECUTE ON FUNCTION ${f} FROM PUBLIC`,
  ]),
  `GRANT EXECUTE ON FUNCTION ho.admit_push(), ho.push_busy() TO ho_branch`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const f of ['ho.admit_push()', 'ho.push_busy()', 'ho.set_push_admission(integer, integer)']) await sql.raw(`DROP FUNCTION ${f}`).execute(db);
  await sql.raw('DROP TABLE ho.push_admission').execute(db);
}
