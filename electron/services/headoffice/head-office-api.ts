import { z } from 'zod';
import type { LedgerTransferTable } from '../ledger/ledger.tables';
import { binaryArray } from './binary-arrays';
import { PUSH_COLUMNS } from './migrations/0002-branch-functions';
import type { SqlRunner } from './sql-runner';

// Through the signature check (head-office migration 0005): branch roles may no longer call ho.push itself.
const PUSH_SQL = `SELECT ho.push_signed($1::text, $2::text, ${PUSH_COLUMNS.map(([, type], i) => `$${i + 3}::${type}[]`).join(', ')}) AS answer`;

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

/** Head office's answer to the branch's journal key: `refused` when it holds another one. */
export const JournalKeyAnswer = z.object({ status: z.enum(['registered', 'known', 'refused']), detail: z.string().nullable() });
export type JournalKeyAnswer = z.infer<typeof JournalKeyAnswer>;

export const ReferenceItem = z.object({
  version: z.coerce.number().int().positive(),
  kind: z.enum(['tariff', 'product', 'user', 'limit', 's10-range', 'biller', 'pickup-parcel', 'correction']),
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

/** A batch's columns ready for the wire (see HeadOfficeApi.encodePush). */
export interface EncodedPush {
  readonly params: readonly unknown[];
}

/** The head-office functions a branch role may execute, typed and checked on the way back. */
export class HeadOfficeApi {
  constructor(private readonly sql: SqlRunner) {}

  /**
   * A batch's column parameters as this link sends them best: binary arrays where the driver
   * takes them (binary-arrays.ts), else the arrays themselves. The job encodes the next batch
   * while head office still checks the previous one, and hands it to `push` ready.
   */
  encodePush(batch: PushRows): EncodedPush {
    const columns = 'columns' in batch ? batch.columns : PUSH_COLUMNS.map(([name]) => batch.transfers.map((row) => row[name]));
    if (!this.sql.binaryParameters) return { params: columns };
    return { params: PUSH_COLUMNS.map(([, type], i) => binaryArray(type, columns[i] ?? [])) };
  }

  async push(batch: PushBatch, encoded: EncodedPush = this.encodePush(batch)): Promise<PushAnswer> {
    return PushAnswer.parse(await this.one(PUSH_SQL, [batch.sent_at, batch.signature ?? null, ...encoded.params]));
  }

  /** Offers the branch's journal public key (raw, base64): registered the first time, then only ever the same. */
  async registerJournalKey(publicKey: string): Promise<JournalKeyAnswer> {
    return JournalKeyAnswer.parse(await this.one('SELECT ho.register_journal_key($1::text) AS answer', [publicKey]));
  }

  /** The signature head office kept for this sequence (a batch's last), or null. */
  async journalSignature(seq: number): Promise<string | null> {
    const { rows } = await this.sql.query<{ signature: string | null }>('SELECT ho.journal_signature($1::bigint) AS signature', [seq]);
    return rows[0]?.signature ?? null;
  }

  async pull(afterVersion: number, limit = 500): Promise<PullAnswer> {
    return PullAnswer.parse(await this.one('SELECT ho.pull($1::bigint, $2::integer) AS answer', [afterVersion, limit]));
  }

  async linkState(): Promise<LinkState> {
    return LinkState.parse(await this.one('SELECT ho.link_state() AS answer', []));
  }

  async transfersAfter(afterSeq: number, limit = 2000): Promise<LedgerTransferTable[]> {
    const rows = z.array(HeldTransfer).parse(await this.one('SELECT ho.transfers_after($1::bigint, $2::integer) AS answer', [afterSeq, limit]));
    return rows;
  }

  async compareDayClose(summary: DayCloseSummary): Promise<DayCloseAnswer> {
    return DayCloseAnswer.parse(await this.one('SELECT ho.compare_day_close($1::jsonb) AS answer', [JSON.stringify(summary)]));
  }

  private async one(text: string, params: unknown[]): Promise<unknown> {
    const { rows } = await this.sql.query<{ answer: unknown }>(text, params);
    const answer = rows[0]?.answer;
    // node-postgres parses jsonb; PGlite does too, but a text fallback costs nothing.
    return typeof answer === 'string' ? JSON.parse(answer) : answer;
  }
}
