import type { VoidResult } from '@shared/contract';
import type { OperationWriter } from '../ledger/ledger';
import type { LedgerOperationTable } from '../ledger/ledger.tables';
import type { Actor } from './till-context';

/** What the void is about, as the reversal sees it inside the void's transaction. */
export interface Voiding {
  actor: Actor;
  approver: string;
  reason: string;
  target: LedgerOperationTable;
}

/** What a reversal left behind: stored in the void's result, and run once the void has committed. */
export interface ReversalOutcome {
  printing?: VoidResult['printing'];
  /** After the commit only (announce print jobs…); never runs for a refused or replayed void. */
  afterCommit?: () => void;
}

/**
 * How another service's operation is voided at the till. The till's void stays the same for
 * every kind — supervisor approval, one reversing transfer per original with the reason, both
 * in the journal and on the Z report — and the service adds what its operation left behind
 * beyond money (numbers issued, items accepted, print jobs), inside the same transaction.
 */
export interface OperationReversal {
  kind: string;
  /** Items counted per original transfer, in posting order, so the Z report nets the void out. */
  quantities(target: LedgerOperationTable): number[];
  /** Runs inside the void's transaction after the reversing transfers; throws to refuse the void. */
  reverse(op: OperationWriter, voiding: Voiding): ReversalOutcome;
}
