import { z } from 'zod';
import { parsed } from './head-office-api';
import { MONEY_ORDER_OPERATION_STATES, MONEY_ORDER_REFUSALS } from './migrations/money-order-functions-sql';
import { MONEY_ORDER_KINDS, MONEY_ORDER_PURPOSES, MONEY_ORDER_STATUSES, MONEY_ORDER_TARIFF_KEYS } from './migrations/money-order-schema-sql';
import type { SqlRunner } from './sql-runner';

const amount = z.coerce.number().int();
const instant = z.string();

export const MoneyOrderKind = z.enum(MONEY_ORDER_KINDS);
export const MoneyOrderStatus = z.enum(MONEY_ORDER_STATUSES);
export const MoneyOrderPurpose = z.enum(MONEY_ORDER_PURPOSES);
export type MoneyOrderPurpose = z.infer<typeof MoneyOrderPurpose>;
export const MoneyOrderRefusal = z.enum(MONEY_ORDER_REFUSALS);
export type MoneyOrderRefusal = z.infer<typeof MoneyOrderRefusal>;
export const MoneyOrderOperationState = z.enum(MONEY_ORDER_OPERATION_STATES);
export type MoneyOrderOperationState = z.infer<typeof MoneyOrderOperationState>;

/** An identity document as shown at the window (and as an order names one). */
export const MoneyOrderDocument = z.object({ document_type: z.string(), document_number: z.string(), document_country: z.string() });
export type MoneyOrderDocument = z.infer<typeof MoneyOrderDocument>;

/**
 * What head office shows a branch of an order: never the secret's hash; the sender's document
 * number by its last four characters; the payee's in full, for the clerk to compare.
 */
export const MoneyOrderView = z.object({
  found: z.literal(true),
  number: z.string(),
  kind: MoneyOrderKind,
  /** Null for an order sent from abroad. */
  issuing_branch: z.string().nullable(),
  currency: z.string(),
  amount: amount.positive(),
  fee: amount.nonnegative(),
  sender: z.object({ name: z.string(), document_type: z.string().nullable(), document_number_last4: z.string().nullable() }),
  payee: z.object({
    name: z.string(),
    document_type: z.string().nullable(),
    document_number: z.string().nullable(),
    document_country: z.string().nullable(),
  }),
  payee_document_required: z.boolean(),
  /** The salt the branch hashes what the payee typed with (the proof it sends). */
  secret_salt: z.string(),
  secret_attempts_left: amount.nonnegative(),
  status: MoneyOrderStatus,
  issued_at: instant,
  expires_at: instant,
  locked_by_branch: z.string().nullable(),
  locked_until: instant.nullable(),
  paid_branch: z.string().nullable(),
  paid_at: instant.nullable(),
  cancelled_branch: z.string().nullable(),
  cancelled_at: instant.nullable(),
  reimbursed_branch: z.string().nullable(),
  reimbursed_at: instant.nullable(),
  /** Outgoing: destination_country, payee_currency, purpose. Incoming: exchange_reference, origin_country. */
  international: z.record(z.string(), z.unknown()).nullable(),
  /** Incoming: the branch head office published it to (null: every branch). */
  payee_branch: z.string().nullable(),
});
export type MoneyOrderView = z.infer<typeof MoneyOrderView>;

export const MoneyOrderLookupAnswer = z.discriminatedUnion('found', [MoneyOrderView, z.object({ found: z.literal(false), number: z.string().nullable() })]);
export type MoneyOrderLookupAnswer = z.infer<typeof MoneyOrderLookupAnswer>;

export const MoneyOrderLocked = z.object({
  outcome: z.literal('locked'),
  operation_id: z.string(),
  number: z.string(),
  purpose: MoneyOrderPurpose,
  /** What the branch pays out: to the payee (pay) or back to the sender (cancel, reimburse). */
  amount: amount.positive(),
  fee: amount.nonnegative(),
  currency: z.string(),
  /** A cancellation whose tariff refunds the fee: the fee goes back to the sender too. */
  refund_fee: z.boolean(),
  held_until: instant,
});

export const MoneyOrderRefused = z.object({
  outcome: z.literal('refused'),
  reason: MoneyOrderRefusal,
  operation_id: z.string(),
  number: z.string().nullable().optional(),
  /** being-paid: the branch holding the lock; paid, cancelled, reimbursed: the branch that did it. */
  branch: z.string().optional(),
  at: instant.optional(),
  /** wrong-secret: how many more wrong secrets the order takes. */
  attempts_left: amount.nonnegative().optional(),
});

