import type { Sqlite } from '../db/open-database';
import { typedStatement } from '../db/typed-statement';
import { isFinal } from '../counterparty/state-machine';
import type { SavingsClosingTable } from './savings.tables';

/** Where an account's closing stands at this branch: none, under way (money held, not yet paid), or paid. */
export type ClosingStanding = 'none' | 'under-way' | 'paid';

/**
 * Closings' intents (migration 0022) and what became of them in the counterparty frame: a closing
 * under way or paid here makes the window refuse the account's other movements, even before head
 * office's copy says closed.
 */
export function closingsRepository(sqlite: Sqlite) {
  const byId = typedStatement(sqlite, (db, p: { operationId: string }) => db.selectFrom('savings_closings').selectAll().where('operation_id', '=', p.operationId));
  const insert = typedStatement(sqlite, (db, p: SavingsClosingTable) =>
    db
      .insertInto('savings_closings')
      .values({ operation_id: p.operation_id, account_number: p.account_number, hold_seconds: p.hold_seconds, operator: p.operator, approver: p.approver, at: p.at })
      .onConflict((oc) => oc.column('operation_id').doNothing()),
  );
  const states = typedStatement(sqlite, (db, p: { accountNumber: string }) =>
    db
      .selectFrom('savings_closings as c')
      .innerJoin('counterparty_operations as o', 'o.id', 'c.operation_id')
      .select(['o.state'])
      .where('c.account_number', '=', p.accountNumber),
  );
  return {
    read: (operationId: string): SavingsClosingTable | undefined => byId.get({ operationId }),
    /** Written once per operation id; a retry keeps the first intent (the caller compares it). */
    keep: (intent: SavingsClosingTable): void => void insert.run(intent),
    standing(accountNumber: string): ClosingStanding {
      const seen = states.all({ accountNumber }).map((row) => row.state);
      if (seen.includes('confirmed')) return 'paid';
      // Voided outcomes (refused, expired, cancelled) leave the account open as it was.
      return seen.some((state) => !isFinal(state)) ? 'under-way' : 'none';
    },
  };
}

export type ClosingsRepository = ReturnType<typeof closingsRepository>;
