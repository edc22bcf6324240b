import { join } from 'node:path';
import type { DayCloseComparisonView, DayCloseHeadOffice, ReplicationLinkView, ReplicationStatusView } from '@shared/contract';
import type { Clock } from '../clock';
import type { Sqlite } from '../db/open-database';
import { DemoHeadOffice } from '../headoffice/demo-head-office';
import { HeadOfficeApi, type DayCloseSummary } from '../headoffice/head-office-api';
import { connectPostgres, postgresClientConfig } from '../headoffice/postgres-connection';
import { HeadOfficeRegisterApi, type NationalLookupAnswer, type NationalLookupKey } from '../headoffice/register-api';
import type { SqlConnection, SqlRunner } from '../headoffice/sql-runner';
import { localIsoTime } from '../ledger/local-time';
import type { Logger } from '../log/logger';
import type { DayCloseVerdicts, DayCloseWithState } from '../day-close/day-close-verdicts';
import { DayCloseConfirmation, verdictOf } from './day-close-confirmation';
import { dayCloseSummary } from './day-close-summary';
import type { HeadOfficeSettings } from './head-office-settings';
import { fetchItemHistory } from './item-history';
import { errorInWords } from './link-errors';
import { lookupNationally } from './national-lookup';
import { RegisterReplication } from './register-replication';
import { ReplicationJob, type PushHooks } from './replication-job';
import { ReplicationStore } from './replication.repository';
import { HEAD_OFFICE_CLIENT_KEY, HEAD_OFFICE_PASSWORD, type SecretStore } from './secret-store';
import { WatermarkFile } from './watermark';

export interface ReplicationServiceOptions {
  dataDir: string;
  sqlite: Sqlite;
  clock: Clock;
  branchCode: string;
  settings: HeadOfficeSettings;
  /** The day close's port: where head office's verdicts on the branch's closes are kept. */
  dayCloseVerdicts: DayCloseVerdicts;
  secrets: SecretStore;
  logger: Logger;
  onChange: () => void;
  /** Delay before the first exchange: the counter is trading before head office is even asked. */
  startDelayMs?: number;
  pollMs?: number;
  hooks?: PushHooks;
  /** How long a call made for the window (a withdrawal's hold, a lookup) may take, connection included. */
  windowCallTimeoutMs?: number;
}

/** A call made for the window went past its deadline: its outcome is not known (it may have acted). */
export class HeadOfficeCallTimeout extends Error {
  constructor(readonly ms: number) {
    super(`head office did not answer within ${Math.round(ms / 1000)} s`);
    this.name = 'HeadOfficeCallTimeout';
  }
}

/**
 * 20 s: on a 2G link (600 ms round trips) a connection with TLS and one function call take a few
 * seconds; a customer waiting at the window should not wait much longer to hear "we do not know yet".
 */
const WINDOW_CALL_TIMEOUT_MS = 20_000;

export interface HeadOfficeLinkStatus {
  mode: 'none' | 'demo' | 'configured';
  state: 'not-configured' | 'online' | 'offline';
  unsynced: number;
  /** Shown beside `unsynced`, never added to it (see HeadOfficeLink in the contract). */
  trackingUnsynced?: number;
  /** Register records (customers…) not yet acknowledged, beside `unsynced` too. */
  registerUnsynced?: number;
  lastSuccessAt: string | null;
  lastError: string | null;
}

/**
 * Replication as the counter sees it: the job, its status for the status bar,
 * the technician's view, the day-close comparison. With no head office
 * configured it runs the embedded PGlite demo head office and says `demo`.
 */
export class ReplicationService {
  private job: ReplicationJob | null;
  private readonly dayCloses: DayCloseConfirmation;
  private readonly store: ReplicationStore;
  private demo: Promise<DemoHeadOffice> | null = null;
  private relinking: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly register: RegisterReplication;

  constructor(private options: ReplicationServiceOptions) {
    this.dayCloses = new DayCloseConfirmation(options.sqlite, options.dayCloseVerdicts, options.clock);
    this.store = new ReplicationStore(options.sqlite);
    this.register = new RegisterReplication(options.sqlite);
    this.job = this.createJob(options.settings);
  }

  /** The settings the running job uses (the technician's screen starts from them). */
  get settings(): HeadOfficeSettings {
    return this.options.settings;
  }

  get secrets(): SecretStore {
    return this.options.secrets;
  }

