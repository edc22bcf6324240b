import { ContractError, type BranchProfile, type CounterpartyOperationView } from '@shared/contract';
import type { Receipt } from '@shared/receipt';
import { uuid7 } from '@shared/uuid7';
import type { Clock } from '../clock';
import type { Sqlite } from '../db/open-database';
import type { CounterDevices } from '../devices/counter-devices';
import type { PrintJob } from '../devices/print-job-store';
import { fingerprintOf, type Ledger, type OperationOutcome, type OperationWriter } from '../ledger/ledger';
import { localIsoTime } from '../ledger/local-time';
import type { Logger } from '../log/logger';
import { CounterpartyUnreachable, type Counterparty, type CounterpartyAnswer } from './counterparty-port';
import {
  dueForResolution,
  insertPrepared,
  markCancelRequested,
  markCounterpartyKnows,
  markHandedOver,
  raiseReconciliation,
  readOperation,
  recordAttempt,
  recordState,
  reservationOf,
} from './counterparty-operations.repository';
import type { CounterpartyOperationTable } from './counterparty.tables';
import { incidentReceipt } from './incident-receipt';
import { DEFAULT_RETRY, retryDelay, type RetryTiming } from './retry-delay';
import { bookingOf, isFinal, type FinalState } from './state-machine';
import { operationView } from './operation-view';

/** One kind of operation a service runs with a counterparty, registered once at start. */
export interface CounterpartyKind<Request> {
  /** The ledger kind of the prepare operation, e.g. `savings-withdrawal`. */
  kind: string;
  /** Who answers: `head-office`, an operator's or biller's name (printed on the incident receipt). */
  counterparty: string;
  port: Counterparty<Request>;
  /** Cash leaves the drawer once confirmed: the drawer opens only after a durable confirmed. */
  paysOut: boolean;
  /** How long the counterparty holds the reservation; sent with the request. */
  holdMs: number;
  /** The customer's receipt, queued in the transaction that hands the cash over (or books the confirmation). */
  confirmedReceipt?: (operation: CounterpartyOperationView, branch: BranchProfile) => Receipt;
}

/** Who asks, and for how much: the frame's row and the prepare operation's header. */
export interface PrepareHeader {
  /** The UUIDv7 the window made once for this user intent. */
  operationId: string;
  tillSessionId: string | null;
  operator: string;
  approver?: string | null;
  /** The headline amount, for lists and the incident receipt. */
  amount: number;
  currency: string;
}

export interface CounterpartyFrameDeps {
  sqlite: Sqlite;
  ledger: Ledger;
  clock: Clock;
  /** The print outbox and the drawer; null in tests of the ledger alone (nothing prints). */
  devices: Pick<CounterDevices, 'outbox' | 'afterCashCommit'> | null;
  branch: () => BranchProfile | null;
  logger?: Pick<Logger, 'warn' | 'error'>;
  retry?: RetryTiming;
  random?: () => number;
}

/**
 * The counterparty-operation frame (DESIGN.md, "Operations with a counterparty"), generic over
 * the counterparty. Intent first: `prepare` books the reservation and the `prepared` row in one
 * ledger operation before any request leaves; `execute` writes `sent` before sending; an answer
 * books the post or the void in the same transaction as the state; a failed link is `unknown`,
 * never refused, and pays nothing. A service registers its kind and calls prepare → execute.
 */
export class CounterpartyFrame {
  private readonly kinds = new Map<string, CounterpartyKind<unknown>>();
  /** One step at a time per operation (the clerk's execute and the resolver never interleave). */
  private readonly running = new Map<string, Promise<unknown>>();
  private readonly startedAt: number;
  private readonly retry: RetryTiming;

  constructor(private readonly deps: CounterpartyFrameDeps) {
    this.startedAt = deps.clock.now().getTime();
    this.retry = deps.retry ?? DEFAULT_RETRY;
  }

  register<Request>(kind: CounterpartyKind<Request>): void {
    if (this.kinds.has(kind.kind)) throw new Error(`counterparty kind ${kind.kind} is already registered`);
    this.kinds.set(kind.kind, kind as CounterpartyKind<unknown>);
  }

