import type { BadRow, VerifyCheckName, VerifyReport } from '@shared/contract';
import type { Sqlite } from '../db/open-database';
import { allAccounts } from './accounts.repository';
import type { JournalKey } from './journal-key';
import { checkSignatures } from './journal-signatures-check';
import type { LedgerAccountTable, LedgerTransferTable } from './ledger.tables';
import { GENESIS_HASH, transferHash } from './transfer-hash';
import { allSessionTotals, transfersWithSignatures } from './transfers.repository';
import { movesPostedMoney, TRANSFER_FLAG } from './transfer-phase';

interface Sums {
  debitsPosted: number;
  debitsPending: number;
  creditsPosted: number;
  creditsPending: number;
}

const zero = (): Sums => ({ debitsPosted: 0, debitsPending: 0, creditsPosted: 0, creditsPending: 0 });
const show = (s: Sums): string => `dp=${s.debitsPosted} dpend=${s.debitsPending} cp=${s.creditsPosted} cpend=${s.creditsPending}`;

const CHECKS: VerifyCheckName[] = ['sequence', 'hash-chain', 'signatures', 'transfer-rules', 'balances', 'debits-equal-credits', 'session-totals'];

/**
 * Recomputes everything from the transfers alone and compares: the sequence has
 * no gap, each row's hash is SHA-256 of the previous hash and the row, every
 * transfer obeys the rules, stored balances and session totals equal the sums of
 * the transfers, debits equal credits per currency. Reports the first bad row by
 * branch sequence: where an auditor starts looking.
 */
export interface VerifyOptions {
  now?: () => number;
  /** The branch's own key, where the counter verifies: the balance seals are checked too. */
  journal?: JournalKey | null;
  /** The fingerprint printed on paper (a Z report, a day close): the head must be signed by that key. */
  fingerprint?: string | null;
}

