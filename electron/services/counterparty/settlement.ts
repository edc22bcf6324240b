import { ContractError, type CounterpartyReconciliationView } from '@shared/contract';
import type { Sqlite } from '../db/open-database';
import { accountFor } from '../ledger/accounts';
import { fingerprintOf, type Ledger, type OperationOutcome } from '../ledger/ledger';
import { listReconciliations, readOperation, readReconciliation, reservationOf, settleReconciliation } from './counterparty-operations.repository';
import { reconciliationView } from './operation-view';

export interface SettlementRequest {
  reconciliationId: string;
  /** The settlement's own operation id (UUIDv7 made once by the window): a retry replays. */
  settlementId: string;
  reason: string;
  /** Who keyed it, and the supervisor who approved (the same person at their own session). */
  operator: string;
  approver: string;
}

/**
 * Settles an answer contrary to what was booked with a new, attributed ledger operation that
 * books the counterparty's outcome: confirmed after we voided → the reservation's transfers
 * posted afresh; refused or expired after we posted → those transfers reversed. A till's cash
 * account is never touched after the fact (its session may be closed and counted): that side goes
 * to suspense, where the supervisor investigates it — never a silent change to a till.
 */
export function settle(sqlite: Sqlite, ledger: Ledger, request: SettlementRequest): OperationOutcome<CounterpartyReconciliationView> {
  const found = readReconciliation(sqlite, request.reconciliationId);
  if (!found) throw new ContractError('NOT_FOUND', 'no reconciliation item under this id', { rule: 'reconciliation-not-found' });
  if (found.settled_at !== null && found.settlement_operation_id !== request.settlementId) {
    throw new ContractError('CONFLICT', 'this item is already settled', { rule: 'already-settled', settlementId: found.settlement_operation_id });
  }
  const operation = readOperation(sqlite, found.operation_id)!;
  const outcome = ledger.run(
    {
      id: request.settlementId,
      kind: 'counterparty-settlement',
      fingerprint: fingerprintOf('counterparty-settlement', { reconciliationId: request.reconciliationId, reason: request.reason }),
      tillSessionId: null,
      operator: request.operator,
      approver: request.approver,
      reason: request.reason,
    },
    (op) => {
      const followConfirmed = found.counterparty_says === 'confirmed';
      const away = (accountId: string): string => {
        const account = ledger.readAccount(accountId);
        return account?.till_session_id ? op.account(accountFor.suspense(account.currency)).id : accountId;
      };
      for (const pending of reservationOf(sqlite, operation.id)) {
        const debit = away(pending.debit_account_id);
        const credit = away(pending.credit_account_id);
        op.transfer({
          debit: followConfirmed ? debit : credit,
          credit: followConfirmed ? credit : debit,
          amount: pending.amount,
          currency: pending.currency,
          code: 'counterparty-settlement',
          reference: operation.id,
          tillSessionId: null,
        });
      }
      op.setAmount(operation.amount);
      settleReconciliation(sqlite, found.id, { operationId: op.id, settledBy: request.operator, approver: request.approver, reason: request.reason, at: op.at });
      return reconciliationView(readReconciliation(sqlite, found.id)!, operation);
    },
  );
  return outcome;
}

export function reconciliations(sqlite: Sqlite): CounterpartyReconciliationView[] {
  return listReconciliations(sqlite).map((item) => reconciliationView(item, readOperation(sqlite, item.operation_id)!));
}
