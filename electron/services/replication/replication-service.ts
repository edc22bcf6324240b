import { join } from 'node:path';
import type { DayCloseComparisonView, ReplicationLinkView, ReplicationStatusView } from '@shared/contract';
import type { Clock } from '../clock';
import type { Sqlite } from '../db/open-database';
import { DemoHeadOffice } from '../headoffice/demo-head-office';
import { HeadOfficeApi, type DayCloseSummary } from '../headoffice/head-office-api';
import { connectPostgres, postgresClientConfig } from '../headoffice/postgres-connection';
import type { SqlConnection } from '../headoffice/sql-runner';
import type { Logger } from '../log/logger';
import { dayCloseSummary } from './day-close-summary';
import type { HeadOfficeSettings } from './head-office-settings';
import { errorInWords } from './link-errors';
import { ReplicationJob, type PushHooks } from './replication-job';
import { HEAD_OFFICE_PASSWORD, type SecretStore } from './secret-store';
import { WatermarkFile } from './watermark';

export interface ReplicationServiceOptions {
  dataDir: string;
  sqlite: Sqlite;
  clock: Clock;
  branchCode: string;
  settings: HeadOfficeSettings;
  secrets: SecretStore;
  logger: Logger;
  onChange: () => void;
  /** Delay before the first exchange: the counter is trading before head office is even asked. */
  startDelayMs?: number;
  pollMs?: number;
  hooks?: PushHooks;
}

export interface HeadOfficeLinkStatus {
  mode: 'none' | 'demo' | 'configured';
  state: 'not-configured' | 'online' | 'offline';
  unsynced: number;
  lastSuccessAt: string | null;
  lastError: string | null;
}

/**
 * Replication as the counter sees it: the job, its status for the status bar,
 * the technician's view, the day-close comparison. With no head office
 * configured it runs the embedded PGlite demo head office and says `demo`.
 */
export class ReplicationService {
  private readonly job: ReplicationJob | null;
  private demo: Promise<DemoHeadOffice> | null = null;

  constructor(private readonly options: ReplicationServiceOptions) {
    const { settings } = options;
    if (settings.mode === 'none') {
      this.job = null;
      return;
    }
    this.job = new ReplicationJob({
      sqlite: options.sqlite,
      clock: options.clock,
      mode: settings.mode,
      connect: () => this.connect(),
      watermark: new WatermarkFile(options.dataDir, options.branchCode),
      onChange: options.onChange,
      pollMs: options.pollMs,
      hooks: options.hooks,
    });
  }

  start(): void {
    this.job?.start(this.options.startDelayMs ?? 0);
  }

  async stop(): Promise<void> {
    await this.job?.stop();
    const demo = this.demo;
    this.demo = null;
    // A demo head office still starting is closed when it is up, without holding the counter's close.
    const closing = demo?.then((d) => d.close()).catch(() => undefined);
    if (closing) await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  }

  linkStatus(): HeadOfficeLinkStatus {
    if (!this.job) return { mode: 'none', state: 'not-configured', unsynced: 0, lastSuccessAt: null, lastError: null };
    const s = this.job.status();
    return { mode: s.mode, state: s.state, unsynced: s.unsynced, lastSuccessAt: s.lastSuccessAt, lastError: s.lastError };
  }

  status(): ReplicationStatusView {
    const link = this.linkStatus();
    const s = this.job?.status();
    return { ...link, localSeq: s?.localSeq ?? this.localSeq(), ackedSeq: s?.ackedSeq ?? 0, recovering: s?.recovering ?? false };
  }

  async syncNow(): Promise<ReplicationStatusView> {
    await this.job?.syncNow();
    return this.status();
  }

  link(): ReplicationLinkView {
    const s = this.job?.status();
    const settings = this.options.settings;
    const configured = settings.mode === 'configured' ? settings : null;
    return {
      ...this.status(),
      ackedHash: s?.ackedHash ?? '0'.repeat(64),
      headOfficeSeq: s?.headOfficeSeq ?? null,
      pullVersion: s?.pullVersion ?? 0,
      clockSkewSeconds: s?.clockSkewSeconds ?? null,
      recentErrors: s?.recentErrors ?? [],
      connection: {
        host: configured?.host ?? (settings.mode === 'demo' ? 'embedded PGlite (demo, not durable)' : null),
        database: configured?.database ?? null,
        user: configured?.user ?? null,
        sslmode: configured?.sslmode ?? null,
        clientCertificate: Boolean(configured?.certFile),
        secretProtection: this.options.secrets.protection,
      },
    };
  }

  /**
   * Sends everything first, then asks head office to recompute the day's totals.
   * Prefers the summary the day close stored; otherwise summarises the transfers.
   */
  async compareDayClose(businessDate: string): Promise<DayCloseComparisonView> {
    const stored = this.options.sqlite.prepare('SELECT last_seq FROM day_closes WHERE business_date = ?').get(businessDate) as
      | { last_seq: number }
      | undefined;
    const summary: DayCloseSummary = dayCloseSummary(this.options.sqlite, businessDate, stored?.last_seq);
    const base = { lastSeq: summary.last_seq, lastHash: summary.last_hash };
    if (!this.job) return { ...base, outcome: 'unreachable', hashMatches: null, differences: [], detail: 'no head office configured' };
    let connection: SqlConnection | null = null;
    try {
      await this.job.syncNow();
      connection = await this.connect();
      const answer = await new HeadOfficeApi(connection).compareDayClose(summary);
      return {
        ...base,
        outcome: answer.outcome,
        hashMatches: answer.outcome === 'behind' ? null : answer.hash_matches,
        differences: answer.differences.map((d) => ({
          accountId: d.account_id,
          branchDebits: d.branch_debits,
          branchCredits: d.branch_credits,
          headOfficeDebits: d.head_office_debits,
          headOfficeCredits: d.head_office_credits,
        })),
        detail: answer.outcome === 'behind' ? `head office holds up to seq ${answer.head_office_seq}` : null,
      };
    } catch (error) {
      return { ...base, outcome: 'unreachable', hashMatches: null, differences: [], detail: errorInWords(error) };
    } finally {
      await connection?.close();
    }
  }

  private localSeq(): number {
    return (this.options.sqlite.prepare('SELECT coalesce(max(seq), 0) AS n FROM ledger_transfers').get() as { n: number }).n;
  }

  private async connect(): Promise<SqlConnection> {
    const settings = this.options.settings;
    if (settings.mode === 'configured') {
      const password = this.options.secrets.read(HEAD_OFFICE_PASSWORD);
      return connectPostgres(postgresClientConfig({ ...settings, password }));
    }
    this.demo ??= DemoHeadOffice.open(join(this.options.dataDir, 'head-office-demo'), this.options.branchCode).catch((error: unknown) => {
      this.demo = null;
      this.options.logger.error({ err: error }, 'demo head office failed to start');
      throw error;
    });
    return (await this.demo).connection();
  }
}
