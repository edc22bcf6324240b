import { createHash } from 'node:crypto';
import { ContractError } from '@shared/contract';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Sqlite } from '../db/open-database';
import { ACCOUNT_FLAG, type AccountSpec } from './accounts';
import { balanceWriter, type BalanceWriter } from './balance-writer';
import type { JournalKey } from './journal-key';
import { ledgerRepository, type LedgerRepository } from './ledger.repository';
import type { LedgerAccountTable, LedgerTransferTable } from './ledger.tables';
import { localIsoTime } from './local-time';
import { GENESIS_HASH, hashedValues, hashOfValues, type HashedFields } from './transfer-hash';
import { movesPostedMoney, phaseFlag, TRANSFER_FLAG, type TransferPhase } from './transfer-phase';

/** Who did what: written on the operation and on each of its transfers. */
export interface OperationHeader {
  /** The client's UUIDv7 for this user intent. */
  id: string;
  kind: string;
  /** Hash of the request: the same id with a different request is refused. */
  fingerprint: string;
  tillSessionId: string | null;
  operator: string;
  approver: string | null;
  reason: string | null;
  reversesOperationId?: string | null;
}

export interface TransferDraft {
  debit: AccountSpec | string;
  credit: AccountSpec | string;
  amount: number;
  currency: string;
  code: string;
  /** Items paid for, counted in the session totals for the Z report (not hashed: transfers move money). */
  quantity?: number;
  phase?: TransferPhase;
  pendingId?: string | null;
  reference?: string | null;
  /** The reference may be booked once in the whole ledger (an S10 number, a money-order number). */
  uniqueReference?: boolean;
  reversalOf?: string | null;
  tillSessionId?: string | null;
}

export interface PostedTransfer {
  id: string;
  seq: number;
}

/** What an operation's body may do inside its transaction. */
export interface OperationWriter {
  readonly id: string;
  readonly at: string;
  readonly date: Date;
  transfer(draft: TransferDraft): PostedTransfer;
  account(spec: AccountSpec): LedgerAccountTable;
  /** The operation's headline amount, kept on the operation row for lists. */
  setAmount(amount: number): void;
  /** The hash of the last transfer written so far (after the last one: what the branch key signs); null before any. */
  lastHash(): string | null;
}

export interface OperationOutcome<R> {
  result: R;
  replayed: boolean;
}

export const fingerprintOf = (kind: string, request: unknown): string =>
  createHash('sha256').update(kind).update('\n').update(JSON.stringify(request)).digest('hex');

/** Says what is there and what was asked, so the supervisor knows how much is missing. */
const insufficient = (account: LedgerAccountTable, available: number, asked: number): ContractError =>
  new ContractError('RULE_BROKEN', `not enough money in ${account.name}: ${available} available, ${asked} asked`, {
    rule: 'insufficient-funds',
    accountId: account.id,
    accountCode: account.code,
    available: Math.max(0, available),
    asked,
  });

/**
 * The branch ledger: immutable double-entry transfers grouped into operations.
 * One operation is one SQLite transaction: its transfers, the balance updates,
 * the session totals, the operation row and the audit entry commit together or
 * not at all. The operation id is the primary key: a retry returns the stored
 * result and posts nothing.
 */
export class Ledger {
  private readonly statements: LedgerRepository;

  /** BEGIN IMMEDIATE … COMMIT around one operation, made once (better-sqlite3 builds a wrapper per call). */
  private readonly immediate;

  private readonly balances: BalanceWriter;

  constructor(
    private readonly sqlite: Sqlite,
    private readonly clock: Clock,
    private readonly audit: AuditLog | null,
    /** Signs each operation's last hash and seals the balances it moves. */
    readonly journal: JournalKey,
  ) {
    // Before any statement that moves a balance is prepared: the trigger calls this function.
    this.balances = balanceWriter(sqlite);
    this.immediate = sqlite.transaction((header: OperationHeader, body: (writer: OperationWriter) => unknown) => this.runInTransaction(header, body)).immediate;
    this.statements = ledgerRepository(sqlite);
  }

  /** The stored result of an operation already booked under this id, if any. */
  replay<R>(id: string, fingerprint: string): R | undefined {
    // The fingerprint alone first: on every new operation the answer is "none", and the
    // stored result (the largest column) is read only for a real retry.
    const existing = this.statements.fingerprint(id);
    if (!existing) return undefined;
    if (existing.fingerprint !== fingerprint) {
      throw new ContractError('CONFLICT', 'this operation id was already used for a different operation', {
        rule: 'operation-id-reused',
        operationId: id,
        kind: existing.kind,
      });
    }
    return JSON.parse(this.statements.operation(id)!.result) as R;
  }