  /**
   * Books the intent: `reserve` writes the pending transfers (phase 'pending') and the frame writes
   * its `prepared` row, in ONE ledger operation. A retry with the same id replays; the same id with
   * another request is CONFLICT (the ledger's fingerprint rule).
   */
  prepare<Request>(kind: string, header: PrepareHeader, request: Request, reserve: (writer: OperationWriter) => void): OperationOutcome<CounterpartyOperationView> {
    const registration = this.kindOf(kind);
    const fingerprint = fingerprintOf(kind, { request, amount: header.amount, currency: header.currency, tillSessionId: header.tillSessionId });
    const outcome = this.deps.ledger.run(
      { id: header.operationId, kind, fingerprint, tillSessionId: header.tillSessionId, operator: header.operator, approver: header.approver ?? null, reason: null },
      (op) => {
        reserve(op);
        if (reservationOf(this.deps.sqlite, op.id).length === 0) throw new Error(`${kind}: prepare must reserve with at least one pending transfer`);
        op.setAmount(header.amount);
        insertPrepared(this.deps.sqlite, {
          id: op.id,
          kind,
          counterparty: registration.counterparty,
          request: JSON.stringify(request),
          fingerprint,
          amount: header.amount,
          currency: header.currency,
          pays_out: registration.paysOut ? 1 : 0,
          expires_at: new Date(op.date.getTime() + registration.holdMs).toISOString(),
          post_operation_id: uuid7(op.date.getTime()),
          void_operation_id: uuid7(op.date.getTime()),
          till_session_id: header.tillSessionId,
          operator: header.operator,
          created_at: op.at,
        });
        return { operationId: op.id };
      },
    );
    return { result: this.view(header.operationId), replayed: outcome.replayed };
  }

  /**
   * The clerk's step after prepare: sends (a prepared operation) or asks again (one already sent),
   * and answers the durable state. A payout confirmed here is handed over at once: the drawer
   * opens after the commit that booked it.
   */
  execute(id: string, actor: string): Promise<CounterpartyOperationView> {
    return this.exclusive(id, async () => {
      const row = this.require(id);
      if (row.state === 'prepared') return this.send(row, actor);
      if (isFinal(row.state)) return this.view(id);
      return this.resolveRow(row, actor);
    });
  }

  /** Asks once now (the resolver's step, and `counterparty.resolveNow`). Never opens the drawer. */
  resolve(id: string): Promise<CounterpartyOperationView> {
    return this.exclusive(id, async () => this.resolveRow(this.require(id), null));
  }

  /** The clerk cancels before paying: the counterparty drops it, the reservation is voided. */
  cancel(id: string, actor: string): Promise<CounterpartyOperationView> {
    return this.exclusive(id, async () => {
      const row = this.require(id);
      if (isFinal(row.state)) {
        throw new ContractError('RULE_BROKEN', `this operation is already ${row.state}`, { rule: 'counterparty-operation-final', state: row.state });
      }
      // Written first: the request never left, the counterparty cannot have acted.
      if (row.state === 'prepared') return this.conclude(row, 'cancelled', null, { actor, knows: true, detail: 'cancelled before sending' });
      const port = this.kindOf(row.kind).port;
      if (!port.cancel) {
        throw new ContractError('RULE_BROKEN', `${row.counterparty} cannot cancel an operation it received`, { rule: 'counterparty-cannot-cancel' });
      }
      markCancelRequested(this.deps.sqlite, id, this.now());
      return this.askCancel(this.require(id), port.cancel.bind(port), actor);
    });
  }

  /** The cash rule: true only for a durable confirmed payout whose cash has not been handed over. */
  mayPayOut(id: string): boolean {
    const row = readOperation(this.deps.sqlite, id);
    return row !== undefined && row.state === 'confirmed' && row.pays_out === 1 && row.handed_over_at === null;
  }