  /**
   * A technician saved new settings: the job stops (a push in flight is simply
   * resent later: head office answers a duplicate with the same acknowledgement)
   * and a new one starts at once on the new link. The counter keeps trading.
   */
  relink(settings: HeadOfficeSettings): Promise<void> {
    const previous = this.relinking.catch(() => undefined);
    this.relinking = previous.then(async () => {
      if (this.stopped) return;
      // A demo head office is fully closed before another may open its folder.
      await this.stopLink(true);
      this.options = { ...this.options, settings };
      this.job = this.createJob(settings);
      this.job?.start(0);
      this.options.onChange();
    });
    return this.relinking;
  }

  private createJob(settings: HeadOfficeSettings): ReplicationJob | null {
    const options = this.options;
    if (settings.mode === 'none') return null;
    return new ReplicationJob({
      sqlite: options.sqlite,
      clock: options.clock,
      mode: settings.mode,
      connect: () => this.connect(),
      watermark: new WatermarkFile(options.dataDir, options.branchCode),
      onChange: options.onChange,
      pollMs: options.pollMs,
      hooks: options.hooks,
      dayCloses: this.dayCloses,
    });
  }

  start(): void {
    this.job?.start(this.options.startDelayMs ?? 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.relinking.catch(() => undefined);
    await this.stopLink(false);
  }

  private async stopLink(patient: boolean): Promise<void> {
    await this.job?.stop();
    const demo = this.demo;
    this.demo = null;
    // A demo head office still starting is closed when it is up, without holding the counter's close.
    const closing = demo?.then((d) => d.close()).catch(() => undefined);
    if (closing) await (patient ? closing : Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 2000).unref())]));
  }

  linkStatus(): HeadOfficeLinkStatus {
    if (!this.job) return { mode: 'none', state: 'not-configured', unsynced: 0, lastSuccessAt: null, lastError: null };
    const s = this.job.status();
    return { mode: s.mode, state: s.state, unsynced: s.unsynced, trackingUnsynced: s.trackingUnsynced, registerUnsynced: s.registerUnsynced, lastSuccessAt: s.lastSuccessAt, lastError: s.lastError };
  }

  /**
   * One item's history from head office, for a lookup at the window. Only asked while the link is
   * up: during an outage the clerk sees at once what the branch last received, without a timeout.
   */
  async refreshItemTracking(s10: string): Promise<'received' | 'offline' | 'not-configured'> {
    if (!this.job) return 'not-configured';
    if (this.job.status().state !== 'online') return 'offline';
    return fetchItemHistory({ sqlite: this.options.sqlite, clock: this.options.clock, connect: () => this.connect() }, s10);
  }

  /**
   * Runs `ask` against head office on a connection of its own, only while the link is up (an
   * outage answers at once, without a timeout at the window). A failure inside `ask` is thrown
   * as is: the caller decides whether it means "unknown" (an operation that may have acted) or
   * "try later" (a lookup).
   */
  async withHeadOffice<R>(ask: (sql: SqlRunner, branchCode: string) => Promise<R>): Promise<{ ok: true; value: R } | { ok: false; why: 'offline' | 'not-configured' }> {
    if (!this.job) return { ok: false, why: 'not-configured' };
    if (this.job.status().state !== 'online') return { ok: false, why: 'offline' };
    // A reply that never comes and never cuts the connection must not hold the window: past the
    // deadline the call throws (the frame then knows it does not know) and the connection is closed,
    // also one that arrives late.
    const ms = this.options.windowCallTimeoutMs ?? WINDOW_CALL_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new HeadOfficeCallTimeout(ms)), ms);
    });
    const connecting = this.connect();
    try {
      const connection = await Promise.race([connecting, deadline]);
      return { ok: true, value: await Promise.race([ask(connection, this.options.branchCode), deadline]) };
    } finally {
      clearTimeout(timer);
      void connecting.then((connection) => connection.close()).catch(() => undefined);
    }
  }

  /**
   * Pushes the register stream now, on a connection of its own, while the link is up: a money order
   * just issued is payable anywhere at once instead of at the job's next cycle. Running beside the
   * job's own push is harmless: head office holds each record once and answers a resend the same.
   * Throws when head office did not answer; the job's cycle sends the records later either way.
   */
  async pushRegister(): Promise<void> {
    const pushed = await this.withHeadOffice((sql, branchCode) => this.register.push(new HeadOfficeRegisterApi(sql, branchCode), () => this.stopped));
    // The status bar counts the records still to send.
    if (pushed.ok) this.options.onChange();
  }

  /**
   * The national customer register, for a lookup at the window (the customers module's
   * NationalRegister port). While the link is down the clerk hears so at once, without a timeout.
   */
  async lookupCustomers(key: NationalLookupKey, operator: string): Promise<NationalLookupAnswer> {
    if (!this.job) return { state: 'not-configured' };
    const status = this.job.status();
    if (status.state !== 'online') return { state: 'offline', detail: status.lastError ?? 'head office has not answered yet' };
    return lookupNationally(() => this.connect(), key, operator);
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
        clientCertificate: Boolean(configured?.certFile || configured?.certPem),
        secretProtection: this.options.secrets.protection,
      },
    };
  }

  /**
   * Sends everything first, then asks head office to recompute the day's totals.
   * Compares the close stored for that date (and keeps the verdict on it);
   * without one, summarises the transfers as they stand.
   */
  async compareDayClose(businessDate: string, requestedBy: string | null = null): Promise<DayCloseComparisonView> {
    const stored = this.options.dayCloseVerdicts.ofDate(businessDate);
    const summary: DayCloseSummary = dayCloseSummary(this.options.sqlite, businessDate, stored?.last_seq);
    const base = { lastSeq: summary.last_seq, lastHash: summary.last_hash };
    const dayClose = () => (stored ? this.dayCloseView(stored.day_close_id) : null);
    if (!this.job) return { ...base, outcome: 'unreachable', hashMatches: null, differences: [], detail: 'no head office configured', dayClose: dayClose() };
    let connection: SqlConnection | null = null;
    try {
      await this.job.syncNow();
      connection = await this.connect();
      const verdict = verdictOf(await new HeadOfficeApi(connection).compareDayClose(summary));
      if (stored) this.options.dayCloseVerdicts.record(stored.day_close_id, verdict, this.now(), requestedBy);
      return {
        ...base,
        outcome: verdict.outcome,
        hashMatches: verdict.hashMatches,
        differences: verdict.differences,
        detail: verdict.outcome === 'behind' ? `head office holds up to seq ${verdict.headOfficeSeq}` : null,
        dayClose: dayClose(),
      };
    } catch (error) {
      if (stored) this.options.dayCloseVerdicts.recordUnanswered(stored.day_close_id, errorInWords(error), this.now());
      return { ...base, outcome: 'unreachable', hashMatches: null, differences: [], detail: errorInWords(error), dayClose: dayClose() };
    } finally {
      await connection?.close();
    }
  }

  /**
   * "Compare now" for the supervisor: pushes what head office lacks (which
   * compares the waiting closes it then holds), then asks again about every
   * close still undecided, a disputed one included. Answers the state of each
   * close that was undecided when asked; head office unreachable is said on them.
   */
  async compareDayClosesNow(requestedBy: string): Promise<DayCloseHeadOffice[]> {
    const asked = this.options.dayCloseVerdicts.undecided().map((close) => close.day_close_id);
    if (this.job && asked.length > 0) {
      let connection: SqlConnection | null = null;
      let still: DayCloseWithState[] = [];
      try {
        await this.job.syncNow();
        still = this.options.dayCloseVerdicts.undecided().filter((close) => asked.includes(close.day_close_id));
        if (still.length > 0) {
          connection = await this.connect();
          await this.dayCloses.compareEach(new HeadOfficeApi(connection), still, this.store.cursor().acked_seq, requestedBy);
        }
      } catch (error) {
        const words = errorInWords(error);
        for (const close of still.length > 0 ? still : this.options.dayCloseVerdicts.undecided()) this.options.dayCloseVerdicts.recordUnanswered(close.day_close_id, words, this.now());
      } finally {
        await connection?.close();
      }
      this.options.onChange();
    }
    return asked.map((id) => this.dayCloseView(id)).filter((view): view is DayCloseHeadOffice => view !== null);
  }

  private dayCloseView(dayCloseId: string): DayCloseHeadOffice | null {
    return this.options.dayCloseVerdicts.view(dayCloseId, this.linkStatus());
  }

  private now(): string {
    return localIsoTime(this.options.clock.now());
  }

  private localSeq(): number {
    return this.store.lastTransfer()?.seq ?? 0;
  }

  private async connect(): Promise<SqlConnection> {
    const settings = this.options.settings;
    if (settings.mode === 'configured') {
      const password = this.options.secrets.read(HEAD_OFFICE_PASSWORD);
      const keyPem = settings.keyFile ? null : this.options.secrets.read(HEAD_OFFICE_CLIENT_KEY);
      return connectPostgres(postgresClientConfig({ ...settings, password, keyPem }));
    }
    // A demo head office whose process went away (killed, crashed) is started again.
    const current = this.demo;
    if (current && !(await current.then((d) => d.running, () => true)) && this.demo === current) this.demo = null;
    this.demo ??= DemoHeadOffice.open(join(this.options.dataDir, 'head-office-demo'), this.options.branchCode).catch((error: unknown) => {
      this.demo = null;
      this.options.logger.error({ err: error }, 'demo head office failed to start');
      throw error;
    });
    return (await this.demo).connection();
  }
}
