import type { Clock } from '../clock';
import type { Sqlite } from '../db/open-database';
import { HeadOfficeApi, HeadOfficeBusy, type EncodedPush, type PushAnswer, type PushBatch, type PushForm } from '../headoffice/head-office-api';
import { DEFAULT_STATEMENT_TIMEOUT_MS } from '../headoffice/postgres-connection';
import type { SqlConnection } from '../headoffice/sql-runner';
import { HeadOfficeRegisterApi } from '../headoffice/register-api';
import { HeadOfficeTrackingApi } from '../headoffice/tracking-api';
import { localIsoTime } from '../ledger/local-time';
import { Backoff } from './backoff';
import { BatchSizer } from './batch-sizer';
import { errorInWords, HeadOfficeRefusal } from './link-errors';
import { adoptHeadOfficeSignature, recoverTransfers } from './recover-transfers';
import { RegisterReplication } from './register-replication';
import { ReplicationStore } from './replication.repository';
import { TrackingReplication } from './tracking-replication';
import type { WatermarkFile } from './watermark';

export type HeadOfficeMode = 'demo' | 'configured';

export interface ReplicationStatus {
  mode: HeadOfficeMode;
  state: 'online' | 'offline';
  unsynced: number;
  localSeq: number;
  ackedSeq: number;
  ackedHash: string;
  headOfficeSeq: number | null;
  pullVersion: number;
  lastSuccessAt: string | null;
  lastError: string | null;
  /** Newest first, with when they happened: what a technician reads. */
  recentErrors: Array<{ at: string; message: string }>;
  recovering: boolean;
  clockSkewSeconds: number | null;
  /** Tracking events recorded here that head office has not acknowledged (apart from `unsynced`: see linkStatus). */
  trackingUnsynced: number;
  /** Register records (customers…) written here that head office has not acknowledged. */
  registerUnsynced: number;
}

/** Test seams at each step of a push: a crash test kills the process right there. */
export interface PushHooks {
  /** Sees the batch as it is sent (already encoded: changing it changes nothing). */
  beforePush?(batch: PushBatch): void | Promise<void>;
  afterAnswer?(answer: PushAnswer): void | Promise<void>;
}

/** A batch read from the branch database, its columns already encoded for the link. */
interface PreparedBatch {
  columns: unknown[][];
  count: number;
  /** The size asked of the store (a batch ends on a signed transfer, so it may hold a few more or fewer). */
  requested: number;
  /** Whether the branch had more to send: only then does the batch's time say what the link carries. */
  more: boolean;
  lastSeq: number;
  /** The journal key's signature of the batch's last hash. */
  signature: string | null;
  encoded: EncodedPush;
}

export interface ReplicationJobOptions {
  sqlite: Sqlite;
  clock: Clock;
  mode: HeadOfficeMode;
  /** Opens a session as this branch's head-office role. */
  connect: () => Promise<SqlConnection>;
  watermark?: WatermarkFile | null;
  /** The most transfers one push carries; the link's measured speed may make it fewer (batch-sizer.ts). */
  batchSize?: number;
  /** The statement timeout of the sessions `connect` opens: a push must fit well inside it. */
  statementTimeoutMs?: number;
  /** How often an idle link looks for new transfers; a sale reaches head office within about this. */
  pollMs?: number;
  pullEveryMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  random?: () => number;
  /** Called whenever something the status bar shows may have changed. */
  onChange?: () => void;
  hooks?: PushHooks;
  /** Day closes waiting for head office: compared once head office holds their whole ledger. */
  dayCloses?: { compareReady(api: HeadOfficeApi, ackedSeq: number): Promise<boolean> };
}

/**
 * The branch → head office job. It runs in the main process beside the counter
 * and never holds the database for long: it reads a batch, sends it, stores the
 * acknowledgement. A lost reply, a crash or a resend cost nothing: head office
 * answers a batch it already holds with the same acknowledgement. Order is the
 * branch sequence, never the branch clock.
 */