  /** A payout confirmed after the clerk's screen moved on (the resolver found it): the customer is paid now. */
  handOver(id: string, actor: string): Promise<CounterpartyOperationView> {
    return this.exclusive(id, async () => {
      const row = this.require(id);
      if (row.state !== 'confirmed' || row.pays_out !== 1) {
        throw new ContractError('RULE_BROKEN', 'cash is paid out only for a payout the counterparty confirmed', { rule: 'counterparty-not-confirmed', state: row.state });
      }
      const jobs: PrintJob[] = [];
      const handed = this.deps.sqlite.transaction(() => {
        if (!markHandedOver(this.deps.sqlite, id, this.now())) return false;
        jobs.push(...this.confirmedReceipt(row.kind, id));
        return true;
      })();
      if (!handed) throw new ContractError('CONFLICT', 'this payout was already handed over', { rule: 'already-handed-over' });
      this.deps.devices?.afterCashCommit(jobs, { openDrawer: true, reference: `${id}/hand-over:${actor}` });
      return this.view(id);
    });
  }

  /** Operations the resolver should ask about now. */
  due(limit: number): string[] {
    return dueForResolution(this.deps.sqlite, this.deps.clock.now().getTime(), limit).map((row) => row.id);
  }

  /** The operation under this id, if one was prepared (a retry finds it and only asks where it stands). */
  find(id: string): CounterpartyOperationView | undefined {
    const row = readOperation(this.deps.sqlite, id);
    return row && operationView(row);
  }

  /** The request as it was prepared (and sent, unchanged, on every retry). */
  requestOf<Request>(id: string): Request {
    return JSON.parse(this.require(id).request) as Request;
  }

  view(id: string): CounterpartyOperationView {
    return operationView(this.require(id));
  }

  private async send(row: CounterpartyOperationTable, actor: string | null): Promise<CounterpartyOperationView> {
    const registration = this.kindOf(row.kind);
    // `sent` is durable before the request leaves: after a crash, a prepared row surely never left.
    recordState(this.deps.sqlite, row.id, row.state, 'sent', this.now(), { actor });
    let answer: CounterpartyAnswer;
    try {
      answer = await registration.port.send(row.id, JSON.parse(row.request) as unknown, row.expires_at);
    } catch (error) {
      return this.becameUnknown(row.id, error);
    }
    return this.apply(row.id, answer, actor);
  }

  private async resolveRow(row: CounterpartyOperationTable, actor: string | null): Promise<CounterpartyOperationView> {
    if (row.state === 'prepared') {
      if (actor !== null) return this.send(row, actor);
      // Left by an earlier run (or never sent before its expiry): it never left, so it is cancelled for sure.
      if (Date.parse(row.created_at) < this.startedAt || this.expired(row)) {
        return this.conclude(row, 'cancelled', null, { actor: null, knows: true, detail: 'never sent' });
      }
      return this.view(row.id);
    }
    const port = this.kindOf(row.kind).port;
    if (row.cancel_requested === 1 && port.cancel && !isFinal(row.state)) return this.askCancel(row, port.cancel.bind(port), actor);
    // Voided here on the branch's own word (the hold's expiry passed unanswered): the counterparty
    // is told to drop it, not asked. Asked, a counterparty whose own hold outlasts ours (it counts
    // from when the request arrived) answers "held", which would make a contrary outcome of our
    // own void — and settling that would book a payout the customer never received.
    if (port.cancel && isFinal(row.state) && bookingOf(row.state) === 'void') return this.askCancel(row, port.cancel.bind(port), actor);
    let answer: CounterpartyAnswer;
    try {
      answer = await port.ask(row.id);
    } catch (error) {
      return this.unanswered(row, error);
    }
    // No trace of it: a counterparty that can cancel is told to drop the id, so a copy still on
    // its way is refused when it arrives, and the void below is certain.
    if (answer.outcome === 'never-received' && port.cancel && !isFinal(row.state)) return this.askCancel(row, port.cancel.bind(port), actor);
    return this.apply(row.id, answer, actor);
  }

  private async askCancel(row: CounterpartyOperationTable, cancel: (id: string) => Promise<CounterpartyAnswer>, actor: string | null): Promise<CounterpartyOperationView> {
    let answer: CounterpartyAnswer;
    try {
      answer = await cancel(row.id);
    } catch (error) {
      return this.unanswered(row, error);
    }
    return this.apply(row.id, answer.outcome === 'never-received' ? { outcome: 'cancelled' } : answer, actor);
  }

