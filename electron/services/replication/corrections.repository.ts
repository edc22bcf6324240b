import type { Selectable } from 'kysely';
import type { Sqlite } from '../db/open-database';
import { all, build, first, run } from '../db/typed-statement';
import type { ReplicationCorrectionTable } from './replication.tables';

export type CorrectionRow = Selectable<ReplicationCorrectionTable>;

/** The SQL of head-office corrections as a supervisor sees and acknowledges them (rare: built per call). */

export function correctionRows(sqlite: Sqlite): CorrectionRow[] {
  return all(sqlite, build.selectFrom('replication_corrections').selectAll().orderBy('version'));
}

export function correctionRow(sqlite: Sqlite, id: string): CorrectionRow | undefined {
  return first(sqlite, build.selectFrom('replication_corrections').selectAll().where('id', '=', id));
}

/** The first acknowledgement stands: a second one (a retry) changes nothing. */
export function markAcknowledged(sqlite: Sqlite, id: string, acknowledgement: { by: string; at: string; bookedSeq: number }): void {
  run(
    sqlite,
    build
      .updateTable('replication_corrections')
      .set({ acknowledged_by: acknowledgement.by, acknowledged_at: acknowledgement.at, booked_seq: acknowledgement.bookedSeq })
      .where('id', '=', id)
      .where('acknowledged_by', 'is', null),
  );
}
