import { z } from 'zod';
import type { LedgerTransferTable } from '../ledger/ledger.tables';
import { binaryArray } from './binary-arrays';
import { encodeLeanPush } from './lean-push';
import { PUSH_COLUMNS } from './migrations/0002-branch-functions';
import { LEAN_BATCH_PARAMS, LEAN_PUSH_SIGNATURE, LEAN_ROW_COLUMNS } from './migrations/0013-lean-push';
import type { SqlRunner } from './sql-runner';

// Admitted and pushed in one statement: the admission slot is held exactly while the push runs
// (HO migration 0009), and a refused branch learns it in the same round trip. Through the signature
// check (HO migration 0005): branch roles may no longer call ho.push itself.
const PUSH_SQL = `SELECT CASE WHEN ho.admit_push()
  THEN ho.push_signed($1::text, $2::text, ${PUSH_COLUMNS.map(([, type], i) => `$${i + 3}::${type}[]`).join(', ')})
  ELSE ho.push_busy() END AS answer`;

// The same through the lean door (HO migration 0013): the branch first, then the batch in its lean form.
const LEAN_PUSH_SQL = `SELECT CASE WHEN ho.admit_push()
  THEN ho.push_lean($1::text, $2::text, $3::text, ${[...LEAN_BATCH_PARAMS.map(([, type]) => type), ...LEAN_ROW_COLUMNS.map(([, type]) => `${type}[]`)]
    .map((type, i) => `$${i + 4}::${type}`)
    .join(', ')})
  ELSE ho.push_busy() END AS answer`;

/**
 * Whether this session may call the lean push: head office has it (migration 0013) and grants it to
 * this role. A catalog lookup, so a head office of any version answers it without an error. The
 * signature travels without its schema: only the push itself names `ho.push…` on the wire (what a
 * proxy that loses a push's reply, in the reliability tests, watches for).
 */
const LEAN_PUSH_OFFERED_SQL = `SELECT coalesce((SELECT pg_catalog.has_function_privilege(p.oid, 'EXECUTE') FROM pg_catalog.pg_proc p
  WHERE p.oid = pg_catalog.to_regprocedure('ho.' || $1)), false) AS answer`;

/** What head office answers to a push. `expected_seq` is where the next batch must start. */
export const PushAnswer = z.object({
  status: z.enum(['ok', 'gap', 'malformed', 'tampered', 'conflict', 'diverged', 'unsigned', 'forged']),
  acked_seq: z.coerce.number().int().nonnegative(),
  acked_hash: z.string(),
  expected_seq: z.coerce.number().int().positive(),
  inserted: z.coerce.number().int(),
  duplicates: z.coerce.number().int(),
  detail: z.string().nullable(),
  skew_seconds: z.coerce.number().int().nullable(),
});
export type PushAnswer = z.infer<typeof PushAnswer>;

/** Head office has its pushes in flight already: come back after about `retry_after_ms`. */
export const PushBusy = z.object({ status: z.literal('busy'), retry_after_ms: z.coerce.number().int().positive() });

/** Thrown by `push` when head office is busy: not a failure of the link, and nothing was done. */
export class HeadOfficeBusy extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`head office is busy with other branches: retrying in about ${retryAfterMs} ms`);
    this.name = 'HeadOfficeBusy';
  }
}

/** The answer had no readable shape: a link that broke mid-answer, or a head office of another version. */
export class UnreadableAnswer extends Error {
  constructor(readonly what: string, detail: string) {
    super(`head office gave no readable answer to ${what} (${detail}): it will be asked again`);
    this.name = 'UnreadableAnswer';
  }
}

/** The answer checked against its schema; a missing or misshapen one is an UnreadableAnswer in words. */
export function parsed<T>(schema: z.ZodType<T>, what: string, answer: unknown): T {
  if (answer === undefined || answer === null) throw new UnreadableAnswer(what, 'no answer came back');
  const result = schema.safeParse(answer);
  if (!result.success) throw new UnreadableAnswer(what, result.error.issues.map((i) => `${i.path.join('.') || 'answer'}: ${i.message}`).join('; '));
  return result.data;
}

/** Head office's answer to the branch's journal key: `refused` when it holds another one. */
export const JournalKeyAnswer = z.object({ status: z.enum(['registered', 'known', 'refused']), detail: z.string().nullable() });
export type JournalKeyAnswer = z.infer<typeof JournalKeyAnswer>;