  /**
   * Runs one business operation. `body` runs inside the transaction and throws to
   * refuse; nothing of a refused operation is kept except its audit line.
   */
  run<R>(header: OperationHeader, body: (writer: OperationWriter) => R): OperationOutcome<R> {
    try {
      // The retry check runs inside the write lock only: checked before it, another
      // process could book the same id in between.
      return this.balances.during(() => this.immediate(header, body as (writer: OperationWriter) => unknown)) as OperationOutcome<R>;
    } catch (error) {
      if (error instanceof ContractError) {
        this.audit?.record({
          actor: header.operator,
          action: `ledger.${header.kind}`,
          subject: header.id,
          outcome: 'refused',
          details: { code: error.code, rule: error.details?.rule ?? null, approver: header.approver },
        });
      }
      throw error;
    }
  }

  /** The account as stored (balances included), or undefined. */
  readAccount(id: string): LedgerAccountTable | undefined {
    return this.statements.account(id);
  }

  readTransfer(id: string): LedgerTransferTable | undefined {
    return this.statements.transfer(id);
  }

  private runInTransaction<R>(header: OperationHeader, body: (writer: OperationWriter) => R): OperationOutcome<R> {
    const stored = this.replay<R>(header.id, header.fingerprint);
    if (stored !== undefined) return { result: stored, replayed: true };

    const date = this.clock.now();
    const at = localIsoTime(date);
    const last = this.statements.head();
    let seq = last?.seq ?? 0;
    let prevHash = last?.hash ?? GENESIS_HASH;
    let firstSeq: number | null = null;
    let count = 0;
    let amount = 0;

    // Each account is read once per operation; the copy follows every balance move
    // below, so limit checks on a second line see the first line's money.
    const touched = new Map<string, LedgerAccountTable>();
    const ensure = (spec: AccountSpec | string): LedgerAccountTable => {
      const id = typeof spec === 'string' ? spec : spec.id;
      const cached = touched.get(id);
      if (cached) return cached;
      let found = this.statements.account(id);
      if (!found) {
        if (typeof spec === 'string') throw new ContractError('NOT_FOUND', `no ledger account ${spec}`, { accountId: spec });
        const seal = this.journal.seal({ id, debits_posted: 0, debits_pending: 0, credits_posted: 0, credits_pending: 0, last_seq: null });
        this.statements.insertAccount({
          id,
          code: spec.code,
          currency: spec.currency,
          name: spec.name,
          flags: spec.flags,
          till_session_id: spec.tillSessionId,
          created_at: at,
          balance_seal: seal,
        });
        found = this.statements.account(id)!;
      } else if (found.flags !== 0 && !this.journal.sealHolds(found)) {
        // A limit is checked against this balance: it must be the one the ledger wrote.
        throw new ContractError('RULE_BROKEN', `the balance of ${found.name} fails its check: run ledger verify`, {
          rule: 'balance-unchecked',
          accountId: found.id,
        });
      }
      touched.set(id, found);
      return found;
    };

    const writer: OperationWriter = {
      id: header.id,
      at,
      date,
      account: ensure,
      setAmount: (value) => {
        amount = value;
      },
      lastHash: () => (count > 0 ? prevHash : null),
      transfer: (draft) => {
        const debit = ensure(draft.debit);
        const credit = ensure(draft.credit);
        if (debit.id === credit.id) {
          throw new ContractError('INVALID_INPUT', 'a transfer moves money between two different accounts', { rule: 'same-account' });
        }
        const phase = draft.phase ?? 'posted';
        const flags = phaseFlag[phase];
        if (!Number.isSafeInteger(draft.amount) || draft.amount <= 0) {
          throw new ContractError('INVALID_INPUT', 'a transfer moves a positive whole number of minor units', { rule: 'amount-positive' });
        }
        if (debit.currency !== draft.currency || credit.currency !== draft.currency) {
          throw new ContractError('INVALID_INPUT', 'both accounts of a transfer keep the transfer currency', { rule: 'currency-mismatch' });
        }
        let posted = 0;
        let pending = 0;
        let released = 0;
        if (phase === 'posted' || phase === 'pending') {
          checkLimits(debit, credit, draft.amount);
          if (phase === 'posted') posted = draft.amount;
          else pending = draft.amount;
        } else {
          const reserved = this.resolvablePending(draft.pendingId ?? null, debit.id, credit.id);
          if (draft.amount !== reserved.amount) {
            throw new ContractError('INVALID_INPUT', 'a reservation is posted or voided for its full amount', { rule: 'pending-amount' });
          }
          released = reserved.amount;
          if (phase === 'post-pending') posted = draft.amount;
        }
        seq += 1;
        debit.debits_posted += posted;
        debit.debits_pending += pending - released;
        debit.last_seq = seq;
        credit.credits_posted += posted;
        credit.credits_pending += pending - released;
        credit.last_seq = seq;
        this.statements.moveDebit({ id: debit.id, posted, pending: pending - released, lastSeq: seq, seal: this.journal.seal(debit) });
        this.statements.moveCredit({ id: credit.id, posted, pending: pending - released, lastSeq: seq, seal: this.journal.seal(credit) });

        count += 1;
        firstSeq ??= seq;
        const tillSessionId = draft.tillSessionId === undefined ? header.tillSessionId : draft.tillSessionId;
        const row: HashedFields = {
          seq,
          id: `${header.id}/${count}`,
          operation_id: header.id,
          debit_account_id: debit.id,
          credit_account_id: credit.id,
          amount: draft.amount,
          currency: draft.currency,
          code: draft.code,
          flags,
          pending_id: draft.pendingId ?? null,
          reference: draft.reference ?? null,
          unique_reference: draft.uniqueReference ? (draft.reference ?? null) : null,
          reversal_of: draft.reversalOf ?? null,
          till_session_id: tillSessionId,
          operator: header.operator,
          approver: header.approver,
          reason: header.reason,
          at,
        };
        const hash = hashOfValues(prevHash, hashedValues(row));
        try {
          this.statements.insertTransfer({ ...row, prev_hash: prevHash, hash });
        } catch (error) {
          throw translateConstraint(error, row.reference);
        }
        prevHash = hash;
        if (tillSessionId && movesPostedMoney(flags)) {
          this.statements.addToSessionTotal({
            tillSessionId,
            code: draft.code,
            debitAccountId: debit.id,
            creditAccountId: credit.id,
            quantity: draft.quantity ?? 1,
            amount: draft.amount,
          });
        }
        return { id: row.id, seq };
      },
    };

    const result = body(writer);
    // One signature per operation, over its last hash: the hash covers every row before it.
    if (count > 0) this.statements.sign(seq, this.journal.keyId, this.journal.sign(prevHash));
    try {
      this.statements.insertOperation({
        id: header.id,
        kind: header.kind,
        fingerprint: header.fingerprint,
        till_session_id: header.tillSessionId,
        operator: header.operator,
        approver: header.approver,
        reason: header.reason,
        reverses_operation_id: header.reversesOperationId ?? null,
        first_seq: firstSeq,
        transfer_count: count,
        amount,
        result: JSON.stringify(result),
        at,
      });
    } catch (error) {
      throw translateConstraint(error, null);
    }
    this.audit?.record({
      actor: header.operator,
      action: `ledger.${header.kind}`,
      subject: header.id,
      outcome: 'ok',
      details: { approver: header.approver, transfers: count, firstSeq, session: header.tillSessionId },
    });
    return { result, replayed: false };
  }

