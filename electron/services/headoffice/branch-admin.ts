import type { SqlRunner } from './sql-runner';

export interface NewBranch {
  code: string;
  name: string;
  /** The database role the branch logs in as. */
  role: string;
  /** Absent with certificate authentication. */
  password?: string | null;
  publicKey?: string | null;
  certificate?: string | null;
  /** S10 serial blocks to hand out, per service indicator. */
  s10?: Array<{ serviceIndicator: string; size: number }>;
}

export interface AddedBranch {
  code: string;
  role: string;
  s10Ranges: Array<{ serviceIndicator: string; firstSerial: number; lastSerial: number }>;
}

/**
 * Creates the branch's role (member of `ho_branch`: EXECUTE on the head-office
 * functions and nothing else), registers it with its key or certificate, and
 * allocates its S10 serial ranges. Head-office staff run this.
 */
export async function addBranch(sql: SqlRunner, branch: NewBranch): Promise<AddedBranch> {
  // All or nothing: a role without its branch row (or ranges) would be a half-made branch.
  await sql.query('BEGIN');
  try {
    const added = await addBranchSteps(sql, branch);
    await sql.query('COMMIT');
    return added;
  } catch (error) {
    await sql.query('ROLLBACK');
    throw error;
  }
}

async function addBranchSteps(sql: SqlRunner, branch: NewBranch): Promise<AddedBranch> {
  const create = await sql.query<{ statement: string }>(
    branch.password
      ? "SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE ho_branch', $1::text, $2::text) AS statement"
      : "SELECT format('CREATE ROLE %I LOGIN IN ROLE ho_branch', $1::text) AS statement",
    branch.password ? [branch.role, branch.password] : [branch.role],
  );
  await sql.query(create.rows[0]!.statement);
  await sql.query('SELECT ho.register_branch($1, $2, $3, $4, $5)', [
    branch.code,
    branch.name,
    branch.role,
    branch.publicKey ?? null,
    branch.certificate ?? null,
  ]);
  const s10Ranges: AddedBranch['s10Ranges'] = [];
  for (const block of branch.s10 ?? []) {
    const { rows } = await sql.query<{ first_serial: number; last_serial: number }>(
      'SELECT first_serial, last_serial FROM ho.allocate_s10_range($1, $2, $3)',
      [branch.code, block.serviceIndicator, block.size],
    );
    s10Ranges.push({ serviceIndicator: block.serviceIndicator, firstSerial: rows[0]!.first_serial, lastSerial: rows[0]!.last_serial });
  }
  return { code: branch.code, role: branch.role, s10Ranges };
}
