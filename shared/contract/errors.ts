/**
 * Every error that crosses the contract carries one of these codes. The renderer
 * translates the code (catalog key `error.<CODE>`); `message` is for logs and
 * technicians, `details` for the fields a form should highlight.
 */
export const ERROR_CODES = [
  'UNKNOWN_METHOD',
  'INVALID_INPUT',
  'NO_SESSION',
  'SESSION_LOCKED',
  'FORBIDDEN_ROLE',
  'FORBIDDEN_SENDER',
  'BAD_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  /** Secret checks refused before hashing: too many at once for this window, user or counter. */
  'TOO_MANY_ATTEMPTS',
  'APPROVAL_REQUIRED',
  'APPROVAL_REFUSED',
  'DATABASE_REFUSED',
  /** The branch database this counter traded on is gone or empty: restore a backup. */
  'DATABASE_MISSING',
  /** The disk holding the database is full: nothing was booked; free space and retry. */
  'STORAGE_FULL',
  /** The database file or its folder cannot be written (read-only disk, file protection). */
  'STORAGE_READ_ONLY',
  'CONFLICT',
  'NOT_FOUND',
  'RULE_BROKEN',
  /** A printer, scale or drawer could not do it (offline, out of paper, no reply): `message` says why. */
  'DEVICE_UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ContractErrorBody {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** Thrown by services; the router turns it into `{ code, message, details }`. */
export class ContractError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ContractError';
    this.code = code;
    this.details = details;
  }

  toBody(): ContractErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}