  /** The counterparty's answer, booked. */
  private apply(id: string, answer: CounterpartyAnswer, actor: string | null): CounterpartyOperationView {
    const row = this.require(id);
    switch (answer.outcome) {
      case 'confirmed':
        return this.conclude(row, 'confirmed', answer, { actor, knows: true, reference: answer.reference });
      case 'refused':
        return this.conclude(row, 'refused', answer, { actor, knows: true, detail: answer.reason });
      case 'expired':
        return this.conclude(row, 'expired', answer, { actor, knows: true });
      case 'cancelled':
        return this.conclude(row, 'cancelled', answer, { actor, knows: true });
      case 'pending': {
        if (!isFinal(row.state) && row.state !== 'pending') {
          recordState(this.deps.sqlite, id, row.state, 'pending', this.now(), { actor, reference: answer.reference ?? null, answer });
        }
        this.scheduleNext(this.require(id), null);
        return this.view(id);
      }
      case 'never-received':
        // Asked, and the counterparty has no trace: nothing acted. It is cancelled here; until the
        // hold's expiry has passed a late copy could still arrive, so the counterparty is asked again.
        return this.conclude(row, 'cancelled', answer, { actor, knows: this.expired(row), detail: 'never received' });
      default:
        throw new Error(`unexpected counterparty answer ${JSON.stringify(answer satisfies never)}`);
    }
  }

  /**
   * Books a final outcome: the post or void operation (its id made at prepare) and the state, in
   * one transaction. On an operation already final, the same outcome only records that the
   * counterparty agrees; a contrary one becomes a reconciliation item — never a silent change.
   */
  private conclude(
    row: CounterpartyOperationTable,
    outcome: FinalState,
    answer: CounterpartyAnswer | null,
    how: { actor: string | null; knows: boolean; reference?: string | null; detail?: string },
  ): CounterpartyOperationView {
    const sqlite = this.deps.sqlite;
    if (isFinal(row.state)) {
      if (bookingOf(row.state) !== bookingOf(outcome) && how.knows) {
        raiseReconciliation(sqlite, {
          id: uuid7(),
          operation_id: row.id,
          booked: row.state,
          counterparty_says: outcome === 'confirmed' ? 'confirmed' : outcome === 'expired' ? 'expired' : 'refused',
          answer: answer === null ? null : JSON.stringify(answer),
          found_at: this.now(),
        });
        this.deps.logger?.warn({ operationId: row.id, booked: row.state, counterpartySays: outcome }, 'counterparty answer contrary to what was booked: reconciliation item raised');
      }
      if (how.knows) markCounterpartyKnows(sqlite, row.id, this.now());
      else this.scheduleNext(row, null);
      return this.view(row.id);
    }
    const booking = bookingOf(outcome);
    const post = booking === 'post';
    // A payout confirmed while the clerk waits is handed over now; found later, it waits in the list.
    const handOver = post && row.pays_out === 1 && how.actor !== null;
    const jobs: PrintJob[] = [];
    this.deps.ledger.run(
      {
        id: post ? row.post_operation_id : row.void_operation_id,
        kind: post ? 'counterparty-post' : 'counterparty-void',
        fingerprint: fingerprintOf(post ? 'counterparty-post' : 'counterparty-void', { operationId: row.id }),
        tillSessionId: row.till_session_id,
        operator: how.actor ?? row.operator,
        approver: null,
        reason: post ? null : outcome,
      },
      (op) => {
        const current = this.require(row.id);
        for (const pending of reservationOf(sqlite, row.id)) {
          op.transfer({
            debit: pending.debit_account_id,
            credit: pending.credit_account_id,
            amount: pending.amount,
            currency: pending.currency,
            code: pending.code,
            phase: post ? 'post-pending' : 'void-pending',
            pendingId: pending.id,
            reference: pending.reference,
            tillSessionId: pending.till_session_id,
          });
        }
        op.setAmount(row.amount);
        recordState(sqlite, row.id, current.state, outcome, op.at, {
          actor: how.actor,
          answer: answer ?? undefined,
          reference: how.reference ?? null,
          counterpartyKnows: how.knows,
          handedOver: handOver,
          detail: how.detail ?? null,
        });
        if (!how.knows) recordAttempt(sqlite, row.id, this.nextAttemptAt(current.attempts), null, op.at);
        if (post && (handOver || row.pays_out === 0)) jobs.push(...this.confirmedReceipt(row.kind, row.id));
        return { operationId: row.id, state: outcome };
      },
    );
    if (jobs.length > 0 || handOver) this.deps.devices?.afterCashCommit(jobs, { openDrawer: handOver, reference: row.id });
    return this.view(row.id);
  }

