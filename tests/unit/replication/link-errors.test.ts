import { describe, expect, it } from 'vitest';
import { HeadOfficeApi, HeadOfficeBusy } from '../../../electron/services/headoffice/head-office-api';
import type { SqlRunner } from '../../../electron/services/headoffice/sql-runner';
import { describeLinkError } from '../../../electron/services/replication/link-errors';

/** A connection that answers every query with the given rows, as a link cut mid-answer or another head office might. */
const answering = (rows: unknown[]): SqlRunner => ({ binaryParameters: false, query: async <R>() => ({ rows: rows as R[] }) });
const batch = { sent_at: '2026-01-01T10:00:00+03:00', columns: [] };

describe('link failures in words', () => {
  it('a push that brings back no answer is a broken link in words, not a validation error', async () => {
    const error = await new HeadOfficeApi(answering([])).push(batch).catch((e: unknown) => e);
    const described = describeLinkError(error);
    expect(described.reason).toBe('broken');
    expect(described.words).toMatch(/no readable answer to the push \(no answer came back\)/);
    expect(described.words).not.toMatch(/expected object|received undefined/);
  });

  it('an answer of the wrong shape names what was wrong and still reads as words', async () => {
    const error = await new HeadOfficeApi(answering([{ answer: { status: 'ok' } }])).linkState().catch((e: unknown) => e);
    expect(describeLinkError(error)).toMatchObject({ reason: 'broken' });
    expect(describeLinkError(error).words).toMatch(/^head office gave no readable answer to the link check \(branch: /);
  });

  it('a busy head office throws HeadOfficeBusy with its hint, and nothing else', async () => {
    const error = await new HeadOfficeApi(answering([{ answer: { status: 'busy', retry_after_ms: 250 } }])).push(batch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HeadOfficeBusy);
    expect((error as HeadOfficeBusy).retryAfterMs).toBe(250);
  });

  it('a statement timeout says the batch was too long for the link', () => {
    const timeout = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
    expect(describeLinkError(timeout)).toMatchObject({ reason: 'timeout' });
    expect(describeLinkError(timeout).words).toMatch(/did not answer in time: the batch took longer than the link allows/);
  });
});