  private resolvablePending(pendingId: string | null, debitId: string, creditId: string): LedgerTransferTable {
    const pending = pendingId ? this.statements.transfer(pendingId) : undefined;
    if (!pending || pending.flags !== TRANSFER_FLAG.pending) {
      throw new ContractError('NOT_FOUND', 'no pending transfer with this id', { rule: 'pending-not-found', pendingId });
    }
    if (this.statements.resolution(pending.id)) {
      throw new ContractError('CONFLICT', 'this pending transfer was already posted or voided', { rule: 'pending-resolved', pendingId });
    }
    if (pending.debit_account_id !== debitId || pending.credit_account_id !== creditId) {
      throw new ContractError('INVALID_INPUT', 'a reservation resolves between its own accounts', { rule: 'pending-accounts' });
    }
    return pending;
  }
}

/** TigerBeetle's balance rules, counting what is already reserved. */
function checkLimits(debit: LedgerAccountTable, credit: LedgerAccountTable, amount: number): void {
  if (debit.flags & ACCOUNT_FLAG.debitsMustNotExceedCredits && debit.debits_posted + debit.debits_pending + amount > debit.credits_posted) {
    throw insufficient(debit, debit.credits_posted - debit.debits_posted - debit.debits_pending, amount);
  }
  if (credit.flags & ACCOUNT_FLAG.creditsMustNotExceedDebits && credit.credits_posted + credit.credits_pending + amount > credit.debits_posted) {
    throw insufficient(credit, credit.debits_posted - credit.credits_posted - credit.credits_pending, amount);
  }
}

/** The database's own refusals, in words a clerk can act on. */
function translateConstraint(error: unknown, reference: string | null): unknown {
  const message = error instanceof Error ? error.message : '';
  if (/UNIQUE constraint failed: ledger_transfers\.unique_reference/.test(message)) {
    return new ContractError('CONFLICT', `reference ${reference ?? ''} is already booked`, { rule: 'duplicate-reference', reference });
  }
  if (/UNIQUE constraint failed: ledger_transfers\.reversal_of|ledger_operations\.reverses_operation_id/.test(message)) {
    return new ContractError('CONFLICT', 'this operation was already voided', { rule: 'already-voided' });
  }
  if (/ledger_transfers_one_resolution|ledger_transfers\.pending_id/.test(message)) {
    return new ContractError('CONFLICT', 'this pending transfer was already posted or voided', { rule: 'pending-resolved' });
  }
  // A branch restored from an older backup: the sequence numbers ahead belong to head office's copy.
  if (/head office already holds this sequence number/.test(message)) {
    return new ContractError('RULE_BROKEN', 'head office already holds this sequence number: the branch is recovering its transfers, trading resumes after', { rule: 'recovering-from-head-office' });
  }
  return error;
}