export function verifyLedger(sqlite: Sqlite, options: VerifyOptions = {}): VerifyReport {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const accounts = new Map(allAccounts(sqlite).map((a) => [a.id, a]));
  const sums = new Map<string, Sums>();
  const sumsOf = (id: string): Sums => {
    let s = sums.get(id);
    if (!s) sums.set(id, (s = zero()));
    return s;
  };
  const openPending = new Map<string, LedgerTransferTable>();
  const sessionTotals = new Map<string, { transfers: number; amount: number }>();
  const failures = new Map<VerifyCheckName, { count: number; first: string }>();
  let firstBadRow: BadRow | null = null;

  const fail = (check: VerifyCheckName, seq: number, transferId: string | null, detail: string): void => {
    const known = failures.get(check);
    if (known) known.count += 1;
    else failures.set(check, { count: 1, first: `seq ${seq}: ${detail}` });
    if (!firstBadRow || seq < firstBadRow.seq) firstBadRow = { seq, transferId, check, detail };
  };

  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let rows = 0;
  // Where each operation's signature sits, and each account's last transfer (where a stored balance stops agreeing).
  const signedSeqs: number[] = [];
  const lastMove = new Map<string, { seq: number; id: string }>();
  for (const row of transfersWithSignatures(sqlite)) {
    rows += 1;
    if (row.signed_seq !== null) signedSeqs.push(row.seq);
    lastMove.set(row.debit_account_id, { seq: row.seq, id: row.id });
    lastMove.set(row.credit_account_id, { seq: row.seq, id: row.id });
    if (row.seq !== expectedSeq) fail('sequence', Math.min(row.seq, expectedSeq), row.id, `expected branch_seq ${expectedSeq}, found ${row.seq}`);
    expectedSeq = row.seq + 1;
    if (row.prev_hash !== prevHash) fail('hash-chain', row.seq, row.id, 'prev_hash does not continue the chain');
    const hash = transferHash(row.prev_hash, row);
    if (hash !== row.hash) fail('hash-chain', row.seq, row.id, 'row does not match its hash: a field was changed after booking');
    prevHash = row.hash;
    checkRules(row, accounts, openPending, (detail) => fail('transfer-rules', row.seq, row.id, detail));

    const debit = sumsOf(row.debit_account_id);
    const credit = sumsOf(row.credit_account_id);
    if (row.flags === TRANSFER_FLAG.pending) {
      debit.debitsPending += row.amount;
      credit.creditsPending += row.amount;
      openPending.set(row.id, row);
    } else if (row.flags === TRANSFER_FLAG.postPending || row.flags === TRANSFER_FLAG.voidPending) {
      const reserved = row.pending_id ? openPending.get(row.pending_id) : undefined;
      if (reserved) {
        debit.debitsPending -= reserved.amount;
        credit.creditsPending -= reserved.amount;
        openPending.delete(reserved.id);
      }
    }
    if (movesPostedMoney(row.flags)) {
      debit.debitsPosted += row.amount;
      credit.creditsPosted += row.amount;
      if (row.till_session_id) {
        const key = [row.till_session_id, row.code, row.debit_account_id, row.credit_account_id].join('\u0000');
        const total = sessionTotals.get(key) ?? { transfers: 0, amount: 0 };
        total.transfers += 1;
        total.amount += row.amount;
        sessionTotals.set(key, total);
      }
    }
  }

  const badAccounts: VerifyReport['badAccounts'] = [];
  const perCurrency = new Map<string, { debits: number; credits: number; debitsPending: number; creditsPending: number }>();
  for (const account of accounts.values()) {
    const stored: Sums = {
      debitsPosted: account.debits_posted,
      debitsPending: account.debits_pending,
      creditsPosted: account.credits_posted,
      creditsPending: account.credits_pending,
    };
    const recomputed = sums.get(account.id) ?? zero();
    const sealHolds = options.journal ? options.journal.sealHolds(account) : null;
    if (show(stored) !== show(recomputed) || sealHolds === false) {
      const after = lastMove.get(account.id);
      badAccounts.push({
        accountId: account.id,
        stored: show(stored),
        recomputed: show(recomputed),
        afterSeq: after?.seq ?? null,
        afterTransferId: after?.id ?? null,
        sealHolds,
      });
    }
    const c = perCurrency.get(account.currency) ?? { debits: 0, credits: 0, debitsPending: 0, creditsPending: 0 };
    c.debits += account.debits_posted;
    c.credits += account.credits_posted;
    c.debitsPending += account.debits_pending;
    c.creditsPending += account.credits_pending;
    perCurrency.set(account.currency, c);
  }
  const unbalanced = [...perCurrency].filter(([, c]) => c.debits !== c.credits || c.debitsPending !== c.creditsPending);

  const storedTotals = allSessionTotals(sqlite);
  let totalsProblem: string | null = null;
  for (const stored of storedTotals) {
    const key = [stored.till_session_id, stored.code, stored.debit_account_id, stored.credit_account_id].join('\u0000');
    const recomputed = sessionTotals.get(key);
    if (!recomputed || recomputed.transfers !== stored.transfers || recomputed.amount !== stored.amount) {
      totalsProblem ??= `session ${stored.till_session_id} ${stored.code}: stored ${stored.amount}, transfers sum to ${recomputed?.amount ?? 0}`;
    }
    sessionTotals.delete(key);
  }
  if (!totalsProblem && sessionTotals.size > 0) totalsProblem = `${sessionTotals.size} session total(s) missing`;

  const signatures = checkSignatures(sqlite, signedSeqs, expectedSeq - 1, options.fingerprint ?? null);
  if (signatures.firstBadSeq !== null) fail('signatures', signatures.firstBadSeq, signatures.firstBadTransferId, signatures.detail);

  const detailOf = (check: VerifyCheckName): { ok: boolean; detail: string } => {
    switch (check) {
      case 'balances': {
        if (badAccounts.length === 0) return { ok: true, detail: `${accounts.size} accounts equal the sums of their transfers` };
        const first = badAccounts[0]!;
        const after = first.afterSeq === null ? 'it has no transfer' : `after transfer seq ${first.afterSeq} (${first.afterTransferId})`;
        return { ok: false, detail: `${badAccounts.length} account(s) differ, first ${first.accountId}: its stored balance disagrees ${after}` };
      }
      case 'signatures':
        return { ok: signatures.firstBadSeq === null, detail: signatures.detail };
      case 'debits-equal-credits':
        return unbalanced.length === 0
          ? { ok: true, detail: `debits equal credits in ${perCurrency.size} currency(ies)` }
          : { ok: false, detail: `unbalanced: ${unbalanced.map(([cur, c]) => `${cur} debits ${c.debits} credits ${c.credits}`).join('; ')}` };
      case 'session-totals':
        return totalsProblem ? { ok: false, detail: totalsProblem } : { ok: true, detail: `${storedTotals.length} session totals match` };
      case 'hash-chain':
      case 'sequence':
      case 'transfer-rules': {
        const failure = failures.get(check);
        return failure ? { ok: false, detail: `${failure.count} problem(s), first at ${failure.first}` } : { ok: true, detail: `${rows} transfers` };
      }
    }
  };
  const checks = CHECKS.map((name) => ({ name, ...detailOf(name) }));
  return {
    ok: checks.every((c) => c.ok),
    transfers: rows,
    lastSeq: expectedSeq - 1,
    lastHash: prevHash,
    checks,
    firstBadRow,
    badAccounts,
    signedBy: signatures.signedBy,
    durationMs: Math.max(0, now() - started),
  };
}

function checkRules(
  row: LedgerTransferTable,
  accounts: Map<string, LedgerAccountTable>,
  openPending: Map<string, LedgerTransferTable>,
  fail: (detail: string) => void,
): void {
  if (!Number.isSafeInteger(row.amount) || row.amount <= 0) fail(`amount ${row.amount} is not a positive whole number`);
  if (row.debit_account_id === row.credit_account_id) fail('debits and credits the same account');
  const debit = accounts.get(row.debit_account_id);
  const credit = accounts.get(row.credit_account_id);
  if (!debit || !credit) fail('refers to an unknown account');
  else if (debit.currency !== row.currency || credit.currency !== row.currency) fail(`currency ${row.currency} differs from its accounts`);
  if (row.flags === TRANSFER_FLAG.postPending || row.flags === TRANSFER_FLAG.voidPending) {
    const reserved = row.pending_id ? openPending.get(row.pending_id) : undefined;
    if (!reserved) fail('resolves a pending transfer that is not open');
    else if (reserved.amount !== row.amount || reserved.debit_account_id !== row.debit_account_id || reserved.credit_account_id !== row.credit_account_id) {
      fail('resolution differs from its pending transfer');
    }
  }
}
