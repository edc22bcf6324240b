import { z } from 'zod';
import { parsed } from './head-office-api';
import { RECORD_PUSH_COLUMNS } from './migrations/0011-customer-register';
import type { SqlRunner } from './sql-runner';

const PUSH_SQL = `SELECT ho.push_records($1::text, ${RECORD_PUSH_COLUMNS.map(([, type], i) => `$${i + 2}::${type}[]`).join(', ')}) AS answer`;

/** What head office answers to a batch of register records; `expected_seq` is where the next batch must start. */
export const RecordPushAnswer = z.object({
  status: z.enum(['ok', 'gap', 'malformed', 'conflict']),
  acked_seq: z.coerce.number().int().nonnegative(),
  expected_seq: z.coerce.number().int().positive(),
  inserted: z.coerce.number().int(),
  duplicates: z.coerce.number().int(),
  detail: z.string().nullable(),
});
export type RecordPushAnswer = z.infer<typeof RecordPushAnswer>;

/** A customer as the national register holds it (what a lookup returns). */
export const NationalCustomerRecord = z.object({
  id: z.string(),
  family_name: z.string(),
  given_names: z.string(),
  birth_date: z.string(),
  document_type: z.string(),
  document_number: z.string(),
  document_country: z.string(),
  document_expiry: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  kyc_tier: z.string().nullable(),
  origin_branch: z.string(),
  created_by: z.string(),
  created_at: z.string(),
  updated_by: z.string(),
  updated_at: z.string(),
  version: z.coerce.number().int().positive(),
});
export type NationalCustomerRecord = z.infer<typeof NationalCustomerRecord>;

/** A national lookup's key: an identity document, or a phone number. */
export type NationalLookupKey = { document: { type: string; number: string; country: string } } | { phone: string };

/** The register functions a branch role may execute, always with its branch code first (HO migration 0011). */
export class HeadOfficeRegisterApi {
  constructor(
    private readonly sql: SqlRunner,
    readonly branch: string,
  ) {}

  /** The code of the branch this session speaks for (null: head-office staff). */
  static async sessionBranch(sql: SqlRunner): Promise<string | null> {
    const { rows } = await sql.query<{ branch: string | null }>('SELECT ho.session_branch() AS branch');
    return rows[0]?.branch ?? null;
  }

  /** `columns`: one array per RECORD_PUSH_COLUMNS entry, in that order. */
  async push(columns: unknown[][]): Promise<RecordPushAnswer> {
    return parsed(RecordPushAnswer, 'the register push', await this.one(PUSH_SQL, [this.branch, ...columns]));
  }

  /** Audited at head office with this branch and `operator`. */
  async lookup(operator: string, key: NationalLookupKey): Promise<NationalCustomerRecord[]> {
    const answer =
      'document' in key
        ? await this.one('SELECT ho.customer_lookup($1::text, $2::text, $3::text, $4::text, $5::text) AS answer', [
            this.branch,
            operator,
            key.document.type,
            key.document.number,
            key.document.country,
          ])
        : await this.one('SELECT ho.customer_lookup_by_phone($1::text, $2::text, $3::text) AS answer', [this.branch, operator, key.phone]);
    return parsed(z.array(NationalCustomerRecord), 'the national customer lookup', answer);
  }

  private async one(text: string, params: unknown[]): Promise<unknown> {
    const { rows } = await this.sql.query<{ answer: unknown }>(text, params);
    const answer = rows[0]?.answer;
    // node-postgres parses jsonb; PGlite does too, but a text fallback costs nothing.
    return typeof answer === 'string' ? JSON.parse(answer) : answer;
  }
}

/**
 * What the counter learns from a national lookup: head office's answer, or why it
 * could not be asked (`offline` with the link's error in words; `not-configured`
 * when the counter runs without a head office).
 */
export type NationalLookupAnswer =
  | { state: 'answered'; records: NationalCustomerRecord[] }
  | { state: 'offline'; detail: string }
  | { state: 'not-configured' };