export const ReferenceItem = z.object({
  version: z.coerce.number().int().positive(),
  kind: z.enum([
    'tariff',
    'product',
    'user',
    'limit',
    's10-range',
    'biller',
    'pickup-parcel',
    'correction',
    'kyc-tier',
    'savings-product',
    'savings-range',
    'money-order-tariff',
    'money-order-range',
    'money-order-incoming',
  ]),
  key: z.string(),
  body: z.record(z.string(), z.unknown()),
  published_by: z.string(),
  published_at: z.string(),
});
export type ReferenceItem = z.infer<typeof ReferenceItem>;

export const PullAnswer = z.object({ items: z.array(ReferenceItem), latest_version: z.coerce.number().int().nonnegative() });
export type PullAnswer = z.infer<typeof PullAnswer>;

export const Alarm = z.object({ kind: z.string(), seq: z.coerce.number().int().nullable(), detail: z.string(), raised_at: z.string() });

export const LinkState = z.object({
  branch: z.string(),
  acked_seq: z.coerce.number().int().nonnegative(),
  acked_hash: z.string(),
  last_push_at: z.string().nullable(),
  last_skew_seconds: z.coerce.number().int().nullable(),
  quarantined: z.coerce.number().int().nonnegative(),
  alarms: z.array(Alarm),
});
export type LinkState = z.infer<typeof LinkState>;

export const HeldTransfer = z.object({
  seq: z.coerce.number().int().positive(),
  id: z.string(),
  operation_id: z.string(),
  debit_account_id: z.string(),
  credit_account_id: z.string(),
  amount: z.coerce.number().int().positive(),
  currency: z.string(),
  code: z.string(),
  flags: z.number().int(),
  pending_id: z.string().nullable(),
  reference: z.string().nullable(),
  unique_reference: z.string().nullable(),
  reversal_of: z.string().nullable(),
  till_session_id: z.string().nullable(),
  operator: z.string(),
  approver: z.string().nullable(),
  reason: z.string().nullable(),
  at: z.string(),
  prev_hash: z.string(),
  hash: z.string(),
});

/** A branch's day-close summary: where its chain ends and what each account moved. */
export interface DayCloseSummary {
  business_date: string;
  last_seq: number;
  last_hash: string;
  accounts: Array<{ account_id: string; debits_posted: number; credits_posted: number }>;
}

export const DayCloseDifference = z.object({
  account_id: z.string(),
  branch_debits: z.coerce.number(),
  branch_credits: z.coerce.number(),
  head_office_debits: z.coerce.number(),
  head_office_credits: z.coerce.number(),
});

export const DayCloseAnswer = z.object({
  outcome: z.enum(['match', 'mismatch', 'behind']),
  differences: z.array(DayCloseDifference),
  head_office_seq: z.coerce.number().int().nonnegative(),
  hash_matches: z.boolean(),
  comparison_id: z.coerce.number().int(),
});
export type DayCloseAnswer = z.infer<typeof DayCloseAnswer>;

/**
 * A batch of transfers, as rows or already as columns (one array per PUSH_COLUMNS
 * entry, in that order): the job reads columns straight from SQLite, which is
 * several times cheaper than building an object per row.
 */
export type PushRows = { transfers: LedgerTransferTable[] } | { columns: unknown[][] };
export type PushBatch = {
  /** The branch clock when the batch left: head office flags skew, never refuses on it. */
  sent_at: string;
  /** The journal key's signature of the batch's last hash (base64); head office refuses new rows without it once the key is registered. */
  signature?: string | null;
} & PushRows;

/**
 * How a batch travels: `columns`, every column of every row (what any head office since
 * migration 0005 takes), or `lean` (migration 0013: no per-row hashes, each distinct value
 * once, UUIDs as 16 bytes), which needs the branch's code.
 */
export type PushForm = 'columns' | 'lean';

/** A batch's columns ready for the wire (see HeadOfficeApi.encodePush). */
export interface EncodedPush {
  readonly form: PushForm;
  readonly params: readonly unknown[];
}

/** The head-office functions a branch role may execute, typed and checked on the way back. */
export class HeadOfficeApi {
  /**
   * `branch`: this branch's code, as head office's link check named it (null: call the session forms).
   * `pushForm`: `lean` once head office offers it (`offersLeanPush`); it needs the branch's code.
   */
  constructor(
    private readonly sql: SqlRunner,
    readonly branch: string | null = null,
    readonly pushForm: PushForm = 'columns',
  ) {
    if (pushForm === 'lean' && branch === null) throw new TypeError('the lean push names the branch: give its code');
  }