  /** The request may have acted: nothing is paid, an incident receipt is printed, the resolver asks. */
  private becameUnknown(id: string, error: unknown): CounterpartyOperationView {
    this.logUnreachable(id, error);
    const jobs: PrintJob[] = [];
    this.deps.sqlite.transaction(() => {
      const row = this.require(id);
      const at = this.now();
      recordState(this.deps.sqlite, id, row.state, 'unknown', at, { detail: reasonOf(error) });
      recordAttempt(this.deps.sqlite, id, this.nextAttemptAt(row.attempts), reasonOf(error), at);
      const branch = this.deps.branch();
      if (this.deps.devices && branch) jobs.push(this.deps.devices.outbox.receipt(incidentReceipt(row, at, branch), `${id}/incident`));
    })();
    this.deps.devices?.afterCashCommit(jobs, { openDrawer: false, reference: id });
    return this.view(id);
  }

  /** No answer to an ask or a cancel: past the hold's expiry the reservation is voided here; otherwise ask again later. */
  private unanswered(row: CounterpartyOperationTable, error: unknown): CounterpartyOperationView {
    this.logUnreachable(row.id, error);
    if (!isFinal(row.state) && this.expired(row)) {
      return this.conclude(row, 'expired', null, { actor: null, knows: false, detail: `expired here: ${reasonOf(error)}` });
    }
    this.scheduleNext(row, reasonOf(error));
    return this.view(row.id);
  }

  private scheduleNext(row: CounterpartyOperationTable, error: string | null): void {
    recordAttempt(this.deps.sqlite, row.id, this.nextAttemptAt(row.attempts), error, this.now());
  }

  private nextAttemptAt(attempts: number): number {
    return this.deps.clock.now().getTime() + retryDelay(attempts, this.retry, this.deps.random);
  }

  private confirmedReceipt(kind: string, id: string): PrintJob[] {
    const make = this.kinds.get(kind)?.confirmedReceipt;
    const branch = this.deps.branch();
    if (!make || !branch || !this.deps.devices) return [];
    return [this.deps.devices.outbox.receipt(make(this.view(id), branch), id)];
  }

  private expired(row: CounterpartyOperationTable): boolean {
    return this.deps.clock.now().getTime() >= Date.parse(row.expires_at);
  }

  private logUnreachable(id: string, error: unknown): void {
    // An error that is not the port's typed one is a fault in the port; it is still "we do not know".
    const level = error instanceof CounterpartyUnreachable ? 'warn' : 'error';
    this.deps.logger?.[level]({ operationId: id, err: error }, 'counterparty did not answer');
  }

  private kindOf(kind: string): CounterpartyKind<unknown> {
    const registration = this.kinds.get(kind);
    if (!registration) throw new ContractError('RULE_BROKEN', `no counterparty is set up for ${kind}`, { rule: 'counterparty-not-configured', kind });
    return registration;
  }

  private require(id: string): CounterpartyOperationTable {
    const row = readOperation(this.deps.sqlite, id);
    if (!row) throw new ContractError('NOT_FOUND', 'no operation with a counterparty under this id', { rule: 'counterparty-operation-not-found', operationId: id });
    return row;
  }

  private now(): string {
    return localIsoTime(this.deps.clock.now());
  }

  private exclusive<R>(id: string, step: () => Promise<R>): Promise<R> {
    const before = this.running.get(id) ?? Promise.resolve();
    const next = before.then(step, step);
    const settled = next.catch(() => undefined);
    this.running.set(id, settled);
    void settled.then(() => {
      // Forget the chain once nothing follows it, so the map does not grow with every operation.
      if (this.running.get(id) === settled) this.running.delete(id);
    });
    return next;
  }
}

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 300);
