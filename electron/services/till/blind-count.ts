import { ContractError, type CountResult, type ParsedInput } from '@shared/contract';
import type { Sqlite } from '../db/open-database';
import { fingerprintOf, type OperationOutcome } from '../ledger/ledger';
import { countTotal } from './cash-policy';
import type { Actor, TillContext } from './till-context';
import { countsOfSession, insertCount } from './till-counts.repository';
import { expectedCash, openPending, readSession, requireOwner, requireStatus, setStatus } from './till-sessions.repository';
import type { TillCountTable } from './till.tables';

export function toCountResult(row: TillCountTable, currency: string): CountResult {
  const difference = row.counted - row.expected;
  return {
    countId: row.id,
    sessionId: row.till_session_id,
    attempt: row.attempt,
    counted: { minor: row.counted, currency },
    expected: { minor: row.expected, currency },
    difference: { minor: difference, currency },
    outcome: difference === 0 ? 'balanced' : difference > 0 ? 'over' : 'short',
    countedBy: row.counted_by,
    at: row.at,
    replayed: false,
  };
}

export function refuseWhilePending(sqlite: Sqlite, sessionId: string): void {
  const pending = openPending(sqlite, sessionId);
  if (pending.length > 0) {
    throw new ContractError('RULE_BROKEN', 'cash is still in transit: confirm or cancel it first', {
      rule: 'pending-transfers',
      pending: pending.map((p) => ({ transferId: p.transferId, kind: p.kind, minor: p.amount.minor, awaiting: p.awaiting })),
    });
  }
}

/**
 * The clerk counts by denomination without having seen the expected amount; the
 * comparison is revealed only in the answer. The first count stops trading on
 * the till, so the expected amount cannot move under a recount. Every count is
 * kept; the close uses the latest. Counts post nothing: they are an operation
 * for idempotency and the audit trail only.
 */
export function submitCount(ctx: TillContext, actor: Actor, input: ParsedInput<'till.submitCount'>): OperationOutcome<CountResult> {
  const config = ctx.config();
  const counted = countTotal(input.counts, config, 'counts');
  return ctx.ledger.run(
    { id: input.operationId, kind: 'count', fingerprint: fingerprintOf('count', input), tillSessionId: input.sessionId, operator: actor.username, approver: null, reason: null },
    (op) => {
      const session = readSession(ctx.sqlite, input.sessionId);
      requireOwner(session, actor, true);
      requireStatus(session, 'open', 'counting');
      refuseWhilePending(ctx.sqlite, session.id);
      const attempt = 1 + countsOfSession(ctx.sqlite, session.id);
      const row: TillCountTable = {
        id: input.operationId,
        till_session_id: session.id,
        attempt,
        counted_by: actor.username,
        at: op.at,
        denominations: JSON.stringify(input.counts.filter((c) => c.quantity > 0)),
        counted,
        expected: expectedCash(ctx.sqlite, session),
      };
      insertCount(ctx.sqlite, row);
      if (session.status === 'open') setStatus(ctx.sqlite, session.id, 'counting');
      op.setAmount(counted);
      return toCountResult(row, session.currency);
    },
  );
}