  /**
   * A batch's column parameters as this link sends them best: binary arrays where the driver
   * takes them (binary-arrays.ts), else the arrays themselves. The job encodes the next batch
   * while head office still checks the previous one, and hands it to `push` ready.
   */
  encodePush(batch: PushRows): EncodedPush {
    const columns = 'columns' in batch ? batch.columns : PUSH_COLUMNS.map(([name]) => batch.transfers.map((row) => row[name]));
    const binary = this.sql.binaryParameters === true;
    if (this.pushForm === 'lean') return { form: 'lean', params: encodeLeanPush(columns, binary) };
    if (!binary) return { form: 'columns', params: columns };
    return { form: 'columns', params: PUSH_COLUMNS.map(([, type], i) => binaryArray(type, columns[i] ?? [])) };
  }

  /** Head office's answer to the batch; throws HeadOfficeBusy when it admits no more pushes at the moment. */
  async push(batch: PushBatch, encoded: EncodedPush = this.encodePush(batch)): Promise<PushAnswer> {
    const answer =
      encoded.form === 'lean'
        ? await this.one(LEAN_PUSH_SQL, [this.branch, batch.sent_at, batch.signature ?? null, ...encoded.params])
        : await this.one(PUSH_SQL, [batch.sent_at, batch.signature ?? null, ...encoded.params]);
    const busy = PushBusy.safeParse(answer);
    if (busy.success) throw new HeadOfficeBusy(busy.data.retry_after_ms);
    return parsed(PushAnswer, 'the push', answer);
  }

  /** Whether head office takes the lean push from this session (asked once per session, after the link check). */
  async offersLeanPush(): Promise<boolean> {
    const { rows } = await this.sql.query<{ answer: boolean }>(LEAN_PUSH_OFFERED_SQL, [LEAN_PUSH_SIGNATURE.replace(/^ho\./, '')]);
    return rows[0]?.answer === true;
  }

  /** Offers the branch's journal public key (raw, base64): registered the first time, then only ever the same. */
  async registerJournalKey(publicKey: string): Promise<JournalKeyAnswer> {
    return parsed(JournalKeyAnswer, 'the journal key', await this.one('SELECT ho.register_journal_key($1::text) AS answer', [publicKey]));
  }

  /** The signature head office kept for this sequence (a batch's last), or null. */
  async journalSignature(seq: number): Promise<string | null> {
    const { rows } = await this.sql.query<{ signature: string | null }>('SELECT ho.journal_signature($1::bigint) AS signature', [seq]);
    return rows[0]?.signature ?? null;
  }

  async pull(afterVersion: number, limit = 500): Promise<PullAnswer> {
    return parsed(PullAnswer, 'the reference pull', await this.call('ho.pull', ['$::bigint', '$::integer'], [afterVersion, limit]));
  }

  async linkState(): Promise<LinkState> {
    return parsed(LinkState, 'the link check', await this.call('ho.link_state', [], []));
  }

  async transfersAfter(afterSeq: number, limit = 2000): Promise<LedgerTransferTable[]> {
    return parsed(z.array(HeldTransfer), 'the recovery of held transfers', await this.call('ho.transfers_after', ['$::bigint', '$::integer'], [afterSeq, limit]));
  }

  async compareDayClose(summary: DayCloseSummary): Promise<DayCloseAnswer> {
    return parsed(DayCloseAnswer, 'the day-close comparison', await this.call('ho.compare_day_close', ['$::jsonb'], [JSON.stringify(summary)]));
  }

  /**
   * A head-office function, with this branch's code as first argument once it is known (HO
   * migration 0010: what lets a distributed head office route the call), else in its session form.
   */
  private call(name: string, casts: string[], params: unknown[]): Promise<unknown> {
    const all = this.branch === null ? casts : ['$::text', ...casts];
    const values = this.branch === null ? params : [this.branch, ...params];
    return this.one(`SELECT ${name}(${all.map((cast, i) => cast.replace('$', `$${i + 1}`)).join(', ')}) AS answer`, values);
  }

  private async one(text: string, params: unknown[]): Promise<unknown> {
    const { rows } = await this.sql.query<{ answer: unknown }>(text, params);
    const answer = rows[0]?.answer;
    // node-postgres parses jsonb; PGlite does too, but a text fallback costs nothing.
    return typeof answer === 'string' ? JSON.parse(answer) : answer;
  }
}
