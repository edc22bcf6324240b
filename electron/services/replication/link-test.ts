import type { LinkTestResult } from '@shared/contract';
import pg from 'pg';
import { HeadOfficeApi } from '../headoffice/head-office-api';
import { postgresClientConfig, type PostgresLinkSettings } from '../headoffice/postgres-connection';
import { describeLinkError } from './link-errors';

/** The socket node-postgres keeps; a TLS socket says which protocol it negotiated. */
type ClientInternals = { connection?: { stream?: { getProtocol?: () => string | null } } };

/**
 * The technician's "test connection": connect exactly as the replication job
 * would, ask head office for this branch's link state (a read that changes
 * nothing), and say what happened in words. Saves nothing, never throws.
 */
export async function testHeadOfficeLink(link: PostgresLinkSettings, branchCode: string, timeoutMs = 8000): Promise<LinkTestResult> {
  const started = Date.now();
  const elapsedMs = () => Date.now() - started;
  let client: pg.Client | null = null;
  try {
    client = new pg.Client(postgresClientConfig({ ...link, connectTimeoutMs: timeoutMs, statementTimeoutMs: timeoutMs }));
    // A broken socket also arrives as an event; the awaited call reports it, the event must not crash the app.
    client.on('error', () => undefined);
    await client.connect();
    const tls = (client as unknown as ClientInternals).connection?.stream?.getProtocol?.() ?? null;
    const connected = client;
    const state = await new HeadOfficeApi({
      query: async <R>(text: string, params: unknown[] = []) => ({ rows: (await connected.query(text, params)).rows as R[] }),
    }).linkState();
    if (state.branch !== branchCode) {
      return {
        ok: false,
        outcome: 'not-a-branch',
        message: `the role ${link.user} belongs to branch ${state.branch} at head office, this counter is ${branchCode}`,
        elapsedMs: elapsedMs(),
        headOfficeSeq: state.acked_seq,
        tls,
      };
    }
    const secured = tls ? `over ${tls} (${link.sslmode})` : 'WITHOUT TLS (sslmode disable)';
    return {
      ok: true,
      outcome: 'connected',
      message: `connected to head office ${secured}; it holds this branch up to seq ${state.acked_seq}`,
      elapsedMs: elapsedMs(),
      headOfficeSeq: state.acked_seq,
      tls,
    };
  } catch (error) {
    const described = describeLinkError(error);
    const outcome = described.reason === 'head-office-refusal' ? 'other' : described.reason;
    return { ok: false, outcome, message: described.words, elapsedMs: elapsedMs(), headOfficeSeq: null, tls: null };
  } finally {
    await client?.end().catch(() => undefined);
  }
}
