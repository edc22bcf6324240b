import { z } from 'zod';
import { TRACKING_PUSH_COLUMNS } from './migrations/0003-tracking-events';
import { parsed } from './head-office-api';
import type { SqlRunner } from './sql-runner';

const PUSH_SQL = `SELECT ho.push_tracking(${TRACKING_PUSH_COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')}) AS answer`;
/** The same with the branch's code first (HO migration 0010). */
const BRANCH_PUSH_SQL = `SELECT ho.push_tracking($1::text, ${TRACKING_PUSH_COLUMNS.map(([, type], i) => `$${i + 2}::${type}[]`).join(', ')}) AS answer`;

/** What head office answers to a pushed batch of tracking events. */
export const TrackingPushAnswer = z.object({
  status: z.enum(['ok', 'malformed']),
  /** The batch's last outbox seq when `ok`: everything up to there is held. */
  acked_seq: z.coerce.number().int().nonnegative(),
  inserted: z.coerce.number().int(),
  duplicates: z.coerce.number().int(),
  detail: z.string().nullable(),
});
export type TrackingPushAnswer = z.infer<typeof TrackingPushAnswer>;

/** An event as head office shows it to any branch: where and when, never who. */
export const HeldTrackingEvent = z.object({
  position: z.coerce.number().int().positive(),
  id: z.string(),
  s10: z.string(),
  code: z.string(),
  at: z.string(),
  office: z.string(),
  /** The branch that recorded it; null when head office did (exchange office, customs, partner post). */
  recorded_by: z.string().nullable(),
});
export type HeldTrackingEvent = z.infer<typeof HeldTrackingEvent>;

export const TrackingPullAnswer = z.object({ events: z.array(HeldTrackingEvent), position: z.coerce.number().int().nonnegative() });
export type TrackingPullAnswer = z.infer<typeof TrackingPullAnswer>;

/** The head-office tracking functions a branch role may execute, typed and checked on the way back. */
export class HeadOfficeTrackingApi {
  /** `branch`: this branch's code once head office named it (null: the session forms). */
  constructor(
    private readonly sql: SqlRunner,
    readonly branch: string | null = null,
  ) {}

  /** `columns`: one array per TRACKING_PUSH_COLUMNS entry, in that order. */
  async push(columns: unknown[][]): Promise<TrackingPushAnswer> {
    const answer = this.branch === null ? await this.one(PUSH_SQL, columns) : await this.one(BRANCH_PUSH_SQL, [this.branch, ...columns]);
    return parsed(TrackingPushAnswer, 'the tracking push', answer);
  }

  async pull(afterPosition: number, limit = 500): Promise<TrackingPullAnswer> {
    const answer =
      this.branch === null
        ? await this.one('SELECT ho.pull_tracking($1::bigint, $2::integer) AS answer', [afterPosition, limit])
        : await this.one('SELECT ho.pull_tracking($1::text, $2::bigint, $3::integer) AS answer', [this.branch, afterPosition, limit]);
    return parsed(TrackingPullAnswer, 'the tracking pull', answer);
  }

  async itemHistory(s10: string): Promise<HeldTrackingEvent[]> {
    return parsed(z.array(HeldTrackingEvent), 'the item history', await this.one('SELECT ho.item_history($1::text) AS answer', [s10]));
  }

  private async one(text: string, params: unknown[]): Promise<unknown> {
    const { rows } = await this.sql.query<{ answer: unknown }>(text, params);
    const answer = rows[0]?.answer;
    // node-postgres parses jsonb; PGlite does too, but a text fallback costs nothing.
    return typeof answer === 'string' ? JSON.parse(answer) : answer;
  }
}