export const MoneyOrderLockAnswer = z.discriminatedUnion('outcome', [MoneyOrderLocked, MoneyOrderRefused]);
export type MoneyOrderLockAnswer = z.infer<typeof MoneyOrderLockAnswer>;

/** What became of an operation id at head office, for the branch's resolver (never acts). */
export const MoneyOrderOperationAnswer = z.object({
  operation_id: z.string(),
  state: MoneyOrderOperationState,
  /** Head office's first answer to the lock, as it gave it. */
  answer: MoneyOrderLockAnswer.nullable(),
  lock: z
    .object({
      number: z.string(),
      purpose: MoneyOrderPurpose,
      amount: amount.positive(),
      pending_transfer_id: z.string(),
      locked_at: instant,
      held_until: instant,
      released_at: instant.nullable(),
      settled_at: instant.nullable(),
      settled_transfer_id: z.string().nullable(),
    })
    .nullable(),
});
export type MoneyOrderOperationAnswer = z.infer<typeof MoneyOrderOperationAnswer>;

export interface MoneyOrderLockRequest {
  /** The frame's operation id, made once per intent and reused on every retry. */
  operationId: string;
  /** The branch's pending payout or refund transfer booked at prepare: its post settles the lock, its void releases it. */
  pendingTransferId: string;
  number: string;
  purpose: MoneyOrderPurpose;
  /** pay: hex(scrypt(what the payee typed, the order's salt)); null for cancel and reimburse. */
  secretProof: string | null;
  /** The payee's (pay) or the sender's (cancel, reimburse) document, as shown at the window. */
  document: MoneyOrderDocument | null;
  holdSeconds: number;
}

/**
 * Head office's money-order functions a branch role may call, typed and checked on the way back.
 * A lock carries the operation id the branch committed before sending: a retry after a lost reply
 * sends the same id and gets the first answer.
 */
export class HeadOfficeMoneyOrdersApi {
  /** `branch`: this branch's code, checked by head office against the role the link logged in as. */
  constructor(
    private readonly sql: SqlRunner,
    readonly branch: string,
  ) {}

  /** The order's view (its status included): `found: false` for a number head office does not hold. */
  async lookup(number: string): Promise<MoneyOrderLookupAnswer> {
    return parsed(MoneyOrderLookupAnswer, 'the money order lookup', await this.call('ho.money_order_lookup', ['text'], [number]));
  }

  async lock(request: MoneyOrderLockRequest): Promise<MoneyOrderLockAnswer> {
    const answer = await this.call('ho.money_order_lock', ['text', 'text', 'text', 'text', 'text', 'jsonb', 'integer'], [
      request.operationId,
      request.pendingTransferId,
      request.number,
      request.purpose,
      request.secretProof,
      request.document === null ? null : JSON.stringify(request.document),
      request.holdSeconds,
    ]);
    return parsed(MoneyOrderLockAnswer, 'the money order lock', answer);
  }

  async operation(operationId: string): Promise<MoneyOrderOperationAnswer> {
    return parsed(MoneyOrderOperationAnswer, 'the money order operation check', await this.call('ho.money_order_operation', ['text'], [operationId]));
  }

  /** The clerk gave up before paying: the lock goes (also when the lock never arrived: the id is then spent). */
  async unlock(operationId: string): Promise<MoneyOrderOperationAnswer> {
    return parsed(MoneyOrderOperationAnswer, 'the money order unlock', await this.call('ho.money_order_unlock', ['text'], [operationId]));
  }

  private async call(name: string, casts: string[], params: unknown[]): Promise<unknown> {
    const args = ['text', ...casts].map((cast, i) => `$${i + 1}::${cast}`).join(', ');
    return answerOf(this.sql, `SELECT ${name}(${args}) AS answer`, [this.branch, ...params]);
  }
}

/** A tariff as staff publish it and branches pull it ('money-order-tariff'); amounts in minor units. */
export const MoneyOrderTariff = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/),
  /** Rising ceilings: the fee of the first band whose up_to is at least the amount. */
  bands: z.array(z.object({ up_to: z.number().int().positive(), fee: z.number().int().nonnegative() })).min(1),
  validity_days: z.number().int().positive(),
  /** Above this amount the payee shows an identity document. */
  payee_document_above: z.number().int().nonnegative(),
  max_amount: z.number().int().positive(),
  cancel_refunds_fee: z.boolean(),
});
export type MoneyOrderTariff = z.infer<typeof MoneyOrderTariff>;
export const MoneyOrderTariffKey = z.enum(MONEY_ORDER_TARIFF_KEYS);

