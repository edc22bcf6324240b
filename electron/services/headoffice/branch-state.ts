import type { SqlRunner } from './sql-runner';

export interface BranchReplicationState {
  branch: string;
  role: string;
  ackedSeq: number;
  ackedHash: string;
  pushes: number;
  lastPushAt: string | null;
  lastSkewSeconds: number | null;
  quarantined: number;
  alarms: Array<{ kind: string; seq: number | null; detail: string; raisedAt: string }>;
  corrections: Array<{ id: string; version: number; bookedSeq: number | null }>;
}

/** Head-office staff's view of one branch's link: cursor, quarantine, alarms, corrections and whether they were booked. */
export async function branchState(sql: SqlRunner, branch: string): Promise<BranchReplicationState | null> {
  const cursor = await sql.query<{ role_name: string; acked_seq: string; acked_hash: string; pushes: string; last_push_at: Date | null; last_skew_seconds: number | null }>(
    `SELECT b.role_name, c.acked_seq, c.acked_hash, c.pushes, c.last_push_at, c.last_skew_seconds
       FROM ho.branches b JOIN ho.branch_cursors c ON c.branch_code = b.code WHERE b.code = $1`,
    [branch],
  );
  const row = cursor.rows[0];
  if (!row) return null;
  const quarantined = await sql.query<{ n: string }>('SELECT count(*) AS n FROM ho.quarantine WHERE branch_code = $1', [branch]);
  const alarms = await sql.query<{ kind: string; seq: string | null; detail: string; raised_at: Date }>(
    'SELECT kind, seq, detail, raised_at FROM ho.alarms WHERE branch_code = $1 ORDER BY id DESC LIMIT 20',
    [branch],
  );
  // A correction is booked when the branch's ledger shows a transfer of that operation.
  const corrections = await sql.query<{ key: string; version: string; booked_seq: string | null }>(
    `SELECT r.key, r.version, (SELECT min(t.seq) FROM ho.transfers t WHERE t.branch_code = r.branch_code AND t.operation_id = r.key AND t.code = 'head-office-correction') AS booked_seq
       FROM ho.reference_items r WHERE r.kind = 'correction' AND r.branch_code = $1 ORDER BY r.version`,
    [branch],
  );
  return {
    branch,
    role: row.role_name,
    ackedSeq: Number(row.acked_seq),
    ackedHash: row.acked_hash,
    pushes: Number(row.pushes),
    lastPushAt: row.last_push_at ? new Date(row.last_push_at).toISOString() : null,
    lastSkewSeconds: row.last_skew_seconds,
    quarantined: Number(quarantined.rows[0]!.n),
    alarms: alarms.rows.map((a) => ({ kind: a.kind, seq: a.seq === null ? null : Number(a.seq), detail: a.detail, raisedAt: new Date(a.raised_at).toISOString() })),
    corrections: corrections.rows.map((c) => ({ id: c.key, version: Number(c.version), bookedSeq: c.booked_seq === null ? null : Number(c.booked_seq) })),
  };
}

export interface DayCloseRecord {
  businessDate: string;
  lastSeq: number;
  lastHash: string;
  outcome: string;
  differences: unknown;
  comparedAt: string;
}

/** The branch's day-close comparisons as head office recorded them (mismatches visible here too). */
export async function dayCloseRecords(sql: SqlRunner, branch: string, businessDate?: string): Promise<DayCloseRecord[]> {
  const { rows } = await sql.query<{ business_date: string; last_seq: string; last_hash: string; outcome: string; differences: unknown; compared_at: Date }>(
    `SELECT business_date, last_seq, last_hash, outcome, differences, compared_at FROM ho.day_close_comparisons
      WHERE branch_code = $1 AND ($2::text IS NULL OR business_date = $2) ORDER BY id DESC LIMIT 20`,
    [branch, businessDate ?? null],
  );
  return rows.map((r) => ({
    businessDate: r.business_date,
    lastSeq: Number(r.last_seq),
    lastHash: r.last_hash,
    outcome: r.outcome,
    differences: r.differences,
    comparedAt: new Date(r.compared_at).toISOString(),
  }));
}