export class ReplicationJob {
  private readonly store: ReplicationStore;
  private readonly tracking: TrackingReplication;
  private readonly register: RegisterReplication;
  private readonly backoff: Backoff;
  private connection: SqlConnection | null = null;
  private reconciled = false;
  /** This branch's code as head office knows it (from the link check). */
  private branchCode: string | null = null;
  /** How batches travel on this session: lean once head office offers it (asked after the link check). */
  private pushForm: PushForm = 'columns';
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<boolean> | null = null;
  private started = false;
  private closed = false;
  private online = false;
  private lastError: string | null = null;
  private readonly recentErrors: Array<{ at: string; message: string }> = [];
  private headOfficeSeq: number | null = null;
  private skew: number | null = null;
  private lastPullAt = 0;
  private readonly sizer: BatchSizer;
  /** Set when head office answered "busy": the next cycle comes after this, and it is no failure. */
  private busyDelayMs: number | null = null;
  /** Busy answers in a row (reset by an admitted push). */
  private busyStreak = 0;
  private readonly pollMs: number;
  private readonly pullEveryMs: number;

  constructor(private readonly options: ReplicationJobOptions) {
    this.store = new ReplicationStore(options.sqlite);
    this.tracking = new TrackingReplication(options.sqlite);
    this.register = new RegisterReplication(options.sqlite);
    this.backoff = new Backoff(options.backoffBaseMs ?? 500, options.backoffMaxMs ?? 60_000, options.random);
    const batchSize = options.batchSize ?? 10_000;
    this.sizer = new BatchSizer({
      maxRows: batchSize,
      statementTimeoutMs: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
      initialRows: Math.min(batchSize, 1000),
    });
    this.pollMs = options.pollMs ?? 500;
    this.pullEveryMs = options.pullEveryMs ?? 30_000;
    // A database restored from an older backup: refuse to reuse seqs before the link is even up.
    const mark = options.watermark?.read();
    if (mark && mark.acked_seq > (this.store.lastTransfer()?.seq ?? 0)) this.store.markHeadOfficeAhead(mark.acked_seq);
  }

  start(delayMs = 0): void {
    if (this.started || this.closed) return;
    this.started = true;
    this.schedule(delayMs);
  }

