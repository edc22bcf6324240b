import type { JournalEntry, ParsedInput } from '@shared/contract';
import type { Sqlite } from '../db/open-database';
import { CORRECTION_CODES, journalRows } from './journal.repository';
import { phaseOf, TRANSFER_FLAG } from './transfer-phase';

type Row = ReturnType<typeof journalRows>[number];

/** The journal for supervisors and auditors, newest first, filtered by till, clerk, code, reference. */
export function queryJournal(sqlite: Sqlite, query: ParsedInput<'journal.query'>): JournalEntry[] {
  return journalRows(sqlite, query).map(toEntry);
}

function toEntry(t: Row): JournalEntry {
  const isCorrection = CORRECTION_CODES.includes(t.code) || t.flags === TRANSFER_FLAG.voidPending;
  return {
    seq: t.seq,
    transferId: t.id,
    operationId: t.operation_id,
    operationKind: t.kind,
    at: t.at,
    code: t.code,
    debit: { id: t.debit_account_id, name: t.debit_name, code: t.debit_code },
    credit: { id: t.credit_account_id, name: t.credit_name, code: t.credit_code },
    amount: { minor: t.amount, currency: t.currency },
    phase: phaseOf(t.flags),
    pendingId: t.pending_id,
    reference: t.reference,
    sessionId: t.till_session_id,
    tillId: t.till_id,
    operator: t.operator,
    approvedBy: t.approver,
    reason: t.reason,
    reversalOf: t.reversal_of,
    correction: isCorrection ? { by: t.operator, approvedBy: t.approver, at: t.at, why: t.reason ?? '' } : null,
    hash: t.hash,
  };
}
