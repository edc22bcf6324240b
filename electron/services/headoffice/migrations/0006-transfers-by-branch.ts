import { sql, type Kysely } from 'kysely';

/**
 * `ho.transfers` hash-partitioned by branch.
 *
 * With a thousand branches pushing at once, every append fought over the one
 * relation's extension lock (`Lock:extend` was 36–71 % of the waits) and the
 * same index pages. Each partition is its own relation with its own indexes, so
 * appends of branches in different partitions no longer meet. The key stays
 * `(branch_code, seq)`: a partition holds whole branches, and a push (one branch)
 * touches exactly one partition. Citus can distribute the partitioned table by
 * the same column later (see DISTRIBUTION.md).
 *
 * Existing rows are copied in one statement inside the migration's transaction:
 * the old table is dropped only once every row is in the new one.
 */

/** Partitions of ho.transfers. A power of two; more spreads appends further but costs planning per push. */
export const TRANSFER_PARTITIONS = 16;

const partition = (i: number) => `transfers_p${String(i).padStart(2, '0')}`;
const partitions = Array.from({ length: TRANSFER_PARTITIONS }, (_, i) => i);

/** The policy and append-only triggers 0001 gave ho.transfers, for a table of this family. */
const ownBranchPolicy = (table: string): string[] => [
  `ALTER TABLE ho.${table} ENABLE ROW LEVEL SECURITY`,
  `ALTER TABLE ho.${table} FORCE ROW LEVEL SECURITY`,
  `CREATE POLICY ${table}_own_branch ON ho.${table}
     USING ((SELECT ho.session_branch()) IS NULL OR branch_code = (SELECT ho.session_branch()))
     WITH CHECK ((SELECT ho.session_branch()) IS NULL OR branch_code = (SELECT ho.session_branch()))`,
];
const noTruncate = (table: string) =>
  `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ho.${table} FOR EACH STATEMENT EXECUTE FUNCTION ho.refuse_change()`;

const statements = [
  `CREATE TABLE ho.transfers_by_branch (
     branch_code text NOT NULL,
     seq bigint NOT NULL CHECK (seq > 0),
     id text NOT NULL,
     operation_id text NOT NULL,
     debit_account_id text NOT NULL,
     credit_account_id text NOT NULL,
     amount bigint NOT NULL CHECK (amount > 0),
     currency text NOT NULL,
     code text NOT NULL,
     flags integer NOT NULL,
     pending_id text,
     reference text,
     unique_reference text,
     reversal_of text,
     till_session_id text,
     operator text NOT NULL,
     approver text,
     reason text,
     at text NOT NULL,
     prev_hash text NOT NULL,
     hash text NOT NULL,
     received_at timestamptz NOT NULL DEFAULT now(),
     CONSTRAINT transfers_by_branch_pkey PRIMARY KEY (branch_code, seq),
     CONSTRAINT transfers_by_branch_id_key UNIQUE (branch_code, id)
   ) PARTITION BY HASH (branch_code)`,
  ...partitions.map(
    (i) => `CREATE TABLE ho.${partition(i)} PARTITION OF ho.transfers_by_branch FOR VALUES WITH (MODULUS ${TRANSFER_PARTITIONS}, REMAINDER ${i})`,
  ),
  `INSERT INTO ho.transfers_by_branch SELECT * FROM ho.transfers`,
  `DROP TABLE ho.transfers`,
  `ALTER TABLE ho.transfers_by_branch RENAME TO transfers`,
  `ALTER TABLE ho.transfers RENAME CONSTRAINT transfers_by_branch_pkey TO transfers_pkey`,
  `ALTER TABLE ho.transfers RENAME CONSTRAINT transfers_by_branch_id_key TO transfers_branch_code_id_key`,
  `CREATE INDEX transfers_correction ON ho.transfers (branch_code, operation_id) WHERE code = 'head-office-correction'`,
  // Ownership does not cascade to partitions; the functions (run as ho_owner) reach them through the parent.
  `ALTER TABLE ho.transfers OWNER TO ho_owner`,
  ...partitions.map((i) => `ALTER TABLE ho.${partition(i)} OWNER TO ho_owner`),
  // A policy applies to queries through the parent; each partition gets its own too, so reading one
  // directly shows no more than the parent would.
  ...['transfers', ...partitions.map(partition)].flatMap(ownBranchPolicy),
  // Row triggers on the parent are cloned to every partition; TRUNCATE is per table.
  `CREATE TRIGGER transfers_append_only BEFORE UPDATE OR DELETE ON ho.transfers FOR EACH ROW EXECUTE FUNCTION ho.refuse_change()`,
  ...['transfers', ...partitions.map(partition)].map(noTruncate),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

// No down: going back would copy every row into one table again; restore a backup instead.
