import type { Sqlite } from '../db/open-database';

/** While `during` runs, the balance trigger lets this connection move balances (migration 0016). */
export interface BalanceWriter {
  during<T>(write: () => T): T;
}

const writers = new WeakMap<Sqlite, BalanceWriter>();

/**
 * Registers `ledger_balance_writer()` on the connection, once. The trigger on
 * `ledger_accounts` calls it: 1 while the ledger (or a rebuild) books, 0 at any
 * other time. Another program opening the file has no such function, so its
 * UPDATE of a balance fails. This is a fence against an edit by hand, not a
 * proof: someone who drops the trigger passes it, and the balance seal
 * (balance-seal.ts) and `ledger verify` are what catch them.
 */
export function balanceWriter(sqlite: Sqlite): BalanceWriter {
  const known = writers.get(sqlite);
  if (known) return known;
  let depth = 0;
  sqlite.function('ledger_balance_writer', { deterministic: false }, () => (depth > 0 ? 1 : 0));
  const writer: BalanceWriter = {
    during(write) {
      depth += 1;
      try {
        return write();
      } finally {
        depth -= 1;
      }
    },
  };
  writers.set(sqlite, writer);
  return writer;
}
