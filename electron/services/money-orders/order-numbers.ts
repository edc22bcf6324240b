import { ContractError } from '@shared/contract';
import { makeMoneyOrderNumber, moneyOrderRangeSchema } from '@shared/money-order-number';
import type { Sqlite } from '../db/open-database';
import { typedStatement } from '../db/typed-statement';

/**
 * Order numbers from the serial ranges head office allocated to this branch (reference pull kind
 * `money-order-range`, body `{ first_serial, last_serial }`): the ranges join the allocator once,
 * and a serial taken is never taken again (`next_serial` only moves forward). A body that is not a
 * range (out of bounds, ends swapped) is left out rather than trusted: a wrong range could make a
 * number another branch also makes.
 */
export function moneyOrderNumbers(sqlite: Sqlite) {
  const pulled = typedStatement(sqlite, (db, p: { kind: string }) => db.selectFrom('replication_reference').select(['key', 'body']).where('kind', '=', p.kind));
  const join = typedStatement(sqlite, (db, p: { id: string; first: number; last: number; at: string }) =>
    db
      .insertInto('money_order_number_ranges')
      .values({ id: p.id, first_serial: p.first, last_serial: p.last, next_serial: p.first, source: 'head-office', received_at: p.at })
      .onConflict((oc) => oc.doNothing()),
  );
  const open = typedStatement(sqlite, (db) =>
    db.selectFrom('money_order_number_ranges').select(['id', 'next_serial']).whereRef('next_serial', '<=', 'last_serial').orderBy('first_serial').limit(1),
  );
  const take = typedStatement(sqlite, (db, p: { id: string; serial: number; next: number }) =>
    db.updateTable('money_order_number_ranges').set({ next_serial: p.next }).where('id', '=', p.id).where('next_serial', '=', p.serial),
  );
  return {
    /** What head office allocated since the last look joins the allocator. */
    sync(at: string): void {
      for (const row of pulled.all({ kind: 'money-order-range' })) {
        const range = moneyOrderRangeSchema.safeParse(JSON.parse(row.body));
        if (range.success) join.run({ id: row.key, first: range.data.first_serial, last: range.data.last_serial, at });
      }
    },
    /** The next number; inside the caller's transaction, so a rollback gives it back. */
    next(): string {
      const range = open.get({});
      if (!range) {
        throw new ContractError('RULE_BROKEN', 'this branch has no money order numbers left: head office must allocate a range', { rule: 'no-money-order-numbers' });
      }
      take.run({ id: range.id, serial: range.next_serial, next: range.next_serial + 1 });
      return makeMoneyOrderNumber(range.next_serial);
    },
  };
}

export type MoneyOrderNumbers = ReturnType<typeof moneyOrderNumbers>;
