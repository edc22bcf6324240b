import { z } from 'zod';
import { parsed } from './head-office-api';
import { SAVINGS_OPEN_REFUSALS, SAVINGS_REFUSALS } from './migrations/savings-functions-sql';
import { SAVINGS_ACCOUNT_STATUSES, SAVINGS_BLOCK_TYPES, SAVINGS_HOLD_STATUSES, SAVINGS_LINE_KINDS } from './migrations/savings-schema-sql';
import type { SqlRunner } from './sql-runner';

const amount = z.coerce.number().int();
const instant = z.string();

export const SavingsHold = z.object({
  branch: z.string(),
  operation_id: z.string(),
  purpose: z.enum(['withdrawal', 'closing']),
  amount: amount.positive(),
  reserved_at: instant,
  expires_at: instant,
});

export const SavingsAccountView = z.object({
  account_number: z.string(),
  /** The branch whose number range the account came from: where its rows live. */
  home_branch: z.string(),
  customer_id: z.string().uuid(),
  product_code: z.string(),
  currency: z.string(),
  kyc_tier: z.string(),
  status: z.enum(SAVINGS_ACCOUNT_STATUSES),
  block_type: z.enum(SAVINGS_BLOCK_TYPES).nullable(),
  balance: amount,
  held: amount.nonnegative(),
  /** balance − held: what a withdrawal may reserve. */
  available: amount,
  holds: z.array(SavingsHold),
  /** How many passbook lines the account has. */
  lines: z.coerce.number().int().nonnegative(),
  interest_posted_to: z.string(),
  opened_at: instant,
  last_activity_at: instant,
  closed_at: instant.nullable(),
});
export type SavingsAccountView = z.infer<typeof SavingsAccountView>;

export const SavingsLine = z.object({
  line_no: z.coerce.number().int().positive(),
  kind: z.enum(SAVINGS_LINE_KINDS),
  amount: amount.positive(),
  balance_after: amount,
  /** The day the money counts from for interest (the branch's date of the cash). */
  value_date: z.string(),
  /** When head office booked it (for a deposit made offline: when it arrived). */
  booked_at: instant,
  branch: z.string().nullable(),
  operation_id: z.string().nullable(),
  period_end: z.string().nullable(),
});
export type SavingsLine = z.infer<typeof SavingsLine>;

export const SavingsOpenAnswer = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('opened'), operation_id: z.string(), account_number: z.string(), account: SavingsAccountView }),
  z.object({ outcome: z.literal('refused'), reason: z.enum(SAVINGS_OPEN_REFUSALS), operation_id: z.string(), account_number: z.string().nullable() }),
]);
export type SavingsOpenAnswer = z.infer<typeof SavingsOpenAnswer>;

export const SavingsAccountAnswer = z.discriminatedUnion('found', [
  z.object({ found: z.literal(true), account: SavingsAccountView, lines: z.array(SavingsLine) }),
  z.object({ found: z.literal(false), account_number: z.string().nullable(), reason: z.enum(['unknown-account', 'bad-account-number']) }),
]);
export type SavingsAccountAnswer = z.infer<typeof SavingsAccountAnswer>;

const Refused = z.object({
  outcome: z.literal('refused'),
  reason: z.enum(SAVINGS_REFUSALS),
  operation_id: z.string(),
  account_number: z.string().nullable(),
  amount: amount.optional(),
});

export const SavingsReserveAnswer = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('reserved'),
    operation_id: z.string(),
    account_number: z.string(),
    amount: amount.positive(),
    currency: z.string(),
    expires_at: instant,
    available_after: amount,
  }),
  Refused,
]);
export type SavingsReserveAnswer = z.infer<typeof SavingsReserveAnswer>;

/** What became of an operation id at head office, for the branch's resolver. */
export const SavingsOperationState = z.enum(['never-received', 'opened', 'refused', 'reserved', 'released', 'expired', 'posted', 'closed']);
export type SavingsOperationState = z.infer<typeof SavingsOperationState>;

export const SavingsReleaseAnswer = z.object({ operation_id: z.string(), state: SavingsOperationState });
export type SavingsReleaseAnswer = z.infer<typeof SavingsReleaseAnswer>;

export const SavingsOperationAnswer = z.object({
  operation_id: z.string(),
  state: SavingsOperationState,
  kind: z.enum(['open', 'reserve', 'close', 'cancelled-unseen']).nullable(),
  /** Head office's first answer to the request, as it gave it. */
  answer: z.record(z.string(), z.unknown()).nullable(),
  hold: z
    .object({
      account_number: z.string(),
      amount: amount.positive(),
      purpose: z.enum(['withdrawal', 'closing']),
      status: z.enum(SAVINGS_HOLD_STATUSES),
      reserved_at: instant,
      expires_at: instant,
      settled_at: instant.nullable(),
    })
    .nullable(),
});
export type SavingsOperationAnswer = z.infer<typeof SavingsOperationAnswer>;