  async stop(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const connection = this.connection;
    this.connection = null;
    await connection?.close();
    // A cycle still waiting for head office (a demo head office starting, a slow connect)
    // is not waited for long: it notices `closed` and touches nothing when it resumes.
    await Promise.race([this.running?.catch(() => false), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  }

  /** "Sync now": runs a full exchange at once (after the one in flight) and reports. */
  async syncNow(): Promise<ReplicationStatus> {
    if (this.closed) return this.status();
    await this.running?.catch(() => false);
    this.backoff.reset();
    this.lastPullAt = 0;
    const ok = await this.runCycle();
    this.schedule(this.nextDelay(ok));
    return this.status();
  }

  status(): ReplicationStatus {
    const cursor = this.store.cursor();
    const localSeq = this.store.lastTransfer()?.seq ?? 0;
    return {
      mode: this.options.mode,
      state: this.online ? 'online' : 'offline',
      unsynced: Math.max(0, localSeq - cursor.acked_seq),
      localSeq,
      ackedSeq: cursor.acked_seq,
      ackedHash: cursor.acked_hash,
      headOfficeSeq: this.headOfficeSeq,
      pullVersion: cursor.pull_version,
      lastSuccessAt: cursor.last_success_at,
      lastError: this.lastError,
      recentErrors: [...this.recentErrors],
      recovering: cursor.head_office_seq > localSeq,
      clockSkewSeconds: this.skew,
      trackingUnsynced: this.tracking.unsynced(),
      registerUnsynced: this.register.unsynced(),
    };
  }

  private schedule(delayMs: number): void {
    if (!this.started || this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (this.closed || this.running) return;
    const ok = await this.runCycle();
    this.schedule(this.nextDelay(ok));
  }

  /**
   * After "busy" the branch comes back after head office's hint, doubled for each busy answer
   * in a row up to 16 times the hint, with jitter (±50 %). A refused push has already crossed
   * the link and been parsed, so a thousand branches retrying at the hint's pace would keep
   * head office busy refusing them; the cap keeps every branch trying often enough that none
   * starves, and none ever waits on a lock, so none times out.
   */
  private nextDelay(ok: boolean): number {
    const busy = this.busyDelayMs;
    this.busyDelayMs = null;
    if (busy !== null) return busy;
    return ok ? this.pollMs : this.backoff.next();
  }

  /** Rows the next push carries (what the link has shown it can deliver in time). */
  get batchRows(): number {
    return this.sizer.size;
  }

  /** One exchange; never throws: failures become status. */
  private runCycle(): Promise<boolean> {
    const run = (async () => {
      const visible = () => JSON.stringify([this.online, this.lastError, this.closed ? 0 : this.store.unsyncedCount(), this.closed ? 0 : this.tracking.unsynced(), this.closed ? 0 : this.register.unsynced()]);
      const before = visible();
      try {
        const busy = (await this.exchange()) === 'busy';
        this.online = true;
        this.lastError = null;
        this.backoff.reset();
        if (!this.closed && !busy) this.store.markSuccess(this.now());
        return true;
      } catch (error) {
        this.online = false;
        this.lastError = errorInWords(error);
        this.recentErrors.unshift({ at: this.now(), message: this.lastError });
        this.recentErrors.length = Math.min(this.recentErrors.length, 20);
        const connection = this.connection;
        this.connection = null;
        this.reconciled = false;
        await connection?.close().catch(() => undefined);
        return false;
      } finally {
        // Only what the status bar shows changing is pushed to the windows, not every idle poll.
        if (!this.closed && visible() !== before) this.options.onChange?.();
      }
    })();
    this.running = run;
    void run.finally(() => {
      if (this.running === run) this.running = null;
    });
    return run;
  }

  private now(): string {
    return localIsoTime(this.options.clock.now());
  }

  private async exchange(): Promise<'done' | 'busy'> {
    if (!this.connection) {
      const connection = await this.options.connect();
      if (this.closed) {
        await connection.close();
        return 'done';
      }
      this.connection = connection;
    }
    if (!this.reconciled) {
      // The link check (session form) names this branch; every later call carries that name.
      const session = new HeadOfficeApi(this.connection);
      this.branchCode = await this.reconcile(session);
      // A head office not yet upgraded keeps getting every column; a slow link gains most from the lean form.
      this.pushForm = (await session.offersLeanPush()) ? 'lean' : 'columns';
      this.reconciled = true;
    }
    const api = new HeadOfficeApi(this.connection, this.branchCode, this.pushForm);
    const tracking = new HeadOfficeTrackingApi(this.connection, this.branchCode);
    let next = this.prepareBatch(api, this.store.cursor().acked_seq);
    while (next) {
      if (this.closed) return 'done';
      const sending = this.pushBatch(api, next);
      // Awaited below; this only keeps a failure that comes before then from counting as unhandled.
      sending.catch(() => undefined);
      // Let the push reach the socket first (reading is synchronous and would hold it back),
      // then read and encode the following batch while head office checks this one.
      await new Promise((resolve) => setImmediate(resolve));
      const following = this.closed ? null : this.prepareBatch(api, next.lastSeq);
      try {
        await sending;
      } catch (error) {
        if (!(error instanceof HeadOfficeBusy)) throw error;
        const random = this.options.random ?? Math.random;
        this.busyDelayMs = Math.round(error.retryAfterMs * 2 ** Math.min(this.busyStreak, 4) * (0.5 + random()));
        this.busyStreak += 1;
        return 'busy';
      }
      this.busyStreak = 0;
      const acked = this.store.cursor().acked_seq;
      // The following batch was sized before this answer: re-read it if the size has changed since.
      next = acked === next.lastSeq && following?.requested === this.sizer.size ? following : this.prepareBatch(api, acked);
    }
    // Tracking after the ledger batch: money evidence first, and a tracking push never holds a sale's transfers back.
    await this.tracking.push(tracking, () => this.closed);
    // The register stream (customers…) takes the branch argument only: the link check named the branch.
    if (this.branchCode !== null) await this.register.push(new HeadOfficeRegisterApi(this.connection, this.branchCode), () => this.closed);
    if (Date.now() - this.lastPullAt >= this.pullEveryMs) {
      await this.pullAll(api);
      await this.tracking.pull(tracking, () => this.now(), () => this.closed);
      this.lastPullAt = Date.now();
    }
    // Last: a close is compared only once everything up to it is acknowledged.
    if (!this.closed && (await this.options.dayCloses?.compareReady(api, this.store.cursor().acked_seq))) this.options.onChange?.();
    return 'done';
  }

  /** The unsent transfers after `afterSeq`, read and encoded for the wire; null when none are left. */
  private prepareBatch(api: HeadOfficeApi, afterSeq: number): PreparedBatch | null {
    const requested = this.sizer.size;
    const { columns, count, lastSeq, signature } = this.store.unsentColumns(afterSeq, requested);
    if (lastSeq === null) return null;
    const more = (this.store.lastTransfer()?.seq ?? 0) > lastSeq;
    return { columns, count, requested, more, lastSeq, signature, encoded: api.encodePush({ columns }) };
  }

  private async pushBatch(api: HeadOfficeApi, prepared: PreparedBatch): Promise<void> {
    const batch: PushBatch = { sent_at: this.now(), signature: prepared.signature, columns: prepared.columns };
    await this.options.hooks?.beforePush?.(batch);
    const sentAt = performance.now();
    let answer: PushAnswer;
    try {
      answer = await api.push(batch, prepared.encoded);
    } catch (error) {
      if (isTimeout(error)) this.sizer.timedOut();
      throw error;
    }
    this.sizer.succeeded(prepared.count, performance.now() - sentAt, prepared.more);
    await this.options.hooks?.afterAnswer?.(answer);
    this.skew = answer.skew_seconds;
    this.headOfficeSeq = answer.acked_seq;
    if (answer.status === 'ok') {
      this.store.saveAcked(answer.acked_seq, answer.acked_hash, this.now());
      this.options.watermark?.write({ acked_seq: answer.acked_seq, acked_hash: answer.acked_hash });
      return;
    }
    if (answer.status === 'gap') {
      // Head office holds less than this branch was told (it was restored): send again from what it holds.
      this.store.rewindAcked(answer.acked_seq, answer.acked_hash, this.now());
      return;
    }
    throw new HeadOfficeRefusal(answer);
  }

  /**
   * On each new session: compare both cursors. Head office ahead of the whole
   * local ledger means this database was restored from an older backup: the rows
   * come back from head office before anything else is booked.
   */
  private async reconcile(api: HeadOfficeApi): Promise<string> {
    // The journal key first: from its registration on, head office takes signed batches only.
    // A refused key (head office holds another) stops nothing here: rows head office already
    // holds are still compared (and quarantined if they differ), new ones come back `forged`.
    const publicKey = this.store.journalPublicKey();
    if (publicKey) await api.registerJournalKey(publicKey);
    const state = await api.linkState();
    this.headOfficeSeq = state.acked_seq;
    this.skew = state.last_skew_seconds;
    const local = this.store.lastTransfer();
    const localSeq = local?.seq ?? 0;
    if (state.acked_seq > localSeq) {
      this.store.markHeadOfficeAhead(state.acked_seq);
      this.options.onChange?.();
      let after = localSeq;
      while (after < state.acked_seq) {
        const rows = await api.transfersAfter(after, 2000);
        if (rows.length === 0) break;
        recoverTransfers(this.options.sqlite, rows, this.now());
        after = rows[rows.length - 1]!.seq;
      }
      // The signature head office checked at its last batch vouches for everything recovered.
      const signature = await api.journalSignature(state.acked_seq);
      if (signature) adoptHeadOfficeSignature(this.options.sqlite, state.acked_seq, signature);
      this.store.saveAcked(state.acked_seq, state.acked_hash, this.now());
      return state.branch;
    }
    const cursor = this.store.cursor();
    if (state.acked_seq > cursor.acked_seq) {
      // The reply of the last push was lost, or the process died before storing it.
      const mine = this.store.transferAt(state.acked_seq);
      if (mine?.hash === state.acked_hash) this.store.saveAcked(state.acked_seq, state.acked_hash, this.now());
    } else if (state.acked_seq < cursor.acked_seq) {
      const mine = this.store.transferAt(state.acked_seq);
      this.store.rewindAcked(state.acked_seq, mine?.hash ?? state.acked_hash, this.now());
    }
    return state.branch;
  }

  private async pullAll(api: HeadOfficeApi): Promise<void> {
    for (;;) {
      const answer = await api.pull(this.store.cursor().pull_version, 500);
      if (answer.items.length === 0) return;
      this.store.savePulled(answer.items, this.now());
    }
  }
}

/** The push outlasted the statement timeout (head office cancelled it), or the socket gave up waiting. */
function isTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '57014' || code === 'ETIMEDOUT';
}