/** An order from abroad as head office's IFS link hands it over (amount already in local currency). */
export interface IncomingMoneyOrder {
  /** From a head-office range (allocated to no branch). */
  number: string;
  /** The branch it is published to; null: every branch. */
  payeeBranch: string | null;
  sender: { name: string; country?: string; document_type?: string; document_number?: string; document_country?: string };
  payee: { name: string; document_type?: string | null; document_number?: string | null; document_country?: string | null };
  amount: number;
  currency: string;
  exchangeReference: string;
  secretSalt: string;
  secretHash: string;
  expiresAt: string;
}

/** An incoming order as branches pull it ('money-order-incoming'): the view without status or secret hash. */
export const MoneyOrderIncomingItem = MoneyOrderView.pick({
  number: true,
  kind: true,
  currency: true,
  amount: true,
  fee: true,
  sender: true,
  payee: true,
  payee_document_required: true,
  secret_salt: true,
  issued_at: true,
  expires_at: true,
  international: true,
  payee_branch: true,
});
export type MoneyOrderIncomingItem = z.infer<typeof MoneyOrderIncomingItem>;

/** An incoming order as staff received it, with the version it was published under. */
export const MoneyOrderReceived = MoneyOrderView.extend({ version: amount.positive() });
export type MoneyOrderReceived = z.infer<typeof MoneyOrderReceived>;

export const MoneyOrderRangeAnswer = z.object({
  branch: z.string().nullable(),
  first_serial: amount.positive(),
  last_serial: amount.positive(),
  version: amount.nullable(),
});

/**
 * Head-office staff's money-order functions (a staff session, never a branch role): what the demo
 * head office and the tests use to stand up what a real head office's staff would.
 */
export class HeadOfficeMoneyOrdersStaff {
  constructor(private readonly sql: SqlRunner) {}

  /** Serials `first` to `last` for `branch` (published to it), or for head office's incoming orders (null). */
  async allocateRange(branch: string | null, first: number, last: number): Promise<z.infer<typeof MoneyOrderRangeAnswer>> {
    const answer = await answerOf(this.sql, 'SELECT ho.money_order_allocate_range($1::text, $2::bigint, $3::bigint) AS answer', [branch, first, last]);
    return parsed(MoneyOrderRangeAnswer, 'the range allocation', answer);
  }

  /** The first serial after every range allocated so far (ranges are never given back). */
  async nextFreeSerial(): Promise<number> {
    const { rows } = await this.sql.query<{ next: string }>('SELECT coalesce(max(last_serial), 0) + 1 AS next FROM ho.money_order_ranges');
    return Number(rows[0]!.next);
  }

  /** Published to every branch; answers the reference version. */
  async publishTariff(key: z.infer<typeof MoneyOrderTariffKey>, tariff: MoneyOrderTariff, by = 'head-office'): Promise<number> {
    const { rows } = await this.sql.query<{ version: string }>('SELECT ho.money_order_publish_tariff($1::text, $2::jsonb, $3::text) AS version', [
      key,
      JSON.stringify(MoneyOrderTariff.parse(tariff)),
      by,
    ]);
    return Number(rows[0]!.version);
  }

  async receiveInternational(order: IncomingMoneyOrder): Promise<MoneyOrderReceived> {
    const answer = await answerOf(
      this.sql,
      `SELECT ho.money_order_receive_international($1::text, $2::text, $3::jsonb, $4::jsonb, $5::bigint, $6::text, $7::text, $8::text, $9::text, $10::timestamptz) AS answer`,
      [
        order.number,
        order.payeeBranch,
        JSON.stringify(order.sender),
        JSON.stringify(order.payee),
        order.amount,
        order.currency,
        order.exchangeReference,
        order.secretSalt,
        order.secretHash,
        order.expiresAt,
      ],
    );
    return parsed(MoneyOrderReceived, 'the incoming order', answer);
  }

  /** The payee may try the secret again (after staff checked who is asking). */
  async resetSecretAttempts(number: string, by = 'head-office'): Promise<MoneyOrderView> {
    return parsed(MoneyOrderView, 'the secret attempts reset', await answerOf(this.sql, 'SELECT ho.money_order_reset_secret_attempts($1::text, $2::text) AS answer', [number, by]));
  }
}

async function answerOf(sql: SqlRunner, text: string, params: unknown[]): Promise<unknown> {
  const { rows } = await sql.query<{ answer: unknown }>(text, params);
  const answer = rows[0]?.answer;
  // node-postgres parses jsonb; PGlite does too, but a text fallback costs nothing.
  return typeof answer === 'string' ? JSON.parse(answer) : answer;
}