const payout = { operation_id: z.string(), account_number: z.string(), amount: amount.nonnegative(), interest: amount.nonnegative(), currency: z.string() };
export const SavingsCloseAnswer = z.discriminatedUnion('outcome', [
  /** The payout is held: the branch books it as a withdrawal under this operation id, and pays it. */
  z.object({ outcome: z.literal('reserved'), ...payout, expires_at: instant }),
  /** Nothing to pay: closed at once. */
  z.object({ outcome: z.literal('closed'), ...payout, expires_at: z.null() }),
  Refused,
]);
export type SavingsCloseAnswer = z.infer<typeof SavingsCloseAnswer>;

export const SavingsReactivateAnswer = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('active'), reactivated: z.boolean(), account_number: z.string(), account: SavingsAccountView }),
  z.object({ outcome: z.literal('refused'), reason: z.enum(['unknown-account', 'account-closed', 'account-blocked', 'account-not-active']), account_number: z.string() }),
]);
export type SavingsReactivateAnswer = z.infer<typeof SavingsReactivateAnswer>;

/** The branch reused an operation id for another request: a fault at the branch, never retried as is. */
export class OperationIdReused extends Error {
  constructor(readonly operationId: string, detail: string) {
    super(detail);
    this.name = 'OperationIdReused';
  }
}

export interface SavingsOpenRequest {
  operationId: string;
  accountNumber: string;
  customerId: string;
  productCode: string;
  kycTier: string;
  /** The branch's time, ISO 8601 with its UTC offset. */
  openedAt: string;
}

/**
 * Head office's savings functions, typed and checked on the way back. Every call that changes
 * something carries the operation id the branch committed before sending: a retry after a lost
 * reply sends the same id and gets the first answer.
 */
export class HeadOfficeSavingsApi {
  /** `branch`: this branch's code, checked by head office against the role the link logged in as. */
  constructor(
    private readonly sql: SqlRunner,
    readonly branch: string,
  ) {}

  async open(request: SavingsOpenRequest): Promise<SavingsOpenAnswer> {
    const answer = await this.call(request.operationId, 'ho.savings_open', ['text', 'text', 'uuid', 'text', 'text', 'text'], [
      request.operationId,
      request.accountNumber,
      request.customerId,
      request.productCode,
      request.kycTier,
      request.openedAt,
    ]);
    return parsed(SavingsOpenAnswer, 'the account opening', answer);
  }

  /** The account and its passbook lines after `afterLine` (the passbook's line cursor), in order. */
  async account(accountNumber: string, afterLine = 0, limit = 100): Promise<SavingsAccountAnswer> {
    const answer = await this.call(null, 'ho.savings_account', ['text', 'integer', 'integer'], [accountNumber, afterLine, limit]);
    return parsed(SavingsAccountAnswer, 'the savings account', answer);
  }

  async reserve(operationId: string, accountNumber: string, amountMinor: number, expiresSeconds: number): Promise<SavingsReserveAnswer> {
    const answer = await this.call(operationId, 'ho.savings_reserve', ['text', 'text', 'bigint', 'integer'], [operationId, accountNumber, amountMinor, expiresSeconds]);
    return parsed(SavingsReserveAnswer, 'the withdrawal reserve', answer);
  }

  /** The clerk cancelled before paying: the hold goes. Also when the reserve never arrived (the id is then spent). */
  async release(operationId: string): Promise<SavingsReleaseAnswer> {
    return parsed(SavingsReleaseAnswer, 'the hold release', await this.call(operationId, 'ho.savings_release', ['text'], [operationId]));
  }

  async operation(operationId: string): Promise<SavingsOperationAnswer> {
    return parsed(SavingsOperationAnswer, 'the operation check', await this.call(operationId, 'ho.savings_operation', ['text'], [operationId]));
  }

  async close(operationId: string, accountNumber: string, expiresSeconds: number): Promise<SavingsCloseAnswer> {
    const answer = await this.call(operationId, 'ho.savings_close', ['text', 'text', 'integer'], [operationId, accountNumber, expiresSeconds]);
    return parsed(SavingsCloseAnswer, 'the account closing', answer);
  }

  /** `approver`: the supervisor who approved at the window (the branch checked the role). */
  async reactivate(accountNumber: string, approver: string): Promise<SavingsReactivateAnswer> {
    return parsed(SavingsReactivateAnswer, 'the reactivation', await this.call(null, 'ho.savings_reactivate', ['text', 'text'], [accountNumber, approver]));
  }

  private async call(operationId: string | null, name: string, casts: string[], params: unknown[]): Promise<unknown> {
    const args = ['text', ...casts].map((cast, i) => `$${i + 1}::${cast}`).join(', ');
    try {
      const { rows } = await this.sql.query<{ answer: unknown }>(`SELECT ${name}(${args}) AS answer`, [this.branch, ...params]);
      const answer = rows[0]?.answer;
      // node-postgres parses jsonb; PGlite does too, but a text fallback costs nothing.
      return typeof answer === 'string' ? JSON.parse(answer) : answer;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (operationId !== null && message.startsWith('operation-id-reused')) throw new OperationIdReused(operationId, message);
      throw error;
    }
  }
}
