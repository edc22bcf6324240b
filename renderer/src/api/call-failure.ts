import type { ErrorCode } from '@shared/contract';

/**
 * Codes the client itself produces besides the contract's: the host could not
 * be reached, so nobody knows whether the call ran. Never retried silently.
 */
export const CLIENT_ERROR_CODES = ['HOST_UNREACHABLE'] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];
export type FailureCode = ErrorCode | ClientErrorCode;

/** A refused call: `code` is translated for the clerk (`error.<code>`), `details` names fields. */
export class CallFailure extends Error {
  readonly code: FailureCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: FailureCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'CallFailure';
    this.code = code;
    this.details = details;
  }
}

export const isFailure = (error: unknown, code?: FailureCode): error is CallFailure =>
  error instanceof CallFailure && (code === undefined || error.code === code);
