import { ContractError } from '@shared/contract';
import { makeSavingsAccountNumber } from '@shared/savings-account-number';
import type { Sqlite } from '../db/open-database';
import { ONE_ROW, typedStatement } from '../db/typed-statement';

/**
 * Account numbers from the serial ranges head office allocated to this branch (reference pull kind
 * `savings-range`, body `{ first_serial, last_serial }`): the ranges join the allocator once, and a
 * serial taken is never taken again (`next_serial` only moves forward).
 */
export function savingsAccountNumbers(sqlite: Sqlite) {
  const pulled = typedStatement(sqlite, (db, p: { kind: string }) => db.selectFrom('replication_reference').select(['key', 'body']).where('kind', '=', p.kind));
  const join = typedStatement(sqlite, (db, p: { id: string; first: number; last: number; at: string }) =>
    db
      .insertInto('savings_number_ranges')
      .values({ id: p.id, first_serial: p.first, last_serial: p.last, next_serial: p.first, source: 'head-office', received_at: p.at })
      .onConflict((oc) => oc.doNothing()),
  );
  const open = typedStatement(sqlite, (db) =>
    db.selectFrom('savings_number_ranges').select(['id', 'next_serial']).whereRef('next_serial', '<=', 'last_serial').orderBy('first_serial').limit(ONE_ROW),
  );
  const take = typedStatement(sqlite, (db, p: { id: string; serial: number; next: number }) =>
    db.updateTable('savings_number_ranges').set({ next_serial: p.next }).where('id', '=', p.id).where('next_serial', '=', p.serial),
  );
  return {
    /** What head office allocated since the last look joins the allocator. */
    sync(at: string): void {
      for (const row of pulled.all({ kind: 'savings-range' })) {
        const body = JSON.parse(row.body) as { first_serial: number; last_serial: number };
        join.run({ id: row.key, first: body.first_serial, last: body.last_serial, at });
      }
    },
    /** The next number; inside the caller's transaction, so a rollback gives it back. */
    next(): string {
      const range = open.get({});
      if (!range) {
        throw new ContractError('RULE_BROKEN', 'this branch has no savings account numbers left: head office must allocate a range', { rule: 'no-savings-numbers' });
      }
      take.run({ id: range.id, serial: range.next_serial, next: range.next_serial + 1 });
      return makeSavingsAccountNumber(range.next_serial);
    },
  };
}
