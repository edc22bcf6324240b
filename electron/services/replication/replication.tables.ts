/** Row shapes of the replication tables (branch migration 0005). */

export interface ReplicationCursorTable {
  id: number;
  /** Head office confirmed holding every transfer up to here. */
  acked_seq: number;
  acked_hash: string;
  /** The highest seq head office is known to hold; the trigger refuses to book at or below it. */
  head_office_seq: number;
  recovering: number;
  pull_version: number;
  last_success_at: string | null;
  updated_at: string | null;
}

export interface ReplicationReferenceTable {
  kind: string;
  key: string;
  version: number;
  body: string;
  published_by: string;
  published_at: string;
  received_at: string;
}

export interface ReplicationCorrectionTable {
  id: string;
  version: number;
  body: string;
  published_by: string;
  received_at: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  booked_seq: number | null;
}

export interface ReplicationTables {
  replication_cursor: ReplicationCursorTable;
  replication_reference: ReplicationReferenceTable;
  replication_corrections: ReplicationCorrectionTable;
}
