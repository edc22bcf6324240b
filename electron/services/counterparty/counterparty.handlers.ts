import { ContractError } from '@shared/contract';
import type { Approvals } from '../auth/approvals';
import type { Sqlite } from '../db/open-database';
import type { Ledger } from '../ledger/ledger';
import type { Handlers, SignedInContext } from '../router/handlers';
import { signedIn } from '../router/handlers';
import type { CounterpartyFrame } from './counterparty-frame';
import { readOperation, waiting } from './counterparty-operations.repository';
import { operationView } from './operation-view';
import { reconciliations, settle } from './settlement';

type CounterpartyMethods =
  | 'counterparty.waiting'
  | 'counterparty.resolveNow'
  | 'counterparty.cancel'
  | 'counterparty.handOver'
  | 'counterparty.reconciliations'
  | 'counterparty.settle';

/** The waiting list, asking again, cancelling, handing over, and the supervisor's reconciliation. */
export function counterpartyHandlers(deps: { frame: CounterpartyFrame; sqlite: Sqlite; ledger: Ledger; approvals: Approvals }): Pick<Handlers, CounterpartyMethods> {
  const { frame, sqlite } = deps;
  const user = (context: SignedInContext) => context.session.user;
  /** A clerk acts on their own operations; a supervisor on the branch's. */
  const mine = (operationId: string, context: SignedInContext): string => {
    const row = readOperation(sqlite, operationId);
    if (!row) throw new ContractError('NOT_FOUND', 'no operation with a counterparty under this id', { rule: 'counterparty-operation-not-found', operationId });
    if (user(context).role !== 'supervisor' && row.operator !== user(context).username) {
      throw new ContractError('FORBIDDEN_ROLE', `this operation belongs to ${row.operator}`, { rule: 'not-your-operation', operationId });
    }
    return operationId;
  };
  return {
    'counterparty.waiting': (_input, context) => {
      const signed = signedIn(context);
      const operator = user(signed).role === 'clerk' ? user(signed).username : null;
      return { operations: waiting(sqlite, operator).map(operationView) };
    },
    'counterparty.resolveNow': ({ operationId }, context) => frame.resolve(mine(operationId, signedIn(context))),
    'counterparty.cancel': ({ operationId }, context) => {
      const signed = signedIn(context);
      return frame.cancel(mine(operationId, signed), user(signed).username);
    },
    'counterparty.handOver': ({ operationId }, context) => {
      const signed = signedIn(context);
      return frame.handOver(mine(operationId, signed), user(signed).username);
    },
    'counterparty.reconciliations': () => ({ items: reconciliations(sqlite) }),
    'counterparty.settle': async (input, context) => {
      const signed = signedIn(context);
      const approver = await deps.approvals.require({ action: 'counterparty.settle', subject: input.reconciliationId, session: signed.session, credentials: signed.approval });
      const outcome = settle(sqlite, deps.ledger, { ...input, operator: user(signed).username, approver });
      return { ...outcome.result, replayed: outcome.replayed };
    },
  };
}
