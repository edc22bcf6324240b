/**
 * The little both head-office drivers share: node-postgres (a real server) and
 * PGlite (the embedded demo). Everything above this speaks SQL with $n params.
 */
export interface SqlRunner {
  query<R>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /**
   * True when a Buffer parameter travels as a PostgreSQL binary value (node-postgres):
   * the push then sends its columns as binary arrays (binary-arrays.ts). PGlite reads a
   * Buffer as bytea, so it gets plain arrays.
   */
  readonly binaryParameters?: boolean;
}

/** A connection that can be closed; what a link to head office holds. */
export interface SqlConnection extends SqlRunner {
  close(): Promise<void>;
}
