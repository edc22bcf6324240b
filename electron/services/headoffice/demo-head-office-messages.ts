/**
 * What the counter and the demo head office's own process say to each other over the
 * child's IPC channel (structured-clone serialization: Dates, Buffers and bigints
 * cross as themselves, as they would come out of PGlite in one process).
 */
export type ToDemoHeadOffice =
  | { kind: 'open'; dir: string | null; branchCode: string }
  /** Create the head office in `dir` (initdb, migrations, the branch), close it and exit. */
  | { kind: 'prepare'; dir: string; branchCode: string }
  | { kind: 'query'; id: number; text: string; params: unknown[] }
  | { kind: 'close' };

/** A PostgreSQL error's fields, kept so the counter words it as it words a real server's. */
export interface DemoHeadOfficeError {
  message: string;
  code?: string;
  detail?: string;
  hint?: string;
  severity?: string;
}

export type FromDemoHeadOffice =
  | { kind: 'ready'; branchRole: string }
  | { kind: 'prepared' }
  | { kind: 'failed'; error: DemoHeadOfficeError }
  | { kind: 'rows'; id: number; rows: unknown[] }
  | { kind: 'error'; id: number; error: DemoHeadOfficeError };

export function errorFields(error: unknown): DemoHeadOfficeError {
  if (!(error instanceof Error)) return { message: String(error) };
  const e = error as Error & Partial<Record<'code' | 'detail' | 'hint' | 'severity', unknown>>;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { message: e.message, code: text(e.code), detail: text(e.detail), hint: text(e.hint), severity: text(e.severity) };
}
