/** Shared by the migrations that add kinds to a checked column (reference items, alarms). */

/** Adds kinds to a CHECK (column IN (…)) constraint, keeping whatever kinds earlier migrations allowed. */
export const extendKindCheck = (table: string, column: string, constraint: string, kinds: string[]) => `DO $$
DECLARE v_kinds text[];
BEGIN
  SELECT array_agg(DISTINCT m[1] ORDER BY m[1]) INTO v_kinds
    FROM pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([^'']+)''', 'g') AS m
   WHERE c.conrelid = 'ho.${table}'::regclass AND c.conname = '${constraint}';
  SELECT array_agg(DISTINCT k ORDER BY k) INTO v_kinds FROM unnest(v_kinds || ARRAY[${kinds.map((k) => `'${k}'`).join(', ')}]) AS k;
  ALTER TABLE ho.${table} DROP CONSTRAINT ${constraint};
  EXECUTE format('ALTER TABLE ho.${table} ADD CONSTRAINT ${constraint} CHECK (${column} IN (%s))',
    (SELECT string_agg(quote_literal(k), ', ') FROM unnest(v_kinds) AS k));
END $$`;
